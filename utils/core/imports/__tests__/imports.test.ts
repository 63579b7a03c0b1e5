import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileImport, ImportTally, type ImportSummary } from '..';

const ROOT = join(__dirname, 'fixtures');

function walk(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    })
    .filter((p) => !p.endsWith('README.md'));
}

const ALL = walk(ROOT).sort();

/** Import files with the bytes cut into chunks of `chunk` bytes (or random sizes). */
function importAll(files: string[], chunk: number | 'random' = 1 << 20, seed = 1): ImportSummary {
  const tally = new ImportTally();
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (const path of files) {
    const bytes = readFileSync(path);
    const file = new FileImport(relative(ROOT, path), {
      event: (e) => void tally.add(e),
      refusal: (r) => tally.refusal(r),
    });
    for (let at = 0; at < bytes.length;) {
      const size = chunk === 'random' ? 1 + Math.floor(rand() * 97) : chunk;
      file.push(bytes.subarray(at, at + size));
      at += size;
    }
    tally.file(file.end());
  }
  return tally.summary();
}

function only(dir: string) {
  return importAll(ALL.filter((p) => relative(ROOT, p).startsWith(dir)));
}

describe('agent logs', () => {
  it('Claude Code: streamed rows keep the last, a resumed copy counts once, bad lines refused', () => {
    const s = only('claude');
    expect(s.bySource['claude-code'].events).toBe(3);
    expect(s.tokens).toEqual({
      input: 908,
      cacheRead: 34860,
      cacheWrite: 1462,
      output: 374,
      reasoning: 0,
    });
    expect(s.duplicates).toBe(3);
    expect(s.skipped).toBe(1);
    expect(s.refusals.map((r) => [r.line, r.reason])).toEqual([
      [9, 'input_tokens is negative (-4)'],
      [10, 'not valid JSON (a truncated or damaged line)'],
    ]);
  });

  it('Codex: deltas of the cumulative totals, re-emits and fork replays not counted again', () => {
    const s = only('codex');
    expect(s.bySource.codex.events).toBe(4);
    // Split, not added: 70,000 input of which 50,000 cached; 3,400 output of which 1,900 reasoning.
    expect(s.tokens).toEqual({
      input: 20000,
      cacheRead: 50000,
      cacheWrite: 0,
      output: 1500,
      reasoning: 1900,
    });
    expect(s.duplicates).toBe(3);
    expect(s.skipped).toBe(1);
    expect(s.refused).toBe(1);
  });

  it('OpenClaw: billed cost kept, delivery mirrors skipped, the archived copy counted once', () => {
    const s = only('openclaw');
    expect(s.bySource.openclaw.events).toBe(2);
    expect(s.billedUsd).toBeCloseTo(0.06083, 9);
    expect(s.tokens).toEqual({
      input: 4060,
      cacheRead: 108928,
      cacheWrite: 5000,
      output: 855,
      reasoning: 0,
    });
    expect(s.skipped).toBe(2);
    expect(s.duplicates).toBe(2);
  });

  it('Kimi, Gemini and Qwen CLIs', () => {
    expect(only('kimi').tokens).toEqual({
      input: 1320,
      cacheRead: 600,
      cacheWrite: 100,
      output: 430,
      reasoning: 0,
    });
    expect(only('kimi').duplicates).toBe(1);
    expect(only('gemini').tokens).toEqual({
      input: 15030,
      cacheRead: 6000,
      cacheWrite: 0,
      output: 490,
      reasoning: 250,
    });
    const q = only('qwen');
    expect(q.tokens).toEqual({
      input: 8150,
      cacheRead: 17264,
      cacheWrite: 0,
      output: 276,
      reasoning: 39,
    });
    expect(q.timestampsWithoutZone).toBe(1);
  });
});

