// The background's batch answers for the overlay on long pages: `countTokensBatch`
// and `priceUsageMany` answer in the order asked with exactly what one `countTokens` or
// `priceUsage` per item answers, unknown models included.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupRateCard } from '@/utils/background/ratecard';
import { setupTokenizer } from '@/utils/background/tokenizer';
import { registerHandlers, sendMessage } from '@/utils/messaging';
import { tokenizerAssets } from '../../../scripts/tokenizer-assets';

const assets = await tokenizerAssets();
const served = new Map(assets.map((f) => [f.relativeDest, f.contents]));

let off: () => void = () => undefined;

beforeEach(() => {
  vi.stubGlobal('fetch', async (url: string) => {
    const body = served.get(new URL(url).pathname.slice(1));
    return body === undefined
      ? new Response('not found', { status: 404 })
      : new Response(body, { status: 200 });
  });
});
afterEach(() => {
  off();
  vi.unstubAllGlobals();
});

const TEXTS = [
  '',
  'Hello, world.',
  '你好，世界！',
  '👩‍💻 const x = 1;\n',
  'Hello, world.',
  'a'.repeat(5000),
];

describe('batch answers for the overlay', () => {
  it('countTokensBatch equals one countTokens per text, in order, on known and unknown models', async () => {
    off = registerHandlers(setupTokenizer());
    for (const model of ['openai/gpt-5', 'deepseek/deepseek-v3.2', 'no/such-model', null]) {
      const batch = await sendMessage('countTokensBatch', { model, texts: TEXTS });
      expect(batch.counts).toHaveLength(TEXTS.length);
      for (let i = 0; i < TEXTS.length; i++) {
        const one = await sendMessage('countTokens', { model, text: TEXTS[i] });
        expect(batch.counts[i], `${model} #${i}`).toEqual(one.count);
      }
    }
  }, 60_000);

  it('priceUsageMany equals one priceUsage per usage, in order; an unknown model is unpriced', async () => {
    off = registerHandlers(setupRateCard());
    const usages = [
      { input: 1000, output: 200 },
      { input: 0, output: 0 },
      { input: 250_000, output: 10_000, reasoning: 5000 },
      { input: 1000, output: 200 },
    ];
    for (const model of ['openai/gpt-5', 'anthropic/claude-sonnet-4-5', 'no/such-model']) {
      const at = Date.parse('2026-10-01T12:00:00Z');
      const many = await sendMessage('priceUsageMany', { model, usages, at });
      expect(many).toHaveLength(usages.length);
      for (let i = 0; i < usages.length; i++) {
        const one = await sendMessage('priceUsage', { model, usage: usages[i], at });
        expect(many[i], `${model} #${i}`).toEqual(one);
      }
      if (model === 'no/such-model') expect(many.every((r) => !r.priced)).toBe(true);
      else expect(many[0]).toMatchObject({ priced: true });
    }
  });
});
