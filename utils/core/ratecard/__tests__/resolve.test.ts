import { describe, expect, it } from 'vitest';
import { getBundledCard, listModels, resolveModelId, SEED_MODELS } from '@/utils/core/ratecard';
import { cardFromSources } from './helpers';

const card = cardFromSources();

describe('resolveModelId', () => {
  it.each([
    // models.dev ids
    ['anthropic/claude-sonnet-4-5', 'anthropic/claude-sonnet-4-5'],
    ['alibaba/qwen3.6-plus', 'alibaba/qwen3.6-plus'],
    // OpenRouter ids (vendor prefixes differ, dots vs dashes)
    ['anthropic/claude-sonnet-4.5', 'anthropic/claude-sonnet-4-5'],
    ['qwen/qwen3.6-plus', 'alibaba/qwen3.6-plus'],
    ['x-ai/grok-4', 'x-ai/grok-4'],
    ['z-ai/glm-5-turbo', 'zai/glm-5-turbo'],
    ['mistralai/mistral-large-2512', 'mistral/mistral-large-2512'],
    // OpenRouter-only models keep OpenRouter's id
    ['deepseek/deepseek-v3.2', 'deepseek/deepseek-v3.2'],
    // bare vendor ids
    ['gpt-5', 'openai/gpt-5'],
    ['claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5'],
    ['claude-sonnet-4.5', 'anthropic/claude-sonnet-4-5'],
    ['MiniMax-M2.7', 'minimax/minimax-m2.7'],
    ['kimi-k2.6', 'moonshotai/kimi-k2.6'],
    // dated suffixes
    ['openai/gpt-5-2025-08-07', 'openai/gpt-5'],
    ['x-ai/grok-4-07-09', 'x-ai/grok-4'],
    ['claude-opus-4-1-20250805', 'anthropic/claude-opus-4-1'],
    // OpenRouter's canonical slugs use Anthropic's older word order
    ['anthropic/claude-4.5-sonnet-20250929', 'anthropic/claude-sonnet-4-5'],
    ['claude-4-opus', 'anthropic/claude-opus-4-0'],
    ['claude-3-5-sonnet-20241022', 'anthropic/claude-3-5-sonnet-20241022'],
    // :free and :thinking variants
    ['minimax/minimax-m2.5:free', 'minimax/minimax-m2.5'],
    ['qwen/qwen3.6-plus:thinking', 'alibaba/qwen3.6-plus'],
    // display names (what a site shows)
    ['Claude Sonnet 4.5', 'anthropic/claude-sonnet-4-5'],
    ['Gemini 2.5 Pro', 'google/gemini-2.5-pro'],
    ['DeepSeek V3.2', 'deepseek/deepseek-v3.2'],
    // case and whitespace
    ['  GPT-5  ', 'openai/gpt-5'],
  ])('%s → %s', (raw, expected) => {
    expect(resolveModelId(card, raw)).toBe(expected);
  });

  it.each(['', '   ', 'gpt-99', 'acme/unknown', 'claude-sonnet-9-9', 'openrouter/auto'])(
    'does not resolve %j (unpriced)',
    (raw) => {
      expect(resolveModelId(card, raw)).toBeNull();
    },
  );

  it('prefers the lab model over a reseller copy for a bare id', () => {
    expect(resolveModelId(card, 'glm-5')).toBe('zai/glm-5');
  });

  it('joins OpenRouter entries to the labs\' "latest" aliases only when the prices agree', () => {
    expect(resolveModelId(card, 'anthropic/claude-opus-4')).toBe('anthropic/claude-opus-4-0');
    expect(resolveModelId(card, 'openai/gpt-5-chat')).toBe('openai/gpt-5-chat-latest');
    expect(resolveModelId(card, 'moonshotai/kimi-k2-0905')).toBe('moonshotai/kimi-k2-0905-preview');
    expect(resolveModelId(card, 'anthropic/claude-3-haiku')).toBe(
      'anthropic/claude-3-haiku-20240307',
    );
    // OpenRouter's "mistral-large" is Large 2 ($2/$6), Mistral's "mistral-large-latest" is Large 3
    expect(resolveModelId(card, 'mistralai/mistral-large')).toBe('mistralai/mistral-large');
  });

  it('keeps distinct versions apart (Mistral Large 2411 is not Large 3)', () => {
    expect(resolveModelId(card, 'mistral-large-2411')).toBe('mistral/mistral-large-2411');
    expect(resolveModelId(card, 'mistral-large-2512')).toBe('mistral/mistral-large-2512');
  });

  it('resolves every seed model (SEED_MODELS) in the bundled card', () => {
    const bundled = getBundledCard();
    const missing = SEED_MODELS.flatMap((s) => s.ids).filter((id) => !resolveModelId(bundled, id));
    expect(missing).toEqual([]);
  });

  it('canonical ids are unique and every alias resolves back to its model', () => {
    const ids = card.models.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const wrong = card.models.flatMap((m) =>
      m.aliases
        .filter((a) => resolveModelId(card, a) !== m.id)
        .map((a) => `${a} → ${resolveModelId(card, a)} (want ${m.id})`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('listModels', () => {
  it('lists every model with its limits, offers and base prices', () => {
    const list = listModels(card);
    expect(list).toHaveLength(card.models.length);
    const sonnet = list.find((m) => m.id === 'anthropic/claude-sonnet-4-5')!;
    expect(sonnet).toMatchObject({
      name: 'Claude Sonnet 4.5',
      provider: 'anthropic',
      contextWindow: 200_000,
      maxOutput: 64_000,
      offers: ['default', 'openrouter'],
      prices: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      currency: 'USD',
    });
    expect(list.find((m) => m.id === 'google/gemini-2.5-pro')!.tiered).toBe(true);
  });
});
