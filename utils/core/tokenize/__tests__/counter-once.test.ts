import { describe, expect, it } from 'vitest';
import { LONG_SAMPLES, SAMPLES } from '../../../../tests/fixtures/tokenize/samples';
import { loadVocabFromNodeModules } from '../../../../scripts/cli/count';
import { TokenCounter, type VocabId } from '..';

// `count(text, model, true)` (the CLI's single count, whole text, no chunk cache) gives the
// number, provenance and family the cached path gives, on every family, and falls back alike.
const MODELS = [
  'openai/gpt-5',
  'openai/gpt-4',
  'deepseek/deepseek-v3.2',
  'alibaba/qwen3-235b-a22b',
  'meta-llama/llama-3.3-70b-instruct',
  'google/gemini-2.5-pro',
  'anthropic/claude-sonnet-4-5',
  'moonshotai/kimi-k2.6',
  'mistral/mistral-small-2506',
  null,
];
const TEXTS = [...Object.values(SAMPLES), ...Object.values(LONG_SAMPLES), '', ' \n\n x'];

describe('TokenCounter.count once (whole text) vs with the chunk cache', () => {
  const counter = new TokenCounter(loadVocabFromNodeModules);
  it.each(MODELS)('%s', async (model) => {
    for (const text of TEXTS) {
      expect(await counter.count(text, model, true)).toEqual(await counter.count(text, model));
    }
  });

  it('falls back to the labelled estimate when the vocabulary fails to load', async () => {
    const failing = new TokenCounter((id: VocabId) =>
      id === 'gemma3' ? Promise.reject(new Error('broken file')) : loadVocabFromNodeModules(id),
    );
    const text = SAMPLES['zh-cn'] ?? Object.values(SAMPLES)[0];
    const once = await failing.count(text, 'google/gemini-2.5-pro', true);
    expect(once.provenance).toBe('estimate');
    expect(once).toEqual(await failing.count(text, 'google/gemini-2.5-pro'));
  });
});
