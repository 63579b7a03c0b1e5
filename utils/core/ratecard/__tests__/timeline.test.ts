import { describe, expect, it } from 'vitest';
import { nextTimeRuleChange } from '@/utils/core/ratecard/timeline';
import {
  offerSchema,
  priceUsage,
  rateCardSchema,
  type Offer,
  type Priced,
  type PriceResult,
} from '@/utils/core/ratecard';

// A small card written by hand: DeepSeek V4 Flash's USD prices as genai-prices states them (flat
// $0.14/$0.28 until 2026-08-17, then $0.22/$0.66/$0.007 off-peak) and the lab's peak rule
// (Mon-Fri 01:00-04:00 and 06:00-10:00 UTC, double).
const peak = {
  label: 'peak hours',
  since: '2026-08-16T16:00:00Z',
  zone: 'UTC',
  days: [1, 2, 3, 4, 5],
  windows: [
    { start: '01:00', end: '04:00' },
    { start: '06:00', end: '10:00' },
  ],
  multiplier: 2,
  source: 'test',
};
const offer: Offer = {
  source: 'genai-prices',
  sourceId: 'deepseek/deepseek-v4-flash',
  currency: 'USD',
  prices: { input: 0.22, output: 0.66, cacheRead: 0.007 },
  tiers: [],
  free: false,
  fetchedAt: '2026-09-23',
  since: '2026-08-17',
  history: [
    {
      until: '2026-08-17',
      prices: { input: 0.14, output: 0.28, cacheRead: 0.0028 },
      tiers: [],
      source: 'models.dev 2026-07-02',
    },
  ],
  timeRules: [peak],
  listPrices: [
    {
      currency: 'CNY',
      prices: { input: 1, output: 2, cacheRead: 0.02 },
      tiers: [],
      since: '2026-04-24',
      source: 'test CNY list',
    },
  ],
};
const card = rateCardSchema.parse({
  schema: 1,
  version: 'test',
  createdAt: '2026-09-23',
  sources: [],
  models: [
    {
      id: 'deepseek/deepseek-v4-flash',
      name: 'DeepSeek V4 Flash',
      provider: 'deepseek',
      family: 'deepseek',
      contextWindow: 1_000_000,
      maxOutput: 384_000,
      aliases: [],
      offers: { default: offer },
    },
  ],
});

function priced(result: PriceResult): Priced {
  if (!result.priced) throw new Error(`expected priced, got ${JSON.stringify(result)}`);
  return result;
}

const usage = { input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000 };
const at = (iso: string) => priced(priceUsage(card, 'deepseek-v4-flash', usage, { at: iso }));

describe('pricing at a moment', () => {
  it('a Tuesday 02:00 UTC after the change is peak: double the off-peak price', () => {
    // 2026-09-01 is a Tuesday. (0.22 + 0.66 + 0.007) × 2 = 1.774
    const r = at('2026-09-01T02:00:00Z');
    expect(r.costMicros).toBe(1_774_000);
    expect(r.rule.timeRule).toMatchObject({ label: 'peak hours', window: '01:00-04:00' });
    expect(r.rules.join('\n')).toContain('Mon-Fri 01:00-04:00 UTC, ×2');
  });

  it('window edges: 04:00 and 05:59 are off-peak, 06:00 and 09:59 peak, 10:00 off-peak', () => {
    expect(at('2026-09-01T04:00:00Z').costMicros).toBe(887_000);
    expect(at('2026-09-01T05:59:59Z').costMicros).toBe(887_000);
    expect(at('2026-09-01T06:00:00Z').costMicros).toBe(1_774_000);
    expect(at('2026-09-01T09:59:00Z').costMicros).toBe(1_774_000);
    expect(at('2026-09-01T10:00:00Z').rule.timeRule).toBeNull();
  });

  it('weekends are off-peak (2026-09-05 is a Saturday, 09-06 a Sunday)', () => {
    expect(at('2026-09-05T02:00:00Z').costMicros).toBe(887_000);
    expect(at('2026-09-06T07:00:00Z').rule.timeRule).toBeNull();
  });

  it('before the change: the earlier flat price, labelled as such, and no peak rule', () => {
    // 0.14 + 0.28 + 0.0028 = 0.4228; 2026-08-11 is a Tuesday, 02:00 UTC
    const r = at('2026-08-11T02:00:00Z');
    expect(r.costMicros).toBe(422_800);
    expect(r.rule.period).toMatchObject({ historical: true, until: '2026-08-17' });
    expect(r.rule.timeRule).toBeNull();
    expect(r.rules.join('\n')).toContain('earlier price until 2026-08-17 (models.dev 2026-07-02)');
  });

  it('accepts epoch ms and Date, and rejects a moment that is not one', () => {
    const ms = Date.parse('2026-09-01T02:00:00Z');
    expect(priced(priceUsage(card, 'deepseek-v4-flash', usage, { at: ms })).costMicros).toBe(
      1_774_000,
    );
    expect(priced(priceUsage(card, 'deepseek-v4-flash', usage, { at: new Date(ms) })).at).toBe(
      '2026-09-01T02:00:00.000Z',
    );
    expect(() => priceUsage(card, 'deepseek-v4-flash', usage, { at: 'yesterday' })).toThrow(
      RangeError,
    );
    expect(() => priceUsage(card, 'deepseek-v4-flash', usage, { at: Number.NaN })).toThrow(
      RangeError,
    );
  });

  it("CNY: the lab's own CNY list price, doubled at peak; another currency is converted", () => {
    // ¥(1 + 2 + 0.02) = ¥3.02 off-peak, ¥6.04 at peak
    const off = at('2026-09-01T12:00:00Z');
    const cny = priced(
      priceUsage(card, 'deepseek-v4-flash', usage, { at: '2026-09-01T12:00:00Z', currency: 'CNY' }),
    );
    expect(off.local).toBeUndefined();
    expect(cny.local).toMatchObject({
      currency: 'CNY',
      costMicros: 3_020_000,
      basis: 'list price',
    });
    const cnyPeak = priced(
      priceUsage(card, 'deepseek-v4-flash', usage, { at: '2026-09-01T02:00:00Z', currency: 'CNY' }),
    );
    expect(cnyPeak.local?.costMicros).toBe(6_040_000);
    const eur = priced(
      priceUsage(card, 'deepseek-v4-flash', usage, {
        at: '2026-09-01T12:00:00Z',
        currency: 'EUR',
        rates: { EUR: { currency: 'EUR', perUsd: 0.5, date: '2026-09-01', source: 'user' } },
      }),
    );
    expect(eur.local).toMatchObject({ currency: 'EUR', costMicros: 443_500, basis: 'converted' });
  });

  it('a currency with no rate is reported, not shown as a cost', () => {
    const r = priced(
      priceUsage(card, 'deepseek-v4-flash', usage, { at: '2026-09-01T12:00:00Z', currency: 'XAF' }),
    );
    expect(r.local).toBeUndefined();
    expect(r.localError).toBe('no exchange rate for XAF');
  });
});

