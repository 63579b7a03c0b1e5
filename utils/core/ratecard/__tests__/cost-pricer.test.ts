import { describe, expect, it } from 'vitest';
import {
  costPricer,
  getBundledCard,
  priceUsage,
  rateCardSchema,
  type PriceOptions,
  type RateCard,
} from '@/utils/core/ratecard';
import type { Usage } from '@/utils/core/types';
import { rng } from '@/utils/db/__tests__/generate';

// An offer with every kind of price change at once: two earlier periods (one with a
// long-context tier), a weekday peak rule (×2, a +08:00 zone) that ends, and a weekend rule that
// states its own prices. The bundled card has DeepSeek's real rule and history too.
const rule = {
  label: 'peak',
  since: '2026-03-01T00:00:00Z',
  until: '2026-06-01T00:00:00Z',
  zone: '+08:00',
  days: [1, 2, 3, 4, 5],
  windows: [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ],
  multiplier: 2,
  source: 'test',
};
const handCard: RateCard = rateCardSchema.parse({
  schema: 1,
  version: 'test',
  createdAt: '2026-09-23',
  sources: [],
  models: [
    {
      id: 'lab/changing',
      name: 'Changing',
      provider: 'lab',
      family: 'lab',
      contextWindow: 1_000_000,
      maxOutput: 100_000,
      aliases: ['changing-alias'],
      offers: {
        default: {
          source: 'test',
          sourceId: 'lab/changing',
          currency: 'USD',
          prices: { input: 0.3, output: 1.2, cacheRead: 0.03, request: 0.001 },
          tiers: [{ above: 128_000, prices: { input: 0.6 } }],
          free: false,
          fetchedAt: '2026-09-23',
          since: '2026-04-01',
          history: [
            {
              until: '2026-02-01',
              prices: { input: 1, output: 3 },
              tiers: [{ above: 200_000, prices: { input: 2, output: 4.5 } }],
              source: 'first',
            },
            {
              until: '2026-04-01',
              prices: { input: 0.5, output: 2, cacheWrite: 0.625, reasoning: 2.5 },
              tiers: [],
              source: 'second',
            },
          ],
          timeRules: [
            rule,
            {
              ...rule,
              label: 'weekend',
              until: undefined,
              days: [6, 7],
              windows: [{ start: '00:00', end: '08:00' }],
              multiplier: undefined,
              prices: { input: 0.15, output: 0.6 },
            },
          ],
        },
      },
    },
  ],
});

const START = Date.UTC(2025, 11, 1);
const SPAN = 300 * 86_400_000;

/** Usages at moments over ten months, with every price class and prompts across the tiers. */
function samples(count: number, seed: number): { usage: Usage; at: number }[] {
  const random = rng(seed);
  const n = (max: number) => Math.floor(random() * max);
  return Array.from({ length: count }, () => ({
    at: START + n(SPAN),
    usage: {
      input: n(300_000),
      output: n(20_000),
      cacheRead: random() < 0.5 ? n(200_000) : undefined,
      cacheWrite: random() < 0.3 ? n(50_000) : undefined,
      reasoning: random() < 0.3 ? n(10_000) : undefined,
      requests: random() < 0.2 ? 1 + n(5) : undefined,
    },
  }));
}

/** costPricer's cost for each sample, and priceUsage's, side by side. */
function both(card: RateCard, id: string, options: PriceOptions, count = 400) {
  const pricer = costPricer(card, id, options);
  return samples(count, id.length).map(({ usage, at }) => {
    const r = priceUsage(card, id, usage, { ...options, at });
    return {
      fast: pricer ? { currency: pricer.currency, cost: pricer.cost(usage, at) } : null,
      full: r.priced ? { currency: r.currency, cost: r.costMicros } : null,
    };
  });
}

describe('costPricer', () => {
  it('gives priceUsage’s cost through price periods, tiers and time rules', () => {
    const rows = both(handCard, 'changing-alias', {}, 3000);
    for (const row of rows) expect(row.fast).toEqual(row.full);
    // The samples do cross each kind of change: several distinct rates per token.
    const perInput = new Set(
      samples(3000, 'changing-alias'.length).map(({ usage, at }) => {
        const r = priceUsage(handCard, 'lab/changing', { ...usage, output: 0 }, { at });
        return r.priced ? r.rule.period.source + (r.rule.timeRule?.label ?? '') : '';
      }),
    );
    expect(perInput.size).toBeGreaterThanOrEqual(5);
  });

  it('gives priceUsage’s cost for every model of the bundled card, by alias and :free id', () => {
    const card = getBundledCard();
    const ids = card.models.flatMap((m) => [m.id, ...m.aliases.slice(0, 1), `${m.id}:free`]);
    for (const id of ids) {
      const rows = both(card, id, {}, 20);
      for (const row of rows) expect(row.fast, id).toEqual(row.full);
    }
    const deepseek = both(card, 'deepseek/deepseek-chat', { offer: 'openrouter' }, 2000);
    for (const row of deepseek) expect(row.fast).toEqual(row.full);
  });

  it('prices with the user’s own price, tiers included, like priceUsage', () => {
    const overrides = {
      'lab/changing': {
        prices: { input: 0.8, output: 3, cacheRead: 0.08 },
        tiers: [{ above: 100_000, prices: { input: 1.6 } }],
      },
    };
    for (const row of both(handCard, 'lab/changing', { overrides }, 500))
      expect(row.fast).toEqual(row.full);
  });

  it('an unknown model has no pricer (unpriced, never 0)', () => {
    expect(costPricer(handCard, 'nobody/never')).toBeNull();
    expect(costPricer(getBundledCard(), '')).toBeNull();
  });
});
