import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerHandlers, sendMessage } from '@/utils/messaging';
import { tokenizerAssets } from '../../../scripts/tokenizer-assets';
import { loadVocabFromNodeModules } from '../../../scripts/cli/count';
import { TokenCounter } from '../../core/tokenize';

// The background host as the extension runs it: messages in, vocabularies fetched from the
// files the build hook puts in `tokenizers/`, served here from what the hook would copy.
const assets = await tokenizerAssets();
const served = new Map(assets.map((f) => [f.relativeDest, f.contents]));
const reference = new TokenCounter(loadVocabFromNodeModules);
const TEXT = '你好，世界！Hello, world. 👩‍💻\nconst x = 1;\n';

let fetched: string[] = [];
let off: () => void = () => undefined;

async function startBackground() {
  vi.resetModules(); // a fresh module = a service worker that Chrome has just restarted
  const { setupTokenizer } = await import('@/utils/background/tokenizer');
  off = registerHandlers(setupTokenizer());
}

beforeEach(() => {
  fetched = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url).pathname.slice(1);
    fetched.push(path);
    const body = served.get(path);
    return body === undefined
      ? new Response('not found', { status: 404 })
      : new Response(body, { status: 200 });
  });
});
afterEach(() => {
  off();
  vi.unstubAllGlobals();
});

describe('tokenizer host', () => {
  it('ships one file per vocabulary, and the notices of their terms', () => {
    expect([...served.keys()].sort()).toEqual([
      'tokenizers/NOTICES.txt',
      'tokenizers/cl100k_base.vocab',
      'tokenizers/deepseek-v3.vocab',
      'tokenizers/gemma3.vocab',
      'tokenizers/kimi-k2.vocab',
      'tokenizers/llama3.vocab',
      'tokenizers/o200k_base.vocab',
      'tokenizers/qwen3.vocab',
      'tokenizers/tekken.vocab',
    ]);
  });

  it('names every shipped vocabulary with its source and terms in NOTICES.txt', () => {
    const notices = served.get('tokenizers/NOTICES.txt')!;
    const vocabFiles = [...served.keys()].filter((p) => p.endsWith('.vocab'));
    for (const path of vocabFiles) {
      const file = path.slice('tokenizers/'.length);
      const entry = notices.split('\n\n').find((block) => block.startsWith(`${file}: `));
      expect(entry, file).toMatch(/\n {2}from (npm|the source repository): \S+\n {2}terms: \S/);
    }
    // The terms of Llama 3 and Gemma ask for their attribution sentence to travel with the files.
    expect(notices).toContain('Llama 3 is licensed under the Llama 3 Community License');
    expect(notices).toContain('Gemma is provided under and subject to the Gemma Terms of Use');
    // Kimi K2's license asks for its copyright and permission notice to travel with the data.
    expect(notices).toContain('Copyright (c) 2025 Moonshot AI');
    expect(notices).toContain('display "Kimi K2" on the user interface');
  });

  it('ships no .json file of 5 MB or more (the Firefox add-on linter rejects those)', () => {
    for (const [path, contents] of served) {
      expect(path.endsWith('.json') && Buffer.byteLength(contents) >= 5 * 1024 * 1024, path).toBe(
        false,
      );
    }
  });

  it('answers countTokens with the engine count, loading a vocabulary once', async () => {
    await startBackground();
    for (let i = 0; i < 3; i++) {
      const res = await sendMessage('countTokens', { model: 'openai/gpt-5', text: TEXT + i });
      expect(res).toEqual({
        model: 'openai/gpt-5',
        count: await reference.count(TEXT + i, 'openai/gpt-5'),
      });
    }
    expect(fetched).toEqual(['tokenizers/o200k_base.vocab']);
  });

  it('answers countTokensMany in the order asked, each with its provenance', async () => {
    await startBackground();
    const models = ['deepseek/deepseek-v3.2', 'anthropic/claude-sonnet-4-5', null, 'openai/gpt-4'];
    const res = await sendMessage('countTokensMany', { models, text: TEXT });
    expect(res.map((r) => r.model)).toEqual(models);
    for (const r of res) expect(r.count).toEqual(await reference.count(TEXT, r.model));
    expect(res.map((r) => r.count.provenance)).toEqual(['exact', 'estimate', 'estimate', 'exact']);
    // o200k serves both estimates: loaded once.
    expect(fetched.sort()).toEqual([
      'tokenizers/cl100k_base.vocab',
      'tokenizers/deepseek-v3.vocab',
      'tokenizers/o200k_base.vocab',
    ]);
  }, 60_000);

  it('loads again after a restart of the worker', async () => {
    await startBackground();
    await sendMessage('countTokens', { model: 'openai/gpt-5', text: 'a' });
    off();
    await startBackground();
    const res = await sendMessage('countTokens', { model: 'openai/gpt-5', text: TEXT });
    expect(res.count).toEqual(await reference.count(TEXT, 'openai/gpt-5'));
    expect(fetched).toEqual(['tokenizers/o200k_base.vocab', 'tokenizers/o200k_base.vocab']);
  });

  it.each([
    ['google/gemini-2.5-pro', 'vocab', 'gemma3', 'estimate:gemini'],
    ['moonshotai/kimi-k2.6', 'exact', 'kimi-k2', 'estimate:kimi'],
    ['mistral/mistral-small-2506', 'exact', 'tekken', 'estimate:mistral-tekken'],
  ])(
    'counts %s with its vocabulary (%s, %s), and with the labelled estimate (%s) when the file is missing',
    async (model, provenance, family, fallbackFamily) => {
      await startBackground();
      const exact = await sendMessage('countTokens', { model, text: TEXT });
      expect(exact.count).toEqual(await reference.count(TEXT, model));
      expect(exact.count).toMatchObject({ provenance, family });
      off();
      await startBackground();
      const path = `tokenizers/${family}.vocab`;
      const file = served.get(path)!;
      served.delete(path);
      try {
        const fallback = await sendMessage('countTokens', { model, text: TEXT });
        expect(fallback.count).toMatchObject({ provenance: 'estimate', family: fallbackFamily });
        expect(fallback.count.tokens).toBeGreaterThan(0);
      } finally {
        served.set(path, file);
      }
      // The next count tries the vocabulary again.
      const again = await sendMessage('countTokens', { model, text: TEXT });
      expect(again.count).toEqual(exact.count);
    },
    60_000,
  );

  it('reports a missing vocabulary clearly and retries on the next message', async () => {
    await startBackground();
    served.delete('tokenizers/cl100k_base.vocab');
    await expect(sendMessage('countTokens', { model: 'openai/gpt-4', text: 'x' })).rejects.toThrow(
      /Tokenizer "cl100k_base" is missing/,
    );
    served.set(
      'tokenizers/cl100k_base.vocab',
      JSON.stringify((await import('js-tiktoken/ranks/cl100k_base')).default),
    );
    const res = await sendMessage('countTokens', { model: 'openai/gpt-4', text: 'x' });
    expect(res.count).toEqual({ tokens: 1, provenance: 'exact', family: 'cl100k_base' });
  });
});
