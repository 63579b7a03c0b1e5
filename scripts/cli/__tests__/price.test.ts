import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_SOURCES } from '../../../utils/core/ratecard';
import { SOURCES, loadModelsDevCopy } from '../../../utils/core/ratecard/__tests__/helpers';
import { run } from '../price';

// The CLI's stdout is its contract: one JSON object per call, in the shape docs/pricing.md shows.
async function cli(args: string, fetchImpl: (url: string) => Promise<Response> = vi.fn()) {
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
  const fetchSpy = vi.fn(fetchImpl);
  vi.stubGlobal('fetch', fetchSpy);
  const code = await run(args.split(' ').filter(Boolean));
  vi.unstubAllGlobals();
  return {
    code,
    out,
    err,
    fetched: fetchSpy.mock.calls.length,
    urls: fetchSpy.mock.calls.map((c) => String(c[0])),
  };
}

afterEach(() => vi.restoreAllMocks());

describe('cli price', () => {
  it('prints the priced shape, costs in USD, and touches no network', async () => {
    const r = await cli(
      '--model gpt-5 --input 10000 --cache-read 90000 --output 2000 --reasoning 8000',
    );
    expect(r.code).toBe(0);
    expect(r.fetched).toBe(0);
    const json = JSON.parse(r.out);
    // The first six fields are the contract scripts rely on; later ones are additions.
    expect(Object.keys(json).slice(0, 6)).toEqual([
      'model',
      'priced',
      'currency',
      'cost',
      'breakdown',
      'source',
    ]);
    expect(Object.keys(json).slice(6)).toEqual([
      'free',
      'variant',
      'at',
      'tierAbove',
      'rules',
      'rule',
      'sources',
    ]);
    expect(json).toMatchObject({
      model: 'openai/gpt-5',
      priced: true,
      currency: 'USD',
      cost: 0.12375,
      breakdown: { input: 0.0125, cacheRead: 0.01125, output: 0.02, reasoning: 0.08 },
    });
    expect(json.source).toMatch(/^models\.dev \(lab list price, 2026-07-02\)$/);
    // Per class, the source and date of the price it was billed at.
    expect(json.sources.input).toEqual({ source: 'models.dev 2026-07-02', date: '2026-07-02' });
    expect(Object.keys(json.sources).sort()).toEqual(Object.keys(json.breakdown).sort());
  });

  it('names the long-context rate and the OpenRouter offer in the source', async () => {
    const tier = JSON.parse((await cli('--model gemini-2.5-pro --input 250000 --output 2000')).out);
    expect(tier.cost).toBe(0.655);
    expect(tier.source).toContain('prompt > 200000 tokens');
    expect(tier.rule.tier).toMatchObject({ above: 200000, date: expect.stringMatching(/^\d{4}-/) });
    const or = JSON.parse(
      (
        await cli(
          '--model qwen3.6-plus --input 1000 --cache-write 1000 --output 1000 --offer openrouter',
        )
      ).out,
    );
    expect(or).toMatchObject({ model: 'alibaba/qwen3.6-plus', cost: 0.002681 });
    expect(or.source).toContain('OpenRouter offer');
  });

  it('prints unpriced for an unknown model, with no cost', async () => {
    const r = await cli('--model acme-9000 --input 5 --output 5');
    expect(JSON.parse(r.out)).toEqual({
      model: 'acme-9000',
      priced: false,
      reason: 'unknown model',
    });
  });

  it.each([
    ['--input 5 --output 5', /--model is required/],
    ['--model gpt-5 --input -5', /--input needs a whole number/],
    ['--model gpt-5 --input 1.5', /--input needs a whole number/],
    ['--model gpt-5 --offer azure', /--offer must be/],
    ['--model gpt-5 --tokens 5', /unknown argument/],
    ['--model gpt-5 --at yesterday', /--at needs an ISO date or time/],
    ['--model gpt-5 --at 2026-13-45', /--at needs an ISO date or time/],
    ['--model gpt-5 --currency DOLLARS', /--currency needs an ISO 4217 code/],
    ['--model gpt-5 --currency XAF', /no exchange rate for XAF/],
  ])('rejects %s with exit code 2 and a JSON error', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(JSON.parse(r.err).error).toMatch(message);
  });

  describe('--sync refreshes the exchange rates too', () => {
    // The price feeds answer 503 (the card is kept as bundled); Frankfurter answers as documented
    // (`{amount, base, date, rates}` per USD); the figures are examples, not a capture.
    const feeds =
      (fx: () => Response) =>
      async (url: string): Promise<Response> =>
        url.includes('frankfurter') ? fx() : new Response('busy', { status: 503 });
    const rates = (eur: number) =>
      Response.json({ amount: 1, base: 'USD', date: '2026-12-04', rates: { EUR: eur, CNY: 7.1 } });

    it('converts at the synced rate and says so', async () => {
      const r = await cli(
        '--model gpt-5 --input 1000000 --output 0 --currency EUR --at 2026-12-05T12:00:00Z --sync',
        feeds(() => rates(0.5)),
      );
      expect(r.code).toBe(0);
      expect(r.urls.some((u) => u.startsWith('https://api.frankfurter.dev/v1/latest'))).toBe(true);
      const out = JSON.parse(r.out);
      expect(out).toMatchObject({ currency: 'EUR', cost: 0.625, usd: { cost: 1.25 } });
      expect(out.exchange.rate).toEqual({
        currency: 'EUR',
        perUsd: 0.5,
        date: '2026-12-04',
        source: 'synced',
      });
    });

    it('a bad answer (a 10x move, or an outage) warns and keeps the bundled rate', async () => {
      for (const fx of [() => rates(95), () => new Response('down', { status: 500 })]) {
        const r = await cli(
          '--model gpt-5 --input 1000000 --output 0 --currency EUR --sync',
          feeds(fx),
        );
        expect(r.code).toBe(0);
        expect(r.err).toMatch(/using the bundled exchange rates/);
        const out = JSON.parse(r.out);
        expect(out.exchange.rate).toMatchObject({ perUsd: 0.952258, source: 'bundled' });
      }
    });

    it('asks for no rate without a currency to convert to', async () => {
      const r = await cli(
        '--model gpt-5 --input 1 --output 1 --sync',
        feeds(() => rates(0.5)),
      );
      expect(r.urls.some((u) => u.includes('frankfurter'))).toBe(false);
    });
  });

  describe('--sync fetches genai-prices too', () => {
    // The repo's copies of the real feeds; gpt-5 in genai-prices given a dated change
    // ($2.5/$20 until 2026-06-01); OpenRouter and the exchange rates answer 503.
    const genai = (edit: (prices: unknown) => unknown) => {
      const data = JSON.parse(readFileSync(join(SOURCES, 'genai-prices.json'), 'utf8'));
      const gpt5 = data
        .find((p: { id: string }) => p.id === 'openai')
        .models.find((m: { id: string }) => m.id === 'gpt-5');
      gpt5.prices = edit(gpt5.prices);
      return data;
    };
    const history = (now: unknown) => [
      { prices: { input_mtok: 2.5, output_mtok: 20 } },
      { constraint: { type: 'start_date', start_date: '2026-06-01' }, prices: now },
    ];
    const feeds =
      (genaiBody: unknown) =>
      async (url: string): Promise<Response> =>
        url === FEED_SOURCES.genaiPrices.url
          ? Response.json(genaiBody)
          : url === FEED_SOURCES.modelsDev.url
            ? Response.json(loadModelsDevCopy())
            : new Response('busy', { status: 503 });

    it('prices at the time of use with its dated history', async () => {
      const r = await cli(
        '--model gpt-5 --input 1000000 --output 0 --at 2026-05-20T12:00:00Z --sync',
        feeds(genai(history)),
      );
      expect(r.code).toBe(0);
      expect(r.urls[0]).toBe(FEED_SOURCES.genaiPrices.url);
      expect(JSON.parse(r.out)).toMatchObject({ cost: 2.5 });
      expect(r.err).not.toMatch(/genai-prices/);
    });

    it('a feed whose history goes backwards warns and prices without it', async () => {
      const backwards = (now: unknown) => [
        ...history(now),
        { constraint: { type: 'start_date', start_date: '2026-03-01' }, prices: now },
      ];
      const r = await cli(
        '--model gpt-5 --input 1000000 --output 0 --at 2026-05-20T12:00:00Z --sync',
        feeds(genai(backwards)),
      );
      expect(r.code).toBe(0);
      expect(r.err).toMatch(
        /sync: genai-prices rejected: openai\/gpt-5: price history goes backwards .*; using the card as it was/,
      );
      expect(JSON.parse(r.out)).toMatchObject({ cost: 1.25 });
    });
  });
});
