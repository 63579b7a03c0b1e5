// `compare --currency … --sync` in process (the spawned CLI tests are in compare.test.ts): the
// network is replaced at fetch; the price feeds answer 503 (the bundled card is kept) and
// Frankfurter answers in its documented shape (`{amount, base, date, rates}` per USD; the figures
// are examples, not a capture).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../compare';

const dir = mkdtempSync(join(tmpdir(), 'tm-compare-sync-'));
const prompt = join(dir, 'prompt.txt');
writeFileSync(prompt, 'Summarise the attached quarterly report in three bullet points.\n');

async function cli(args: string[], fx: () => Response) {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  const fetchSpy = vi.fn(async (url: string) =>
    url.includes('frankfurter') ? fx() : new Response('busy', { status: 503 }),
  );
  vi.stubGlobal('fetch', fetchSpy);
  const code = await run(args);
  vi.unstubAllGlobals();
  return { code, out, err, urls: fetchSpy.mock.calls.map((c) => String(c[0])) };
}

const rates = (eur: number) =>
  Response.json({ amount: 1, base: 'USD', date: '2026-12-04', rates: { EUR: eur, ISK: 138.5 } });

afterEach(() => vi.restoreAllMocks());

describe('cli compare --sync', () => {
  it('converts at the synced rate, and a currency only the sync knows is accepted', async () => {
    const args = [prompt, '--models', 'gpt-5.5,deepseek/deepseek-v3.2', '--json'];
    const bundled = await cli([...args, '--currency', 'EUR'], () => rates(0.5));
    expect(bundled.urls).toEqual([]);
    const synced = await cli([...args, '--currency', 'EUR', '--sync'], () => rates(0.5));
    expect(synced.code).toBe(0);
    expect(synced.urls.some((u) => u.startsWith('https://api.frankfurter.dev/v1/latest'))).toBe(
      true,
    );
    const gpt = (out: string) =>
      (JSON.parse(out) as { model: string; total: number; local: { total: number } }[]).find(
        (r) => r.model === 'openai/gpt-5.5',
      )!;
    // The USD figures are the same; EUR is half of them at the synced 0.5 (not the bundled 0.95).
    expect(gpt(synced.out).total).toBe(gpt(bundled.out).total);
    expect(gpt(synced.out).local.total).toBeCloseTo(gpt(synced.out).total * 0.5, 6);
    expect(gpt(bundled.out).local.total).toBeGreaterThan(gpt(synced.out).local.total * 1.8);

    expect((await cli([...args, '--currency', 'ISK'], () => rates(0.5))).code).toBe(2);
    const isk = await cli([...args, '--currency', 'ISK', '--sync'], () => rates(0.5));
    expect(isk.code).toBe(0);
    expect(gpt(isk.out).local).toMatchObject({ currency: 'ISK', basis: 'converted' });
  });

  it('a refused rate warns and keeps the bundled one; a currency with no rate then exits 2', async () => {
    const args = [prompt, '--models', 'gpt-5.5', '--json', '--sync'];
    const moved = await cli([...args, '--currency', 'EUR'], () => rates(10));
    expect(moved.code).toBe(0);
    expect(moved.err).toMatch(/EUR moved from .* \(more than 10x\).*bundled exchange rates/);
    const none = await cli([...args, '--currency', 'ISK'], () => new Response('', { status: 502 }));
    expect(none.code).toBe(2);
    expect(JSON.parse(none.err.trim().split('\n').at(-1)!).error).toMatch(
      /no exchange rate for ISK/,
    );
  });
});
