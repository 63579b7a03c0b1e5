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

  it.each([null, '', '   ', 'Some Future Model 9', 'GPT-5x', 'gpt-5.9 thinking'])(
    'unknown label %j → null',
    (label) => {
      expect(resolveSiteModel('chatgpt', label)).toBeNull();
    },
  );
});
