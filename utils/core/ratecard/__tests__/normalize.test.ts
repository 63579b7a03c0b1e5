import { describe, expect, it } from 'vitest';
import {
  cardVersion,
  normalizeModelsDev,
  normalizeOpenRouter,
  rateCardSchema,
  RateCardSourceError,
} from '@/utils/core/ratecard';
import { scaleDecimal, toScaledBigInt } from '@/utils/core/ratecard/decimal';
import {
  cardFromSources,
  loadFullModelsDev,
  loadModelsDevCopy,
  loadOpenRouterFixture,
} from './helpers';

const at = { fetchedAt: '2026-07-02' };

describe('normalizeModelsDev', () => {
  it('keeps first-party chat models with their list price and tiers', () => {
    const { lab } = normalizeModelsDev(loadModelsDevCopy(), at);
    const gemini = lab.find((m) => m.id === 'google/gemini-2.5-pro')!;
    expect(gemini.offer).toMatchObject({
      source: 'models.dev',
      sourceId: 'google/gemini-2.5-pro',
      currency: 'USD',
      prices: { input: 1.25, output: 10, cacheRead: 0.125 },
      tiers: [{ above: 200_000, prices: { input: 2.5, output: 15, cacheRead: 0.25 } }],
      free: false,
    });
    // non-chat models are left out
    expect(lab.some((m) => m.id.includes('embedding'))).toBe(false);
    expect(lab.some((m) => m.id === 'google/gemini-2.5-flash-preview-tts')).toBe(false);
    expect(lab.some((m) => m.id === 'openai/gpt-image-1')).toBe(false);
  });

  it('folds a dated snapshot into its undated id when the prices match', () => {
    const { lab } = normalizeModelsDev(loadModelsDevCopy(), at);
    const sonnet = lab.find((m) => m.id === 'anthropic/claude-sonnet-4-5')!;
    expect(sonnet.aliases).toContain('anthropic/claude-sonnet-4-5-20250929');
    expect(sonnet.name).toBe('Claude Sonnet 4.5');
    expect(lab.some((m) => m.id === 'anthropic/claude-sonnet-4-5-20250929')).toBe(false);
  });

  it('reads the spelling variants of cache prices (MiniMax-M2.1: cached_input / cached_write)', () => {
    const { lab } = normalizeModelsDev(loadModelsDevCopy(), at);
    expect(lab.find((m) => m.id === 'minimax/minimax-m2.1')!.offer!.prices).toMatchObject({
      cacheRead: 0.03,
      cacheWrite: 0.375,
    });
  });

  it('normalizes the full 147-provider file', () => {
    const { lab, openrouter } = normalizeModelsDev(loadFullModelsDev(), at);
    expect(lab.length).toBeGreaterThan(200);
    expect(openrouter.length).toBeGreaterThan(250);
  });

  const broken = (mutate: (d: any) => void) => {
    const data = loadModelsDevCopy();
    mutate(data);
    return () => normalizeModelsDev(data, at);
  };

  it.each([
    [
      'a negative price',
      (d: any) => (d.openai.models['gpt-5'].cost.input = -1.25),
      /openai\/gpt-5: cost.input/,
    ],
    [
      'a NaN-like price',
      (d: any) => (d.openai.models['gpt-5'].cost.output = 'NaN'),
      /openai\/gpt-5: cost.output/,
    ],
    [
      'a missing output price',
      (d: any) => delete d.anthropic.models['claude-haiku-4-5'].cost.output,
      /claude-haiku-4-5: cost.output/,
    ],
    [
      'missing limits',
      (d: any) => delete d.google.models['gemini-2.5-pro'].limit,
      /gemini-2.5-pro: limit/,
    ],
    ['a provider without models', (d: any) => delete d.xai.models, /xai.models/],
  ])('rejects %s with a message naming the model and field', (_label, mutate, message) => {
    const run = broken(mutate);
    expect(run).toThrow(RateCardSourceError);
    expect(run).toThrow(message);
  });

  it.each([null, [], 'text', 42])(
    'rejects a payload that is not an object of providers: %j',
    (raw) => {
      expect(() => normalizeModelsDev(raw, at)).toThrow(/models.dev: payload/);
    },
  );

  it('ignores a broken entry of a provider the card does not use', () => {
    const data = loadFullModelsDev();
    data['302ai'].models[Object.keys(data['302ai'].models)[0]].cost = { input: -5 };
    expect(() => normalizeModelsDev(data, at)).not.toThrow();
  });
});

