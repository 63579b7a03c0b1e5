import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getBundledCard, priceUsage, type Priced, type PriceResult } from '@/utils/core/ratecard';
import { buildAmendments } from '@/utils/core/ratecard/amend';
import { normalizeGenaiPrices } from '@/utils/core/ratecard/normalize-genai-prices';
import { SOURCES } from './helpers';

// Figures worked by hand from the prices each source states (USD per 1M tokens), on the bundled
// card: models.dev 2026-07-02, OpenRouter 2026-05-15, genai-prices 0.1.8 (2026-09-23) and
// sources/lab-prices.json.
const card = getBundledCard();
const priced = (r: PriceResult): Priced => {
  if (!r.priced) throw new Error(JSON.stringify(r));
  return r;
};
const price = (
  id: string,
  usage: Parameters<typeof priceUsage>[2],
  at?: string,
  currency?: string,
) => priced(priceUsage(card, id, usage, { at: at ?? '2026-10-01T12:00:00Z', currency }));

describe('tiers reconciled across offers', () => {
  it('Sonnet 4.5 at 250k prompt tokens: the >200k rate genai-prices states (1.545 USD)', () => {
    // 250,000 × 6 = 1.5; 2,000 × 22.5 = 0.045
    const r = price('claude-sonnet-4-5', { input: 250_000, output: 2_000 });
    expect(r.costMicros).toBe(1_545_000);
    expect(r.offer).toBe('default');
    expect(r.rule.tier).toEqual({
      above: 200_000,
      source: 'genai-prices 0.1.8 2026-09-23',
      date: '2026-09-23',
    });
  });

  it("Sonnet 4.0 and Opus 4.7: the lab offer takes OpenRouter's tiers at the same base price", () => {
    // Sonnet 4.0: 1.545 as above; Opus 4.7: 250,000 × 10 = 2.5; 2,000 × 37.5 = 0.075
    const sonnet = price('claude-sonnet-4-0', { input: 250_000, output: 2_000 });
    expect(sonnet.costMicros).toBe(1_545_000);
    expect(sonnet.rule.tier?.source).toBe('models.dev (openrouter) 2026-07-02');
    expect(price('claude-opus-4-7', { input: 250_000, output: 2_000 }).costMicros).toBe(2_575_000);
  });

  it('Sonnet and Opus 4.6: tiered until 2026-03-13, one rate for the 1M window since (dated)', () => {
    const before = price(
      'claude-sonnet-4-6',
      { input: 250_000, output: 2_000 },
      '2026-03-12T12:00:00Z',
    );
    expect(before.costMicros).toBe(1_545_000);
    expect(before.rule.period).toMatchObject({ historical: true, until: '2026-03-13' });
    const after = price(
      'claude-sonnet-4-6',
      { input: 250_000, output: 2_000 },
      '2026-03-13T00:00:00Z',
    );
    expect(after.costMicros).toBe(780_000); // 250,000 × 3 + 2,000 × 15
    expect(after.rule.tier).toBeNull();
    // Opus 4.6 before: 250,000 × 10 + 2,000 × 37.5 = 2.575; after: 250,000 × 5 + 2,000 × 25 = 1.3
    expect(
      price('claude-opus-4-6', { input: 250_000, output: 2_000 }, '2026-01-01').costMicros,
    ).toBe(2_575_000);
    expect(price('claude-opus-4-6', { input: 250_000, output: 2_000 }).costMicros).toBe(1_300_000);
  });

  it('the boundary: exactly 200,000 prompt tokens is the base rate, 200,001 the tier', () => {
    expect(price('claude-sonnet-4-5', { input: 200_000, output: 0 }).costMicros).toBe(600_000);
    expect(price('claude-sonnet-4-5', { input: 200_001, output: 0 }).costMicros).toBe(1_200_006);
  });
});