describe('when a time rule next changes the price', () => {
  const next = (at: string, rules = [peak]) => {
    const ms = nextTimeRuleChange(rules, Date.parse(at));
    return ms === null ? null : new Date(ms).toISOString();
  };
  it.each([
    ['2026-12-01T00:59:00Z', '2026-12-01T01:00:00.000Z'], // Tuesday, before the first window
    ['2026-12-01T01:00:00Z', '2026-12-01T04:00:00.000Z'], // inside it: its end
    ['2026-12-01T05:00:00Z', '2026-12-01T06:00:00.000Z'], // between windows
    ['2026-12-01T10:00:00Z', '2026-12-02T01:00:00.000Z'], // after the last: tomorrow's first
    ['2026-12-04T12:00:00Z', '2026-12-07T01:00:00.000Z'], // Friday afternoon: Monday
    ['2026-08-10T12:00:00Z', '2026-08-16T16:00:00.000Z'], // before the rule: its start
  ])('at %s: %s', (at, expected) => expect(next(at)).toBe(expected));

  it('follows the zone of the rule, an end date, and no rules at all', () => {
    const beijing = { ...peak, zone: '+08:00', windows: [{ start: '09:00', end: '12:00' }] };
    expect(next('2026-12-01T00:30:00Z', [beijing])).toBe('2026-12-01T01:00:00.000Z');
    const ended = { ...peak, until: '2026-12-01T02:00:00Z' };
    expect(next('2026-12-01T01:30:00Z', [ended])).toBe('2026-12-01T02:00:00.000Z');
    expect(next('2026-12-01T03:00:00Z', [ended])).toBeNull();
    expect(nextTimeRuleChange(undefined, Date.parse('2026-12-01T00:00:00Z'))).toBeNull();
  });

  it('a price says until when it holds, only for an offer with time rules', () => {
    const usage = { input: 1000, output: 1000 };
    const r = priced(
      priceUsage(card, 'deepseek/deepseek-v4-flash', usage, { at: '2026-12-01T02:00:00Z' }),
    );
    expect(r.changesAt).toBe('2026-12-01T04:00:00.000Z');
  });
});

describe('offer timelines that cannot be right are rejected', () => {
  it('history that goes backwards', () => {
    const bad = {
      ...offer,
      history: [
        { ...offer.history![0], until: '2026-08-01' },
        { ...offer.history![0], until: '2026-07-01' },
      ],
    };
    expect(offerSchema.safeParse(bad).error?.issues[0].message).toMatch(/history goes backwards/);
  });

  it('history that ends after the current price took effect', () => {
    const bad = { ...offer, since: '2026-08-01' };
    expect(offerSchema.safeParse(bad).error?.issues[0].message).toMatch(/after the current price/);
  });

  it('overlapping windows in one rule, and two rules that meet', () => {
    const inOne = {
      ...offer,
      timeRules: [
        {
          ...peak,
          windows: [
            { start: '01:00', end: '04:00' },
            { start: '03:00', end: '05:00' },
          ],
        },
      ],
    };
    expect(offerSchema.safeParse(inOne).error?.issues[0].message).toMatch(/overlap/);
    const twoRules = {
      ...offer,
      timeRules: [
        peak,
        { ...peak, label: 'other', days: [5], windows: [{ start: '09:00', end: '11:00' }] },
      ],
    };
    expect(offerSchema.safeParse(twoRules).error?.issues[0].message).toMatch(
      /"peak hours" and "other" overlap/,
    );
    const apart = {
      ...offer,
      timeRules: [peak, { ...peak, label: 'weekend', days: [6, 7] }],
    };
    expect(offerSchema.safeParse(apart).success).toBe(true);
  });

  it('an empty window, a rule with both a multiplier and prices', () => {
    const empty = {
      ...offer,
      timeRules: [{ ...peak, windows: [{ start: '04:00', end: '01:00' }] }],
    };
    expect(offerSchema.safeParse(empty).error?.issues[0].message).toMatch(/is empty/);
    const both = { ...offer, timeRules: [{ ...peak, prices: { input: 1 } }] };
    expect(offerSchema.safeParse(both).success).toBe(false);
  });
});
