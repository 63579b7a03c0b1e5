import { describe, expect, it } from 'vitest';
import { getBundledCard } from '../bundled';
import { dateIn, lookupModels } from '../lookup';
import type { RateCard } from '../schema';

// Against the bundled card (built from models.dev, OpenRouter, genai-prices and lab-prices.json).
const card = getBundledCard();

describe('lookupModels', () => {
  it('finds a model by id, bare id, alias or name, exact match first', () => {
    for (const q of ['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5', 'Claude Sonnet 4.5']) {
      const r = lookupModels(card, q);
      expect(r.models[0].id, q).toBe('anthropic/claude-sonnet-4-5');
    }
    const alias = lookupModels(card, 'anthropic/claude-sonnet-4-5-20250929');
    expect(alias.models[0].id).toBe('anthropic/claude-sonnet-4-5');
    expect(lookupModels(card, '   ').total).toBe(0);
    expect(lookupModels(card, 'no-such-model-zzz').models).toEqual([]);
  });

  it('caps the rows and reports how many matched', () => {
    const r = lookupModels(card, 'a', { limit: 5 });
    expect(r.models).toHaveLength(5);
    expect(r.total).toBeGreaterThan(5);
  });

  it("gives every field of Sonnet 4.5 its source and date, and the tier's own source", () => {
    const m = lookupModels(card, 'claude-sonnet-4-5').models[0];
    const lab = m.offers.find((o) => o.kind === 'default')!;
    const input = lab.fields.find((f) => f.field === 'input')!;
    expect(input).toMatchObject({ value: 3, source: 'models.dev 2026-07-02', date: '2026-07-02' });
    // Not stated by the source: billed as output, and said so.
    expect(lab.fields.find((f) => f.field === 'reasoning')).toMatchObject({
      value: null,
      billedAs: 'output',
    });
    expect(lab.tiers[0]).toMatchObject({
      above: 200_000,
      source: 'genai-prices 0.1.8 2026-09-23',
      date: '2026-09-23',
      taken: true,
    });
    expect(lab.tiers[0].fields.find((f) => f.field === 'input')?.value).toBe(6);
    expect(lab.sync).toBeNull();
    expect(m.override).toBeNull();
  });

  it('shows DeepSeek V4 Flash: newer price with its date, history, peak rule, CNY list prices', () => {
    const m = lookupModels(card, 'deepseek-v4-flash').models[0];
    expect(m.id).toBe('deepseek/deepseek-v4-flash');
    const lab = m.offers.find((o) => o.kind === 'default')!;
    const input = lab.fields.find((f) => f.field === 'input')!;
    expect(input.source).toMatch(/^genai-prices 0\.1\.8 2026-09-23, since 2026-08-17/);
    expect(input.since).toBe('2026-08-17');
    expect(lab.history[0]).toMatchObject({ from: null, until: '2026-08-17', date: '2026-09-23' });
    expect(lab.history[0].prices.input).toBe(0.14);
    expect(lab.timeRules[0]).toMatchObject({ label: 'DeepSeek peak hours', multiplier: 2 });
    expect(lab.timeRules[0].source).toMatch(/DeepSeek peak-valley pricing notice/);
    expect(lab.listPrices.map((l) => l.currency)).toContain('CNY');
  });

  it("marks a user's own price and what the live sync changed against the bundled snapshot", () => {
    const synced: RateCard = structuredClone(card);
    const sonnet = synced.models.find((m) => m.id === 'anthropic/claude-sonnet-4-5')!;
    sonnet.offers.default!.prices = { ...sonnet.offers.default!.prices, input: 2.5 };
    synced.models.push({ ...structuredClone(sonnet), id: 'anthropic/claude-new-9', aliases: [] });
    const r = lookupModels(synced, 'claude-sonnet-4-5', {
      bundled: card,
      overrides: {
        'anthropic/claude-sonnet-4-5': {
          prices: { input: 1, output: 2 },
          setAt: '2026-12-01T00:00:00Z',
        },
      },
    });
    const lab = r.models[0].offers.find((o) => o.kind === 'default')!;
    expect(lab.sync).toMatchObject({ kind: 'prices', bundledDate: '2026-07-02' });
    expect(lab.sync!.bundled!.input).toBe(3);
    expect(r.models[0].offers.find((o) => o.kind === 'openrouter')!.sync).toBeNull();
    expect(r.models[0].override?.prices.input).toBe(1);
    const added = lookupModels(synced, 'claude-new-9', { bundled: card }).models[0];
    expect(added.offers[0].sync?.kind).toBe('new');
  });

  it('reads the first ISO date of a source text', () => {
    expect(dateIn('genai-prices 0.1.8 2026-09-23: no long-context rate since 2026-03-13')).toBe(
      '2026-09-23',
    );
    expect(dateIn('LiteLLM model_prices')).toBeNull();
  });
});
