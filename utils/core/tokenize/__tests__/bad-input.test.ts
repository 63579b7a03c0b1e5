import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../../tests/fixtures/tokenize/samples';
import { loadVocabFromNodeModules } from '../../../../scripts/cli/count';
import { TokenCounter } from '..';

// Bad input never throws and always gets a count (time bounds are in `npm run bench`).
const counter = new TokenCounter(loadVocabFromNodeModules);
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

const INPUTS: Record<string, string> = {
  empty: '',
  'lone surrogates': '\ud800\udbff\udc00\udfff x\ud83d',
  NUL: '\u0000'.repeat(100) + 'a\u0000b',
  'RTL marks': '\u200f\u202b\u202e שלום \u202c\u200e',
  ZWJ: '\u200d'.repeat(500) + '👩\u200d💻',
  '200k × "a"': 'a'.repeat(200_000),
  '200k spaces': ' '.repeat(200_000),
  '200k newlines': '\n'.repeat(200_000),
  '200k × "中"': '中'.repeat(200_000),
  '200k × "="': '='.repeat(200_000),
  '200k × emoji': '😀'.repeat(200_000),
};

describe.each(MODELS)('counting for %s', (model) => {
  it.each(Object.keys(INPUTS))('counts %s without throwing', async (name) => {
    const count = await counter.count(INPUTS[name], model);
    expect(Number.isInteger(count.tokens)).toBe(true);
    expect(count.tokens).toBeGreaterThanOrEqual(name === 'empty' ? 0 : 1);
    if (name === 'empty') expect(count.tokens).toBe(0);
  });
});

describe('5 MB of text', () => {
  const big = Object.values(SAMPLES).join('\n').repeat(120).slice(0, 5_000_000);

  it.each([
    'openai/gpt-5',
    'alibaba/qwen3-235b-a22b',
    'google/gemini-2.5-pro',
    'moonshotai/kimi-k2.6',
    'mistral/mistral-small-2506',
  ])(
    'counts for %s',
    async (model) => {
      expect(big.length).toBe(5_000_000);
      const count = await counter.count(big, model);
      expect(count.tokens).toBeGreaterThan(1_000_000);
    },
    60_000,
  );
});

describe('non-text input from a caller', () => {
  it('counts as empty rather than throwing', async () => {
    expect((await counter.count(undefined as never, 'openai/gpt-5')).tokens).toBe(0);
    expect((await counter.count(42 as never, 'openai/gpt-5')).tokens).toBe(0);
  });
});
