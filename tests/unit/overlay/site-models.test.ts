import { describe, expect, it } from 'vitest';
import { getBundledCard, resolveModelId } from '@/utils/core/ratecard';
import {
  normalizeLabel,
  resolveSiteModel,
  SHARED_ALIASES,
  SITE_ALIASES,
} from '@/utils/core/site-models';
import { ADAPTERS } from '@/utils/adapters';

describe('site model alias table', () => {
  const card = getBundledCard();
  const all = [...SHARED_ALIASES, ...Object.values(SITE_ALIASES).flat()];

  it.each(all.map(([label, id]) => [label, id]))(
    '"%s" → %s is a canonical id of the bundled card',
    (_, id) => {
      expect(resolveModelId(card, id)).toBe(id);
    },
  );

  it('has site tables only for known adapters, and no duplicate aliases within a table', () => {
    const ids = new Set(ADAPTERS.map((a) => a.id));
    for (const site of Object.keys(SITE_ALIASES)) expect(ids).toContain(site);
    for (const table of [SHARED_ALIASES, ...Object.values(SITE_ALIASES)]) {
      const labels = table.map(([l]) => normalizeLabel(l));
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it.each([
    ['chatgpt', 'ChatGPT 5 Thinking', 'openai/gpt-5'],
    ['chatgpt', 'GPT-5 Thinking', 'openai/gpt-5'],
    ['chatgpt', 'GPT-5.1 Thinking', 'openai/gpt-5.1'],
    ['chatgpt', 'Instant', 'openai/gpt-5-chat-latest'],
    ['claude', 'Sonnet 4.5', 'anthropic/claude-sonnet-4-5'],
    ['claude', 'Claude Sonnet 4.5 (new)', 'anthropic/claude-sonnet-4-5'],
    ['deepseek', 'DeepThink', 'deepseek/deepseek-reasoner'],
    ['deepseek', 'deepseek-chat', 'deepseek/deepseek-chat'],
    ['gemini', 'Gemini 3 Pro', 'google/gemini-3-pro-preview'],
    ['gemini', 'Thinking', 'google/gemini-3-pro-preview'],
    ['qwen', 'Qwen3-Max', 'alibaba/qwen3-max'],
    ['kimi', 'K2', 'moonshotai/kimi-k2-0905-preview'],
    ['zai', 'GLM-4.6', 'zai/glm-4.6'],
    ['grok', 'Grok 4', 'x-ai/grok-4'],
    ['grok', '  grok   4 ', 'x-ai/grok-4'],
  ])('%s: "%s" → %s', (site, label, model) => {
    expect(resolveSiteModel(site, label)?.model).toBe(model);
  });

  it('site meaning beats the shared one ("Thinking" differs by site)', () => {
    expect(resolveSiteModel('chatgpt', 'Thinking')?.model).toBe('openai/gpt-5');
    expect(resolveSiteModel('deepseek', 'Thinking')?.model).toBe('deepseek/deepseek-reasoner');
  });

  it.each([null, '', '   ', 'Some Future Model 9', 'GPT-5x', 'gpt-5.9 thinking'])(
    'unknown label %j → null',
    (label) => {
      expect(resolveSiteModel('chatgpt', label)).toBeNull();
    },
  );
});
