import { describe, expect, it } from 'vitest';
import {
  getBundledCard,
  priceUsage,
  resolveModel,
  RESOLUTION_RULES,
  type Priced,
} from '@/utils/core/ratecard';

// Every resolution rule (resolve.ts) with ids that must match (and the model they must reach) and
// ids that must not match anything: an id no rule accepts is unpriced, never a guessed model.
// The card is the bundled one (models.dev 2026-07-02, OpenRouter 2026-05-15, genai-prices 0.1.8).
const card = getBundledCard();

interface RuleCase {
  rule: (typeof RESOLUTION_RULES)[number];
  match: [string, string][];
  noMatch: string[];
}

const CASES: RuleCase[] = [
  {
    rule: 'exact',
    match: [
      ['anthropic/claude-sonnet-4-5', 'anthropic/claude-sonnet-4-5'],
      ['mistral/mistral-large-2411', 'mistral/mistral-large-2411'],
    ],
    noMatch: ['anthropic/claude-sonnet-9-9'],
  },
  {
    rule: 'alias',
    match: [
      ['anthropic/claude-sonnet-4.5', 'anthropic/claude-sonnet-4-5'],
      ['Anthropic/Claude_Sonnet_4.5', 'anthropic/claude-sonnet-4-5'],
      ['anthropic/claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5'],
      ['mistralai/mistral-large-2512', 'mistral/mistral-large-2512'],
    ],
    noMatch: ['anthropic/claude-sonnet-4.5-turbo'],
  },
  {
    rule: 'vendor',
    match: [['x-ai/grok-4.20-0309-reasoning', 'xai/grok-4.20-0309-reasoning']],
    noMatch: ['x-ai/grok-99'],
  },
  {
    rule: 'bare',
    match: [
      ['gpt-5', 'openai/gpt-5'],
      ['claude-sonnet-4-5', 'anthropic/claude-sonnet-4-5'],
      ['mistral-large-2411', 'mistral/mistral-large-2411'],
      ['mistral-large-2512', 'mistral/mistral-large-2512'],
      ['deepseek-v4-flash', 'deepseek/deepseek-v4-flash'],
    ],
    noMatch: ['gpt-5-ultra', 'mistral-large-2607', 'mistral-large-2601', 'mistral-medium-2612'],
  },
  {
    rule: 'name',
    match: [
      ['Claude Sonnet 3.7', 'anthropic/claude-3-7-sonnet-20250219'],
      ['GPT-4o (2024-11-20)', 'openai/gpt-4o'],
    ],
    noMatch: ['Claude Sonnet 4.9'],
  },
  {
    rule: 'latest-pointer',
    match: [
      // The family's newest model released by the card's date, at the pointer's price.
      ['~anthropic/claude-opus-latest', 'anthropic/claude-opus-4-8'],
      ['~anthropic/claude-sonnet-latest', 'anthropic/claude-sonnet-5'],
      ['~anthropic/claude-haiku-latest', 'anthropic/claude-haiku-4-5'],
      ['~openai/gpt-latest', 'openai/gpt-5.5'],
      ['~openai/gpt-mini-latest', 'openai/gpt-5.4-mini'],
      ['~google/gemini-flash-latest', 'google/gemini-3.5-flash'],
      // No Kimi family on the lab side: OpenRouter's own entry, under its id.
      ['~moonshotai/kimi-latest', 'moonshotai/kimi-latest'],
    ],
    noMatch: ['~anthropic/claude-poem-latest', '~openai/gpt-nano-latest'],
  },
  {
    rule: 'claude-order',
    match: [
      ['claude-4-5-sonnet', 'anthropic/claude-sonnet-4-5'],
      ['anthropic/claude-4.5-sonnet-20250929', 'anthropic/claude-sonnet-4-5'],
    ],
    noMatch: ['claude-4-9-sonnet'],
  },
  {
    rule: 'dated-snapshot',
    match: [
      // Anthropic lists dated snapshots of its models (claude-sonnet-4-5-20250929): a new date
      // of the same model is that model.
      ['claude-sonnet-4-5-20260101', 'anthropic/claude-sonnet-4-5'],
      ['anthropic/claude-haiku-4-5-20261231', 'anthropic/claude-haiku-4-5'],
    ],
    noMatch: [
      // Four-digit tags are never dates: Mistral's name different models.
      'mistral-large-2607',
      'mistral/mistral-large-2607',
      'mistralai/mistral-large-2607',
      // Not a calendar date.
      'claude-sonnet-4-5-20251399',
      // A family that never dates snapshots that way.
      'mistral-large-latest-20260101',
    ],
  },
];

describe('resolution rules: every rule listed, each with must- and must-not-match ids', () => {
  it('the table covers every rule the resolver has', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual([...RESOLUTION_RULES].sort());
  });

  for (const { rule, match, noMatch } of CASES) {
    it.each(match)(`${rule}: %s → %s`, (id, expected) => {
      const r = resolveModel(card, id);
      expect(r?.model.id).toBe(expected);
      expect(r?.rule).toBe(rule);
    });
    it.each(noMatch)(`${rule}: %s is unpriced`, (id) => {
      expect(resolveModel(card, id)).toBeNull();
      expect(priceUsage(card, id, { input: 1000, output: 1000 })).toEqual({
        priced: false,
        model: id,
        reason: 'unknown model',
      });
    });
  }
});

describe(':variant suffixes', () => {
  it(':free is priced 0 and labelled free, on the model it belongs to', () => {
    const r = priceUsage(card, 'minimax/minimax-m2.5:free', {
      input: 100_000,
      output: 10_000,
    }) as Priced;
    expect(r).toMatchObject({
      priced: true,
      model: 'minimax/minimax-m2.5',
      costMicros: 0,
      free: true,
    });
    expect(r.rule.variant).toBe('free');
    expect(r.rules).toContain('free variant (:free), priced 0');
    const paid = priceUsage(card, 'minimax/minimax-m2.5', {
      input: 100_000,
      output: 10_000,
    }) as Priced;
    expect(paid.costMicros).toBeGreaterThan(0);
    expect(paid.free).toBe(false);
  });

  it('other variants price as the model and say which variant was asked', () => {
    const r = resolveModel(card, 'anthropic/claude-sonnet-4.5:thinking');
    expect(r?.model.id).toBe('anthropic/claude-sonnet-4-5');
    expect(r?.variant).toBe('thinking');
  });

  it('an empty, blank or non-string id is unpriced', () => {
    for (const id of ['', '   ', undefined as unknown as string, 42 as unknown as string]) {
      expect(resolveModel(card, id)).toBeNull();
    }
  });
});
