import { describe, expect, it } from 'vitest';
import { priceOffer, priceUsage, type Priced, type PriceResult } from '@/utils/core/ratecard';
import { cardFromSources } from './helpers';

// Every expected figure below is worked out by hand from the prices in the repo's models.dev
// copy (USD per 1M tokens), written next to it; the engine returns integer micro-USD.
const card = cardFromSources();

function priced(result: PriceResult): Priced {
  if (!result.priced) throw new Error(`expected priced, got ${JSON.stringify(result)}`);
  return result;
}

describe('priceUsage: hand-checked cases on the real card', () => {
  // Gemini 2.5 Pro: $1.25 in / $10 out / $0.125 cache read; above 200k prompt: $2.5 / $15 / $0.25.
  it('Gemini 2.5 Pro at 150k prompt tokens: base rate', () => {
    const r = priced(priceUsage(card, 'gemini-2.5-pro', { input: 150_000, output: 2_000 }));
    expect(r.model).toBe('google/gemini-2.5-pro');
    expect(r.tierAbove).toBeNull();
    // 150,000 × 1.25 / 1M = 0.1875; 2,000 × 10 / 1M = 0.02
    expect(r.breakdown).toMatchObject({ input: 187_500, output: 20_000 });
    expect(r.costMicros).toBe(207_500);
  });

  it('Gemini 2.5 Pro at 250k prompt tokens: the whole request at the >200k rate', () => {
    const r = priced(priceUsage(card, 'gemini-2.5-pro', { input: 250_000, output: 2_000 }));
    expect(r.tierAbove).toBe(200_000);
    // 250,000 × 2.5 / 1M = 0.625; 2,000 × 15 / 1M = 0.03
    expect(r.breakdown).toMatchObject({ input: 625_000, output: 30_000 });
    expect(r.costMicros).toBe(655_000);
  });

  it('Gemini 2.5 Pro: cached reads count toward the tier and are billed at the tier', () => {
    // prompt = 50,000 + 160,000 = 210,000 > 200,000 → tier: 50,000 × 2.5 = 0.125; 160,000 × 0.25 = 0.04
    const r = priced(
      priceUsage(card, 'google/gemini-2.5-pro', { input: 50_000, cacheRead: 160_000, output: 0 }),
    );
    expect(r.promptTokens).toBe(210_000);
    expect(r.tierAbove).toBe(200_000);
    expect(r.breakdown).toMatchObject({ input: 125_000, cacheRead: 40_000, output: 0 });
    expect(r.costMicros).toBe(165_000);
  });

  it('boundary rule: exactly 200,000 prompt tokens stays at the base rate, 200,001 does not', () => {
    const at = priced(priceUsage(card, 'gemini-2.5-pro', { input: 200_000, output: 0 }));
    expect(at.tierAbove).toBeNull();
    expect(at.costMicros).toBe(250_000); // 200,000 × 1.25
    const over = priced(priceUsage(card, 'gemini-2.5-pro', { input: 200_001, output: 0 }));
    expect(over.tierAbove).toBe(200_000);
    expect(over.costMicros).toBe(500_003); // 200,001 × 2.5 = 0.5000025 → 500,002.5 → half up
  });

  // Qwen3.6 Plus (Alibaba): $0.5 / $3 / read $0.05 / write $0.625; above 256k: $2 / $6 / $0.2 / $2.5.
  it('Qwen3.6 Plus at exactly 256,000 prompt tokens: base rate', () => {
    const r = priced(priceUsage(card, 'qwen3.6-plus', { input: 256_000, output: 1_000 }));
    expect(r.model).toBe('alibaba/qwen3.6-plus');
    // 256,000 × 0.5 = 0.128; 1,000 × 3 = 0.003
    expect(r.costMicros).toBe(131_000);
  });

  it('Qwen3.6 Plus at 256,001 prompt tokens: tier rate on every class', () => {
    const r = priced(priceUsage(card, 'qwen/qwen3.6-plus', { input: 256_001, output: 1_000 }));
    expect(r.tierAbove).toBe(256_000);
    // 256,001 × 2 = 0.512002; 1,000 × 6 = 0.006
    expect(r.breakdown).toMatchObject({ input: 512_002, output: 6_000 });
    expect(r.costMicros).toBe(518_002);
  });

  it('Qwen3.6 Plus across the tier with cache reads and writes', () => {
    // prompt = 200,000 + 50,000 + 10,000 = 260,000 > 256,000 →
    // 200,000 × 2 = 0.4; 50,000 × 0.2 = 0.01; 10,000 × 2.5 = 0.025; 500 × 6 = 0.003
    const r = priced(
      priceUsage(card, 'qwen3.6-plus', {
        input: 200_000,
        cacheRead: 50_000,
        cacheWrite: 10_000,
        output: 500,
      }),
    );
    expect(r.breakdown).toEqual({
      input: 400_000,
      cacheRead: 10_000,
      cacheWrite: 25_000,
      output: 3_000,
      reasoning: 0,
      request: 0,
    });
    expect(r.costMicros).toBe(438_000);
  });

  // GPT-5: $1.25 in / $10 out / $0.125 cache read; no reasoning price → reasoning at output.
  it('GPT-5 with cache reads and reasoning', () => {
    const r = priced(
      priceUsage(card, 'gpt-5', {
        input: 10_000,
        cacheRead: 90_000,
        output: 2_000,
        reasoning: 8_000,
      }),
    );
    expect(r.model).toBe('openai/gpt-5');
    // 10,000 × 1.25 = 0.0125; 90,000 × 0.125 = 0.01125; 2,000 × 10 = 0.02; 8,000 × 10 = 0.08
    expect(r.breakdown).toEqual({
      input: 12_500,
      cacheRead: 11_250,
      cacheWrite: 0,
      output: 20_000,
      reasoning: 80_000,
      request: 0,
    });
    expect(r.costMicros).toBe(123_750);
  });

  it('reasoning at its own price where the card has one (Qwen Plus: out $1.2, reasoning $4)', () => {
    const r = priced(
      priceUsage(card, 'alibaba/qwen-plus', { input: 0, output: 1_000, reasoning: 1_000 }),
    );
    expect(r.breakdown).toMatchObject({ output: 1_200, reasoning: 4_000 });
  });

  // Claude Sonnet 4.5: $3 in / $15 out / read $0.3 / write (5 min) $3.75.
  it('Claude Sonnet 4.5 with cache writes (dated id)', () => {
    const r = priced(
      priceUsage(card, 'claude-sonnet-4-5-20250929', {
        input: 2_000,
        cacheWrite: 50_000,
        cacheRead: 10_000,
        output: 1_000,
      }),
    );
    expect(r.model).toBe('anthropic/claude-sonnet-4-5');
    // 2,000 × 3 = 0.006; 50,000 × 3.75 = 0.1875; 10,000 × 0.3 = 0.003; 1,000 × 15 = 0.015
    expect(r.breakdown).toMatchObject({
      input: 6_000,
      cacheWrite: 187_500,
      cacheRead: 3_000,
      output: 15_000,
    });
    expect(r.costMicros).toBe(211_500);
  });

  it('a free model is priced at 0 and flagged free (GLM-4.7-Flash)', () => {
    const r = priced(priceUsage(card, 'glm-4.7-flash', { input: 100_000, output: 5_000 }));
    expect(r.model).toBe('zai/glm-4.7-flash');
    expect(r.free).toBe(true);
    expect(r.costMicros).toBe(0);
  });

  it('a per-request fee (Perplexity Sonar Deep Research: $5 per 1,000 requests)', () => {
    // in $2, out $8, reasoning $3 per 1M; 1,000 × 2 = 0.002; 500 × 8 = 0.004; 10,000 × 3 = 0.03;
    // 3 requests × $0.005 = 0.015
    const r = priced(
      priceUsage(card, 'perplexity/sonar-deep-research', {
        input: 1_000,
        output: 500,
        reasoning: 10_000,
        requests: 3,
      }),
    );
    expect(r.breakdown).toEqual({
      input: 2_000,
      cacheRead: 0,
      cacheWrite: 0,
      output: 4_000,
      reasoning: 30_000,
      request: 15_000,
    });
    expect(r.costMicros).toBe(51_000);
  });

  it('requests default to one', () => {
    const r = priced(priceUsage(card, 'sonar-deep-research', { input: 0, output: 0 }));
    expect(r.breakdown.request).toBe(5_000);
  });

  it('an unknown model is unpriced, never $0', () => {
    const r = priceUsage(card, 'acme/made-up-model-9', { input: 1_000, output: 1_000 });
    expect(r).toEqual({ priced: false, model: 'acme/made-up-model-9', reason: 'unknown model' });
    expect('costMicros' in r).toBe(false);
  });

  it('the OpenRouter offer when asked (Qwen3.6 Plus on OpenRouter: $0.325 / $1.95 / write $0.40625)', () => {
    const r = priced(
      priceUsage(
        card,
        'qwen3.6-plus',
        { input: 1_000, cacheWrite: 1_000, output: 1_000 },
        { offer: 'openrouter' },
      ),
    );
    expect(r.offer).toBe('openrouter');
    // 325 + 406.25 (→ 406, half up) + 1,950
    expect(r.breakdown).toMatchObject({ input: 325, cacheWrite: 406, output: 1_950 });
    expect(r.costMicros).toBe(2_681);
  });

  it('falls back to the OpenRouter offer where the lab has none (DeepSeek R1 0528)', () => {
    const r = priced(priceUsage(card, 'deepseek-r1-0528', { input: 1_000_000, output: 0 }));
    expect(r.model).toBe('deepseek/deepseek-r1-0528');
    expect(r.offer).toBe('openrouter');
    expect(r.costMicros).toBe(500_000); // $0.5 per 1M (models.dev's copy of OpenRouter)
  });

  it("DeepSeek V3.2 at the lab's list price (lab-prices.json), OpenRouter's on request", () => {
    const lab = priced(priceUsage(card, 'deepseek-v3.2', { input: 1_000_000, output: 0 }));
    expect(lab.offer).toBe('default');
    expect(lab.costMicros).toBe(280_000); // $0.28 per 1M, DeepSeek's V3.2 list price
    const or = priced(
      priceUsage(card, 'deepseek-v3.2', { input: 1_000_000, output: 0 }, { offer: 'openrouter' }),
    );
    expect(or.costMicros).toBe(228_800); // $0.2288 per 1M (models.dev's copy of OpenRouter)
  });

  it('a `:free` OpenRouter id costs 0 on the OpenRouter offer, marked as such', () => {
    const r = priced(
      priceUsage(card, 'minimax/minimax-m2.5:free', { input: 5_000, output: 5_000 }),
    );
    expect(r.model).toBe('minimax/minimax-m2.5');
    expect(r.costMicros).toBe(0);
    expect(r.source).toContain(':free');
    // the paid id is not free
    expect(
      priced(priceUsage(card, 'minimax/minimax-m2.5', { input: 5_000, output: 5_000 })).costMicros,
    ).toBeGreaterThan(0);
  });

  it('a user override takes precedence and is marked', () => {
    const r = priced(
      priceUsage(
        card,
        'claude-sonnet-4.5',
        { input: 1_000_000, output: 0 },
        {
          overrides: { 'anthropic/claude-sonnet-4-5': { prices: { input: 2.4, output: 12 } } },
        },
      ),
    );
    expect(r).toMatchObject({
      override: true,
      offer: 'override',
      source: 'override',
      costMicros: 2_400_000,
    });
  });

  it('rejects usage that is not whole non-negative numbers', () => {
    expect(() => priceUsage(card, 'gpt-5', { input: -1, output: 0 })).toThrow(/usage.input/);
    expect(() => priceUsage(card, 'gpt-5', { input: 1.5, output: 0 })).toThrow(/usage.input/);
    expect(() => priceUsage(card, 'gpt-5', { input: NaN, output: 0 })).toThrow(/usage.input/);
  });
});