describe('normalizeOpenRouter (trimmed raw fixture)', () => {
  const entries = normalizeOpenRouter(loadOpenRouterFixture(), { fetchedAt: '2026-05-15' });
  const byId = new Map(entries.map((e) => [e.id, e]));

  it('turns per-token decimal strings into exact per-1M prices', () => {
    // "0.000000252" / "0.000000378" / "0.0000000252" per token
    expect(byId.get('deepseek/deepseek-v3.2')!.offer.prices).toEqual({
      input: 0.252,
      output: 0.378,
      cacheRead: 0.0252,
    });
    // "0.00000040625" per token cache write
    expect(byId.get('qwen/qwen3.6-plus')!.offer.prices.cacheWrite).toBe(0.40625);
    // internal_reasoning maps to the reasoning price
    expect(byId.get('google/gemini-2.5-pro')!.offer.prices.reasoning).toBe(10);
  });

  it('skips variable-price routers and non-chat models', () => {
    expect(byId.has('openrouter/auto')).toBe(false);
    expect(byId.has('openrouter/pareto-code')).toBe(false);
    expect(byId.has('openai/gpt-5.4-image-2')).toBe(false);
  });

  it('keeps :free entries as free offers with the slug and a clean name', () => {
    const free = byId.get('minimax/minimax-m2.5:free')!;
    expect(free.offer.free).toBe(true);
    const sonnet = byId.get('anthropic/claude-sonnet-4.5')!;
    expect(sonnet.slug).toBe('anthropic/claude-4.5-sonnet-20250929');
    expect(sonnet.name).toBe('Claude Sonnet 4.5');
    expect(sonnet.maxOutput).toBe(64_000);
  });

  it('rejects a negative price other than the router marker', () => {
    const raw = loadOpenRouterFixture();
    raw.data.find((m) => m.id === 'openai/gpt-5').pricing.completion = '-0.00001';
    expect(() => normalizeOpenRouter(raw, at)).toThrow(
      /openai\/gpt-5: pricing.completion is negative/,
    );
  });

  it.each([
    [
      'a non-decimal price',
      (m: any) => (m.pricing.prompt = 'NaN'),
      /pricing.prompt: not a decimal price/,
    ],
    ['a missing pricing object', (m: any) => delete m.pricing, /pricing/],
    ['a missing id', (m: any) => delete m.id, /data\[\d+\]: id/],
  ])('rejects %s', (_label, mutate, message) => {
    const raw = loadOpenRouterFixture();
    mutate(raw.data.find((m) => m.id === 'x-ai/grok-4'));
    expect(() => normalizeOpenRouter(raw, at)).toThrow(message);
  });

  it('rejects an empty or shapeless payload', () => {
    expect(() => normalizeOpenRouter({ data: [] }, at)).toThrow(/openrouter.ai: payload: data/);
    expect(() => normalizeOpenRouter({ models: [] }, at)).toThrow(/openrouter.ai: payload/);
  });
});

describe('decimal helpers', () => {
  it.each([
    ['0.00000040625', 6, 0.40625],
    ['0.0000000252', 6, 0.0252],
    ['1.25e-6', 6, 1.25],
    ['0', 6, 0],
    ['0.000003', 6, 3],
  ])('scaleDecimal(%s, %i) = %d', (value, pow, expected) => {
    expect(scaleDecimal(value, pow)).toBe(expected);
  });

  it('parses to scaled integers exactly and rounds half up past the scale', () => {
    expect(toScaledBigInt('0.1', 9)).toBe(100_000_000n);
    expect(toScaledBigInt(0.234375, 9)).toBe(234_375_000n);
    expect(toScaledBigInt('0.0000000005', 9)).toBe(1n);
    expect(() => toScaledBigInt('abc', 9)).toThrow(/not a decimal/);
    expect(() => toScaledBigInt(Number.NaN, 9)).toThrow(/finite/);
  });
});

describe('the card', () => {
  it('built from the source copies passes the schema; versions are content hashes', () => {
    const card = cardFromSources();
    expect(rateCardSchema.safeParse(card).success).toBe(true);
    expect(cardVersion(structuredClone(card.models))).toBe(card.version);
    const changed = structuredClone(card.models);
    changed[0].offers.default!.prices.input += 1;
    expect(cardVersion(changed)).not.toBe(card.version);
  });
});