describe('DeepSeek: dated prices, peak hours, CNY list prices', () => {
  const usage = { input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000 };

  it('V4 Flash and Pro off-peak since 2026-08-17, double Mon-Fri at peak', () => {
    // 2026-10-01 is a Thursday. Flash 0.22 + 0.66 + 0.007 = 0.887; Pro 0.66 + 1.98 + 0.022 = 2.662
    expect(price('deepseek-v4-flash', usage).costMicros).toBe(887_000);
    expect(price('deepseek-v4-pro', usage).costMicros).toBe(2_662_000);
    expect(price('deepseek-v4-flash', usage, '2026-10-01T02:00:00Z').costMicros).toBe(1_774_000);
    expect(price('deepseek-v4-pro', usage, '2026-10-01T07:30:00Z').costMicros).toBe(5_324_000);
    // Saturday 2026-10-03 02:00 UTC: off-peak
    expect(price('deepseek-v4-flash', usage, '2026-10-03T02:00:00Z').costMicros).toBe(887_000);
    // Before the change (Tuesday 2026-08-11 02:00): the flat $0.14 / $0.28 / $0.0028, no peak
    const before = price('deepseek-v4-flash', usage, '2026-08-11T02:00:00Z');
    expect(before.costMicros).toBe(422_800);
    expect(before.rule.timeRule).toBeNull();
  });

  it('deepseek-chat bills as V4 Flash since 2026-04-24 and as V3.2 before', () => {
    expect(price('deepseek-chat', usage, '2026-10-01T02:00:00Z').costMicros).toBe(1_774_000);
    // V3.2: 0.28 + 0.42 + 0.028 = 0.728
    expect(price('deepseek-chat', usage, '2026-01-15T02:00:00Z').costMicros).toBe(728_000);
  });

  it("CNY: the lab's own list price, at its date; other labs converted", () => {
    // V3.2 ¥2 + ¥3 + ¥0.2 = ¥5.2; V4 Flash ¥1 + ¥2 + ¥0.02 = ¥3.02, ¥6.04 at peak
    expect(price('deepseek-v3.2', usage, '2026-01-15', 'CNY').local).toMatchObject({
      costMicros: 5_200_000,
      basis: 'list price',
    });
    expect(price('deepseek-v4-flash', usage, undefined, 'CNY').local?.costMicros).toBe(3_020_000);
    expect(price('deepseek-v4-flash', usage, '2026-10-01T02:00:00Z', 'CNY').local?.costMicros).toBe(
      6_040_000,
    );
    const gpt = price('gpt-5', { input: 1_000_000, output: 0 }, undefined, 'CNY');
    expect(gpt.local?.basis).toBe('converted');
  });
});

describe('genai-prices input that cannot be right is rejected', () => {
  const copy = () => JSON.parse(readFileSync(join(SOURCES, 'genai-prices.json'), 'utf8'));
  const lab = () => JSON.parse(readFileSync(join(SOURCES, 'lab-prices.json'), 'utf8'));

  it('history that goes backwards', () => {
    const data = copy();
    const ds = data.find((p: { id: string }) => p.id === 'deepseek');
    const flash = ds.models.find((m: { id: string }) => m.id === 'deepseek-v4-flash');
    flash.prices.splice(1, 0, {
      constraint: { start_date: '2026-09-01', type: 'start_date' },
      prices: flash.prices[1].prices,
    });
    expect(() => normalizeGenaiPrices(data)).toThrow(
      /deepseek-v4-flash: price history goes backwards/,
    );
  });

  it('a negative price, or not a list of providers', () => {
    const data = copy();
    data[0].models[0].prices = { input_mtok: -1, output_mtok: 1 };
    expect(() => normalizeGenaiPrices(data)).toThrow(/genai-prices/);
    expect(() => normalizeGenaiPrices({ providers: [] })).toThrow(/genai-prices: payload/);
  });

  it('lab-prices.json with overlapping peak windows', () => {
    const data = lab();
    data.timeRules[0].rule.windows.push({ start: '03:00', end: '07:00' });
    expect(() => buildAmendments(copy(), data, 'x')).toThrow(/overlap/);
  });
});
