// The compare CLI against the count and price CLIs, each spawned as a user would run it: every
// row's tokens must equal `count --model <id>` and its total `price --input <tokens> --output N`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules/.bin/tsx');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliWithInput(undefined, ...args);
}

async function cliWithInput(
  stdin: string | undefined,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  try {
    const pending = exec(TSX, ['scripts/cli.ts', ...args], {
      cwd: ROOT,
      maxBuffer: 10 * 1024 * 1024,
    });
    pending.child.stdin?.end(stdin ?? '');
    const { stdout, stderr } = await pending;
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tm-compare-'));
const prompt = join(dir, 'prompt.txt');
writeFileSync(
  prompt,
  readFileSync(join(ROOT, 'tests/fixtures/tokenize/samples/english.txt'), 'utf8') +
    readFileSync(join(ROOT, 'tests/fixtures/tokenize/samples/zh-cn.txt'), 'utf8').slice(0, 2000),
);

// One model per kind of count: tiktoken, two HF vocabularies, a related vocabulary, estimates.
const MODELS = [
  'gpt-5.5',
  'deepseek/deepseek-v3.2',
  'alibaba/qwen3.6-plus',
  'anthropic/claude-sonnet-4-6',
  'google/gemini-3-pro-preview',
  'acme/not-a-model',
];

describe('cli compare', () => {
  it('matches count and price for each model, sorted by total', async () => {
    const r = await cli(
      'compare',
      prompt,
      '--models',
      MODELS.join(','),
      '--output-tokens',
      '700',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(rows).toHaveLength(MODELS.length);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        'model',
        'tokens',
        'provenance',
        'inputCost',
        'outputCost',
        'total',
        'fitsContext',
      ]);
    }
    const totals = rows.map((row) => row.total).filter((t) => t !== null) as number[];
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(rows.at(-1)).toMatchObject({ model: 'acme/not-a-model', total: null, inputCost: null });

    await Promise.all(
      MODELS.map(async (asked) => {
        const count = JSON.parse((await cli('count', '--model', asked, prompt)).out);
        const row = rows.find((x) => x.model === (count.model ?? asked))!;
        expect(row, asked).toBeDefined();
        expect(row.tokens, asked).toBe(count.tokens);
        expect(row.provenance, asked).toBe(count.provenance);
        const price = JSON.parse(
          (await cli('price', '--model', asked, '--input', String(count.tokens), '--output', '700'))
            .out,
        );
        if (!price.priced) {
          expect(row.total, asked).toBeNull();
          return;
        }
        expect(row.total, asked).toBe(price.cost);
        expect(row.inputCost, asked).toBe(price.breakdown.input);
        expect(row.outputCost, asked).toBe(price.breakdown.output);
      }),
    );
  }, 120_000);

  it('reads stdin, defaults to the compare view’s default model list, and prints a table', async () => {
    const r = await cliWithInput(
      readFileSync(prompt, 'utf8'),
      'compare',
      '-',
      '--current',
      'gpt-5.5',
    );
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(
      /^model\s+tokens\s+provenance\s+family\s+input\s+output\s+total\s+ratio/,
    );
    expect(r.out).toContain('openai/gpt-5.5 (current)');
    expect(r.out).toContain('1.00x');
    expect(r.out).toContain('moonshotai/kimi-k2.6');
    expect(r.out).toContain('Expected reply: 500 tokens');
    // The same text from a file gives the same table.
    expect((await cli('compare', prompt, '--current', 'gpt-5.5')).out).toBe(r.out);
  }, 60_000);

  it('--currency adds each row in that currency, equal to `price --currency`', async () => {
    const models = ['deepseek/deepseek-v3.2', 'gpt-5.5', 'acme/not-a-model'];
    const r = await cli(
      'compare',
      prompt,
      '--models',
      models.join(','),
      '--currency',
      'CNY',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Record<string, any>[];
    const byModel = (id: string) => rows.find((x) => x.model === id)!;
    // DeepSeek bills Chinese accounts in CNY: its own list price, not a conversion.
    expect(byModel('deepseek/deepseek-v3.2').local).toMatchObject({
      currency: 'CNY',
      basis: 'list price',
    });
    expect(byModel('openai/gpt-5.5').local).toMatchObject({ currency: 'CNY', basis: 'converted' });
    expect(byModel('acme/not-a-model')).not.toHaveProperty('local');
    for (const id of ['deepseek/deepseek-v3.2', 'openai/gpt-5.5']) {
      const row = byModel(id);
      const price = JSON.parse(
        (
          await cli(
            'price',
            '--model',
            id,
            '--input',
            String(row.tokens),
            '--output',
            '500',
            '--currency',
            'CNY',
          )
        ).out,
      );
      expect(row.local.total, id).toBe(price.cost);
      expect(row.local.inputCost, id).toBe(price.breakdown.input);
      // The USD fields are as without --currency.
      expect(row.total, id).toBe(price.usd.cost);
    }
    const table = await cli('compare', prompt, '--models', models.join(','), '--currency', 'CNY');
    expect(table.out.split('\n')[0]).toMatch(/total\s+total CNY/);
    expect(table.out).toMatch(/CN¥[\d.]+ ◆/);
    const none = await cli('compare', prompt, '--currency', 'XAF');
    expect(none.code).toBe(2);
    expect(JSON.parse(none.err).error).toMatch(/no exchange rate for XAF/);
  }, 120_000);

  it('rejects bad options and unreadable files with a clear message', async () => {
    const bad = await cli('compare', prompt, '--output-tokens', '-3');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.err).error).toMatch(/--output-tokens must be a whole number/);
    const missing = await cli('compare', join(dir, 'nope.txt'));
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err).error).toMatch(/cannot read .*nope\.txt/);
    const none = await cli('compare');
    expect(none.code).toBe(2);
  }, 60_000);
});
