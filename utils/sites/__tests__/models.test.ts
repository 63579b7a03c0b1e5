// The shared model-label lookup (../models.ts) and the site tables it is given. Each site's own
// labels are checked by its test (the harness: every alias is a canonical id of the bundled card,
// and the labels its fixtures show resolve).
import { describe, expect, it } from 'vitest';
import { getBundledCard, resolveModelId } from '@/utils/core/ratecard';
import { ADAPTERS, resolveSiteModel, SITE_ALIASES } from '..';
import { normalizeLabel, SHARED_ALIASES } from '../models';

describe('site model alias table', () => {
  const card = getBundledCard();

  it.each(SHARED_ALIASES.map(([label, id]) => [label, id]))(
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

  it('site meaning beats the shared one ("Thinking" differs by site)', () => {
    expect(resolveSiteModel('chatgpt', 'Thinking')?.model).toBe('openai/gpt-5');
    expect(resolveSiteModel('deepseek', 'Thinking')?.model).toBe('deepseek/deepseek-reasoner');
  });

  it.each([
    null,
    '',
    '   ',
    'Some Future Model 9',
    'GPT-5x',
    'gpt-5.9 turbo',
    'claude-sonnet-4-20250514x',
  ])('unknown label %j → null', (label) => {
    expect(resolveSiteModel('chatgpt', label)).toBeNull();
  });
});

// What the sites' streams name (real captures, August 2026) and releases no table lists yet.
describe('version patterns', () => {
  const card = getBundledCard();
  it.each([
    ['chatgpt', 'gpt-5-6', 'openai/gpt-5.6'],
    ['chatgpt', 'gpt-5.9 thinking', 'openai/gpt-5.9'],
    ['chatgpt', 'GPT-5.6 Instant', 'openai/gpt-5.6-chat-latest'],
    ['chatgpt', 'gpt-5-4-mini', 'openai/gpt-5.4-mini'],
    ['claude', 'claude-sonnet-5', 'anthropic/claude-sonnet-5'],
    ['claude', 'claude-opus-4-8', 'anthropic/claude-opus-4-8'],
    ['claude', 'Opus 4.8', 'anthropic/claude-opus-4-8'],
    ['claude', 'claude-sonnet-4-20250514', 'anthropic/claude-sonnet-4'],
    ['gemini', '3.6 Flash', 'google/gemini-3.6-flash'],
    ['gemini', 'Gemini 3.5 Flash', 'google/gemini-3.5-flash'],
    ['kimi', 'K2.6 Instant', 'moonshotai/kimi-k2.6'],
    ['zai', 'GLM-5.1', 'zai/glm-5.1'],
    ['qwen', 'Qwen3.7-Max', 'alibaba/qwen3.7-max'],
    // What the pages' request bodies name (their request.json fixtures).
    ['chatgpt', 'gpt-5-5', 'openai/gpt-5.5'],
    ['claude', 'claude-haiku-4-5-20251001', 'anthropic/claude-haiku-4-5'],
    ['deepseek', 'deepseek-reasoner', 'deepseek/deepseek-reasoner'],
    ['qwen', 'qwen3-max', 'alibaba/qwen3-max'],
    ['zai', 'GLM-4-6-API-V1', 'zai/glm-4.6'],
    ['zai', '0727-360B-API', 'zai/glm-4.5'],
    ['zai', 'glm-4.7', 'zai/glm-4.7'],
  ])('%s: "%s" → %s', (site, label, id) => {
    expect(resolveSiteModel(site, label)?.model).toBe(id);
  });

  it('resolves to the card where the card has the release, and leaves the rest unpriced', () => {
    expect(resolveModelId(card, resolveSiteModel('claude', 'claude-sonnet-5')!.model)).toBe(
      'anthropic/claude-sonnet-5',
    );
    expect(resolveModelId(card, resolveSiteModel('kimi', 'K2.6 Instant')!.model)).toBe(
      'moonshotai/kimi-k2.6',
    );
    // Not on the bundled card (July 2026): shown as the site named it, unpriced.
    expect(resolveModelId(card, resolveSiteModel('chatgpt', 'gpt-5-6')!.model)).toBeNull();
  });
});