describe('priceOffer: exactness', () => {
  it('has no float drift: 0.1 + 0.2-style prices stay exact at scale', () => {
    // $0.1 + $0.2 per 1M over 10M tokens each = $1 + $2 exactly
    const r = priceOffer(
      { prices: { input: 0.1, output: 0.2 }, tiers: [] },
      { input: 10_000_000, output: 10_000_000 },
    );
    expect(r.costMicros).toBe(3_000_000);
  });

  it('the breakdown always adds up to the total', () => {
    const r = priceOffer(
      {
        prices: { input: 0.0000333, output: 1.1, cacheRead: 0.0028, reasoning: 3.3333 },
        tiers: [],
      },
      { input: 777, cacheRead: 12_345, output: 999, reasoning: 4_321 },
    );
    const sum = Object.values(r.breakdown).reduce((a, b) => a + b, 0);
    expect(sum).toBe(r.costMicros);
  });

  it('handles very large usage without losing precision (BigInt inside)', () => {
    // 2 billion tokens at $600 per 1M = $1,200,000 = 1.2e12 micro-USD
    const r = priceOffer(
      { prices: { input: 600, output: 0 }, tiers: [] },
      { input: 2_000_000_000, output: 0 },
    );
    expect(r.costMicros).toBe(1_200_000_000_000);
  });
});
