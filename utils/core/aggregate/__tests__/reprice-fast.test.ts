import { describe, expect, it } from 'vitest';
import {
  cardPriceFn,
  repriceEvents,
  storedFamilyOf,
  tokenFactor,
  type RepriceResult,
  type RepriceSource,
  type TextProfile,
} from '@/utils/core/aggregate';
import { getBundledCard, priceUsage, type PriceOverrides } from '@/utils/core/ratecard';
import { tokenizerForModel } from '@/utils/core/tokenize/families';
import { rng } from '@/utils/db/__tests__/generate';

const card = getBundledCard();
const START = Date.UTC(2026, 0, 1);
/** Ten months: across the bundled card's dated prices (2026-03-13, 04-24, 08-17, peak hours). */
const SPAN = 300 * 86_400_000;

/** Stored families and models as the history holds them: chat sites, agents, unknown ones. */
const STORED = [
  { family: 'o200k_base', model: 'openai/gpt-5' },
  { family: 'estimate:claude', model: 'anthropic/claude-sonnet-4-5' },
  { family: 'deepseek-v3', model: 'deepseek/deepseek-v3.2' },
  { family: 'gemma3', model: 'google/gemini-2.5-pro' },
  { family: 'qwen3', model: 'alibaba/qwen3.6-plus' },
  { family: 'import:claude-code', model: 'anthropic/claude-opus-4-1' },
  { family: 'import:codex', model: 'openai/gpt-5-codex' },
  // One stored family, several models: counts an aggregator reports under its own name.
  { family: 'import:openrouter', model: 'deepseek/deepseek-v3.2' },
  { family: 'import:openrouter', model: 'openai/gpt-5' },
  { family: 'site-count', model: null },
  { family: 'site-count', model: 'anthropic/claude-sonnet-4-5' },
];

/** A history of `count` events: chat turns and imported usage with cache classes, some long. */
function history(count: number, seed: number): RepriceSource[] {
  const random = rng(seed);
  const n = (max: number) => Math.floor(random() * max);
  return Array.from({ length: count }, () => {
    const s = STORED[n(STORED.length)];
    const imported = s.family.startsWith('import:');
    return {
      model: s.model,
      family: s.family,
      tokens: {
        input: random() < 0.05 ? 150_000 + n(200_000) : n(30_000),
        output: n(4_000),
        reasoning: random() < 0.3 ? n(3_000) : 0,
      },
      cache: imported ? { read: n(400_000), write: n(40_000) } : undefined,
      costMicroUsd: random() < 0.05 ? null : n(100_000),
      time: START + n(SPAN),
    };
  });
}

/** The straightforward way: every event priced by priceUsage, with the card resolved each time. */
function perEvent(overrides: PriceOverrides) {
  return (model: string, usage: Parameters<typeof priceUsage>[2], at?: number) => {
    const r = priceUsage(card, model, usage, { overrides, at: at ?? START });
    return r.priced && r.currency === 'USD' ? r.costMicros : null;
  };
}

/**
 * Each event's conversion worked out on its own (family and factor looked up per event): the
 * factors used, with their event counts, and the scaled input and cache reads they give.
 */
function perEventConversion(events: RepriceSource[], targetModel: string, profile: TextProfile) {
  const rule = tokenizerForModel(targetModel);
  const target = rule.rule ? rule.family : null;
  const uses: Record<string, { factor: number; events: number }> = {};
  let input = 0;
  let cacheRead = 0;
  for (const e of events) {
    const from = storedFamilyOf(e.family, e.model);
    const factor = tokenFactor(from, target, profile);
    const key = `${from?.id ?? e.family}→${target?.id ?? 'unknown'}`;
    uses[key] = { factor, events: (uses[key]?.events ?? 0) + 1 };
    input += Math.round(e.tokens.input * factor);
    cacheRead += Math.round((e.cache?.read ?? 0) * factor);
  }
  return { uses, input, cacheRead };
}

/** What repriceEvents reports of the conversions, in perEventConversion's terms. */
function conversionOf(r: RepriceResult) {
  return {
    uses: Object.fromEntries(
      r.factors.map((f) => [`${f.from}→${f.to}`, { factor: f.factor, events: f.events }]),
    ),
    input: r.scaledTokens.input,
    cacheRead: r.scaledCache.read,
  };
}

const TARGETS = [
  'deepseek/deepseek-chat', // two earlier prices and a peak-hours rule
  'anthropic/claude-sonnet-4-6', // an earlier price with a long-context tier
  'google/gemini-2.5-pro', // a long-context tier
  'openai/gpt-5',
  'deepseek-v3.2', // an alias
  'nobody/never', // unknown: unpriced (null)
];

describe('repriceEvents, fast path', () => {
  it('equals the straightforward computation to the micro-dollar, every target and profile', () => {
    const events = history(4_000, 11);
    for (const target of TARGETS) {
      for (const profile of ['latin', 'cjk'] as const) {
        const fast = repriceEvents(events, target, profile, cardPriceFn(card, { now: START }));
        const slow = repriceEvents(events, target, profile, perEvent({}));
        expect(fast, `${target} ${profile}`).toEqual(slow);
        expect(conversionOf(fast), `${target} ${profile}`).toEqual(
          perEventConversion(events, target, profile),
        );
      }
    }
    // The history does reach each kind of price: earlier, peak and current DeepSeek rates.
    const rates = new Set(
      events.map((e) => {
        const r = priceUsage(
          card,
          'deepseek/deepseek-chat',
          { input: 1, output: 0 },
          { at: e.time },
        );
        return r.priced ? `${r.rule.period.until}|${r.rule.timeRule?.label ?? ''}` : '';
      }),
    );
    expect(rates.size).toBe(4);
  });

  it('equals it with the user’s own price for the target, and an unpriced target stays null', () => {
    const events = history(1_000, 12);
    const overrides: PriceOverrides = {
      'openai/gpt-5': {
        prices: { input: 0.5, output: 4, cacheRead: 0.05 },
        tiers: [{ above: 100_000, prices: { input: 1 } }],
      },
    };
    const fast = repriceEvents(
      events,
      'openai/gpt-5',
      'latin',
      cardPriceFn(card, { overrides, now: START }),
    );
    const slow = repriceEvents(events, 'openai/gpt-5', 'latin', perEvent(overrides));
    expect(fast).toEqual(slow);
    expect(fast.costMicroUsd).not.toBe(
      repriceEvents(events, 'openai/gpt-5', 'latin', cardPriceFn(card, { now: START }))
        .costMicroUsd,
    );
    const unknown = repriceEvents(
      events,
      'nobody/never',
      'latin',
      cardPriceFn(card, { now: START }),
    );
    expect(unknown.costMicroUsd).toBeNull();
  });

  it('an event without a moment is priced at `now`', () => {
    const [event] = history(1, 13);
    const undated = { ...event, time: undefined };
    const now = Date.UTC(2026, 8, 1, 2); // a Tuesday, DeepSeek's peak hours
    const target = 'deepseek/deepseek-chat';
    const fast = repriceEvents([undated], target, 'latin', cardPriceFn(card, { now }));
    const slow = repriceEvents([{ ...event, time: now }], target, 'latin', perEvent({}));
    expect(fast.costMicroUsd).toBe(slow.costMicroUsd);
  });
});