describe('reports and exports', () => {
  it('ccusage: every shape, one event per model, a later export of a day replaces the earlier', () => {
    const s = only('reports/ccusage');
    expect(s.bySource.ccusage.events).toBe(10);
    expect(s.duplicates).toBe(3);
    expect(s.skipped).toBe(1);
    expect(s.refused).toBe(0);
    expect(s.billedUsd).toBe(0);
    // 17.58 + 1.2 (later) + 120.5 + 1.489 + 6.5 + 0.05 + 0.07 + 0.2 + 0.11: ccusage's own estimate.
    expect(s.sourceEstimateUsd).toBeCloseTo(147.699, 9);
    expect(s.tokens.cacheRead).toBe(1024 + 120000 + 3000000 + 350957 + 900000 + 12000 + 27000);
  });

  it('tokscale: disjoint classes; an entry without a date refused with the reason', () => {
    const s = only('reports/tokscale');
    expect(s.bySource.tokscale.events).toBe(2);
    expect(s.tokens).toEqual({
      input: 26051,
      cacheRead: 51920,
      cacheWrite: 3000,
      output: 1247,
      reasoning: 40,
    });
    expect(s.refusals[0].reason).toMatch(/no date/);
  });

  it('OpenRouter: CSV by column name (reordered, renamed), cached and reasoning split out, billed', () => {
    const s = only('reports/openrouter');
    expect(s.bySource.openrouter.events).toBe(4);
    expect(s.duplicates).toBe(1);
    expect(s.refusals.map((r) => r.reason)).toEqual(['tokens_prompt is negative (-5)']);
    // 0.0123 + BYOK 0.0031 + 0.00215 + activity API 0.42
    expect(s.billedUsd).toBeCloseTo(0.43755, 9);
    expect(s.timestampsWithoutZone).toBe(5);
  });

  it('OpenAI and Anthropic organization reports', () => {
    const o = only('reports/openai');
    expect(o.bySource['openai-org']).toMatchObject({ events: 3, billedUsd: 1.31 });
    expect(o.tokens).toMatchObject({ input: 200, cacheRead: 800, output: 500 });
    const a = only('reports/anthropic');
    // "123.45" cents = $1.2345
    expect(a.bySource['anthropic-org']).toMatchObject({ events: 3, billedUsd: 1.2345 });
    expect(a.tokens).toEqual({
      input: 1510,
      cacheRead: 200000,
      cacheWrite: 1500,
      output: 6020,
      reasoning: 0,
    });
  });
});

describe('idempotency', () => {
  const once = importAll(ALL);
  const totals = (s: ImportSummary) => ({
    events: s.events,
    tokens: s.tokens,
    billed: s.billedUsd,
    by: s.bySource,
  });

  it('the same files twice add nothing', () => {
    const twice = importAll([...ALL, ...ALL]);
    expect(totals(twice)).toEqual(totals(once));
    expect(twice.duplicates).toBe(once.duplicates * 2 + once.events);
  });

  it('in any order and any chunking, the same totals', () => {
    for (const seed of [3, 7, 11]) {
      let s = seed;
      const shuffled = [...ALL, ...ALL]
        .map((p) => [(s = (s * 16807) % 2147483647), p] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, p]) => p);
      expect(totals(importAll(shuffled, 'random', seed))).toEqual(totals(once));
    }
    expect(totals(importAll(ALL, 1))).toEqual(totals(once));
  });
});

/** One file's bytes in one chunk, tallied. */
function one(name: string, bytes: Uint8Array): ImportSummary {
  const tally = new ImportTally();
  const f = new FileImport(name, {
    event: (e) => void tally.add(e),
    refusal: (r) => tally.refusal(r),
  });
  f.push(bytes);
  tally.file(f.end());
  return tally.summary();
}

