// Each price's source and date as fields of the card: filled by the build from the feeds (the
// bundled card is built from models.dev, OpenRouter, genai-prices and lab-prices.json), read by
// pricing (`rule`, `sources`) and the options page's lookup, and optional in the schema so a
// card written before them still loads.
import { describe, expect, it } from 'vitest';
import { getBundledCard } from '../bundled';
import { mergeGenai } from '../amend';
import { lookupModels } from '../lookup';
import { priceUsage } from '../price';
import { rateCardSchema, type Offer, type RateCard } from '../schema';

const card = getBundledCard();
const offers = card.models.flatMap((m) => Object.values(m.offers) as Offer[]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The card as written before the date fields existed. */
function withoutDateFields(c: RateCard): RateCard {
  const old = structuredClone(c);
  for (const m of old.models) {
    for (const o of Object.values(m.offers) as Offer[]) {
      delete o.priceSourceDate;
      delete o.tierSourceDate;
      for (const p of o.history ?? []) {
        delete p.sourceDate;
        delete p.from;
      }
      for (const r of o.timeRules ?? []) delete r.sourceDate;
      for (const l of o.listPrices ?? []) delete l.sourceDate;
    }
  }
  return old;
}

describe('price dates as card fields', () => {
  it('the build gives every history period, taken tier and newer price its source date', () => {
    const periods = offers.flatMap((o) => o.history ?? []);
    expect(periods.length).toBeGreaterThan(5);
    for (const p of periods) expect(p.sourceDate, p.source).toMatch(DAY);
    const taken = offers.filter((o) => o.tierSource);
    expect(taken.length).toBeGreaterThan(3);
    for (const o of taken) expect(o.tierSourceDate, o.tierSource).toMatch(DAY);
    const newer = offers.filter((o) => o.priceSource);
    expect(newer.length).toBeGreaterThan(0);
    for (const o of newer) expect(o.priceSourceDate, o.priceSource).toMatch(DAY);
  });

  it('fills them from the feeds: genai-prices’ package date, OpenRouter’s read, lab data', () => {
    const lab = (id: string) => card.models.find((m) => m.id === id)!.offers.default!;
    // Sonnet 4.5's long-context tier, from genai-prices 0.1.8 (2026-09-23).
    expect(lab('anthropic/claude-sonnet-4-5')).toMatchObject({
      tierSource: 'genai-prices 0.1.8 2026-09-23',
      tierSourceDate: '2026-09-23',
    });
    // DeepSeek V4 Flash's price before 2026-08-17, dated by genai-prices' start_date.
    const flash = lab('deepseek/deepseek-v4-flash');
    expect(flash.history!.at(-1)).toMatchObject({ until: '2026-08-17', sourceDate: '2026-09-23' });
    expect(flash).toMatchObject({ since: '2026-08-17', priceSourceDate: '2026-09-23' });
    // deepseek-chat's V3.2 price: lab-prices.json, read via LiteLLM on 2026-07-24.
    expect(lab('deepseek/deepseek-chat').history![0]).toMatchObject({
      until: '2026-04-24',
      sourceDate: '2026-07-24',
    });
    // A tier taken from the OpenRouter offer is dated with OpenRouter's read.
    const fromOpenRouter = offers.find((o) => o.tierSource?.startsWith('openrouter.ai'));
    if (fromOpenRouter) expect(fromOpenRouter.tierSourceDate).toBe('2026-05-15');
  });

  it('genai-prices’ start dates become each period’s `from`', () => {
    const offer: Offer = {
      source: 'models.dev',
      sourceId: 'm',
      currency: 'USD',
      prices: { input: 1, output: 2 },
      tiers: [],
      free: false,
      fetchedAt: '2026-07-02',
    };
    const merged = mergeGenai(
      offer,
      {
        provider: 'p',
        id: 'm',
        match: { equals: 'm' },
        periods: [
          { from: null, prices: { input: 4, output: 8 }, tiers: [] },
          { from: '2026-01-10', prices: { input: 2, output: 4 }, tiers: [] },
          { from: '2026-03-01', prices: { input: 1, output: 2 }, tiers: [] },
        ],
      } as never,
      'genai-prices (live, 2026-11-25)',
      '2026-11-25',
    );
    expect(merged.history).toEqual([
      {
        until: '2026-01-10',
        prices: { input: 4, output: 8 },
        tiers: [],
        source: 'genai-prices (live, 2026-11-25)',
        sourceDate: '2026-11-25',
      },
      {
        until: '2026-03-01',
        prices: { input: 2, output: 4 },
        tiers: [],
        source: 'genai-prices (live, 2026-11-25)',
        sourceDate: '2026-11-25',
        from: '2026-01-10',
      },
    ]);
    expect(merged.since).toBe('2026-03-01');
  });

  it('the schema accepts a card without them, and rejects a period that starts after it ends', () => {
    const old = withoutDateFields(card);
    expect(rateCardSchema.safeParse(old).success).toBe(true);
    // The lookup then reads the same dates from the source texts.
    const q = 'claude-sonnet-4-5';
    expect(lookupModels(old, q).models[0].offers[0].tiers[0].date).toBe(
      lookupModels(card, q).models[0].offers[0].tiers[0].date,
    );
    const bad = structuredClone(card);
    const offer = bad.models.find((m) => m.offers.default?.history?.length)!.offers.default!;
    offer.history![0].from = offer.history![0].until;
    const parsed = rateCardSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toMatch(/starts .* on or after its end/);
  });

  it('the lookup shows the fields, not a date found in the source text', () => {
    const edited = structuredClone(card);
    const sonnet = edited.models.find((m) => m.id === 'anthropic/claude-sonnet-4-5')!;
    sonnet.offers.default!.tierSourceDate = '2026-10-01';
    const lab = lookupModels(edited, 'claude-sonnet-4-5').models[0].offers[0];
    expect(lab.tiers[0]).toMatchObject({
      source: 'genai-prices 0.1.8 2026-09-23',
      date: '2026-10-01',
    });
  });

  it('pricing names the source and date of each class it billed', () => {
    const tier = priceUsage(
      card,
      'claude-sonnet-4-5',
      { input: 250_000, output: 1000, reasoning: 500 },
      { at: '2026-11-28T12:00:00Z' },
    );
    if (!tier.priced) throw new Error(tier.reason);
    expect(tier.rule.tier).toMatchObject({ above: 200_000, date: '2026-09-23' });
    expect(tier.sources!.input).toEqual({
      source: 'genai-prices 0.1.8 2026-09-23',
      date: '2026-09-23',
    });
    expect(tier.sources!.reasoning).toMatchObject({ billedAs: 'output', date: '2026-09-23' });

    const base = priceUsage(
      card,
      'claude-sonnet-4-5',
      { input: 1000, output: 1000 },
      {
        at: '2026-11-28T12:00:00Z',
      },
    );
    if (!base.priced) throw new Error(base.reason);
    expect(base.sources!.input).toEqual({ source: 'models.dev 2026-07-02', date: '2026-07-02' });
    expect(base.sources!.cacheRead.billedAs).toBeUndefined();

    // An earlier price, and a peak hour.
    const early = priceUsage(
      card,
      'deepseek-chat',
      { input: 1000, output: 1000 },
      {
        at: '2026-03-01T12:00:00Z',
      },
    );
    if (!early.priced) throw new Error(early.reason);
    expect(early.rule.period).toMatchObject({ historical: true, date: '2026-07-24' });
    expect(early.sources!.output.date).toBe('2026-07-24');
    const peak = priceUsage(
      card,
      'deepseek-v4-flash',
      { input: 1000, output: 1000 },
      {
        at: '2026-12-01T02:00:00Z',
      },
    );
    if (!peak.priced) throw new Error(peak.reason);
    expect(peak.sources!.input.timeRule).toMatch(/DeepSeek peak-valley pricing notice/);
    expect(peak.sources!.input.date).toBe('2026-09-23');
    expect(peak.sources!.input.timeRuleDate).toBe('2026-09-23');
    expect(peak.rule.timeRule).toMatchObject({ sourceDate: '2026-09-23' });
  });

  it('time rules and list prices carry their source date as a field too', () => {
    const rules = offers.flatMap((o) => o.timeRules ?? []);
    const lists = offers.flatMap((o) => o.listPrices ?? []);
    expect(rules.length).toBeGreaterThan(0);
    expect(lists.length).toBeGreaterThan(0);
    for (const r of rules) expect(r.sourceDate, r.source).toMatch(DAY);
    for (const l of lists) expect(l.sourceDate, l.source).toMatch(DAY);

    // V4 Flash's CNY list price at a peak hour: the list price's date, and the rule's.
    const cny = priceUsage(
      card,
      'deepseek-v4-flash',
      { input: 1_000_000, output: 0 },
      { at: '2026-12-01T02:00:00Z', currency: 'CNY' },
    );
    if (!cny.priced) throw new Error(cny.reason);
    expect(cny.local).toMatchObject({ basis: 'list price', sourceDate: '2026-06-29' });
    expect(cny.rule.timeRule?.sourceDate).toBe('2026-09-23');

    // A card written before the fields: the dates come from the source texts where they give one.
    const old = withoutDateFields(card);
    const oldPeak = priceUsage(
      old,
      'deepseek-v4-flash',
      { input: 1000, output: 0 },
      { at: '2026-12-01T02:00:00Z' },
    );
    if (!oldPeak.priced) throw new Error(oldPeak.reason);
    expect(oldPeak.rule.timeRule?.sourceDate).toBe('2026-08-17');
  });
});