describe('bad input', () => {
  it('a UTF-16 file (with or without BOM) reads as its text', () => {
    const text = readFileSync(join(ROOT, 'kimi/sessions/g1/s-7f2a/wire.jsonl'), 'utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(one('wire.jsonl', le).tokens).toEqual(only('kimi').tokens);
    expect(one('wire.jsonl', Buffer.from(text, 'utf16le')).tokens).toEqual(only('kimi').tokens);
  });

  it('a binary file, an empty file and an unknown CSV are refused as a whole, with a reason', () => {
    expect(
      one('x.jsonl', new Uint8Array([0x7b, 0, 1, 2, 0, 0, 9, 0, 0, 5])).files[0].error,
    ).toMatch(/binary/);
    expect(one('x.jsonl', new Uint8Array()).files[0].error).toMatch(/empty/);
    expect(one('x.csv', Buffer.from('a,b,c\n1,2,3\n')).files[0].error).toMatch(
      /not a known format/,
    );
  });

  it('a truncated JSON report keeps its complete rows and says where it stopped', () => {
    const text = readFileSync(join(ROOT, 'reports/ccusage-session.json'), 'utf8');
    const s = one('cut.json', Buffer.from(text.slice(0, text.indexOf('"totals"'))));
    expect(s.events).toBe(1);
    expect(s.files[0].error).toMatch(/ends early/);
  });

  it('absurd counts and dates out of range are refused, not stored', () => {
    const line = (usage: string, ts = '2025-07-14T14:23:32.422Z') =>
      `{"type":"assistant","sessionId":"s","requestId":"r","timestamp":"${ts}","message":{"id":"m${Math.random()}","model":"claude-sonnet-4","usage":${usage}}}`;
    const s = one(
      'a.jsonl',
      Buffer.from(
        [
          line('{"input_tokens":1e12,"output_tokens":1}'),
          line('{"input_tokens":1.5,"output_tokens":1}'),
          line('{"input_tokens":1,"output_tokens":1}', '1999-01-01T00:00:00Z'),
          line('{"input_tokens":1,"output_tokens":1}'),
        ].join('\n'),
      ),
    );
    expect(s.events).toBe(1);
    expect(s.refusals.map((r) => r.reason)).toEqual([
      'input_tokens is absurd (1000000000000 tokens)',
      'input_tokens is not a whole number (1.5)',
      'timestamp is out of range ("1999-01-01T00:00:00Z")',
    ]);
  });
});

describe('Claude Code lines that cannot carry usage', () => {
  const base = {
    isSidechain: false,
    userType: 'external',
    cwd: '/home/ana/shop',
    sessionId: '1f0e4c3b-0000-4d4d-8e8e-123456789abc',
    version: '2.0.14',
  };
  const user = (text: string) =>
    JSON.stringify({ ...base, type: 'user', message: { role: 'user', content: text }, uuid: 'u' });
  const reply = (id: string, input: number) =>
    JSON.stringify({
      ...base,
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: 'claude-haiku-4-5-20251001',
        content: [{ type: 'text', text: 'ok' }],
        usage: { input_tokens: input, output_tokens: 5 },
      },
      requestId: `req_${id}`,
      type: 'assistant',
      uuid: id,
      timestamp: '2025-10-20T09:00:00.000Z',
    });
  const read = (lines: string[]) =>
    one('projects/-home-ana-shop/s.jsonl', new TextEncoder().encode(lines.join('\n') + '\n'));

  it('are not parsed: a damaged one is still refused by its shape, usage spelled with escapes is read', () => {
    const s = read([
      user('fix the total'),
      reply('msg_a', 100),
      user('the "usage" of this word').slice(0, 60),
      reply('msg_b', 20).replace('"usage"', '"\\u0075sage"'),
      user('mentions "usage" and \\"usage\\" in text'),
      'not json at all',
      user('fine again'),
    ]);
    expect(s.events).toBe(2);
    expect(s.tokens.input).toBe(120);
    expect(s.refusals.map((r) => [r.line, r.reason])).toEqual([
      [3, 'not valid JSON (a truncated or damaged line)'],
      [6, 'not valid JSON (a truncated or damaged line)'],
    ]);
  });

  it('a damaged line that keeps the shape of an object and has no usage key passes unparsed', () => {
    const s = read([user('a'), reply('msg_a', 7), '{"type":"user","message":{"content":"b"}']);
    expect(s.events).toBe(1);
    // Not parsed: its missing brace inside is not seen (it carries no usage either way).
    expect(s.refused).toBe(0);
  });
});
