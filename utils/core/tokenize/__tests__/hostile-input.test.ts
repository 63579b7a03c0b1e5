// Hostile input, the token engine: random Unicode of every kind (lone surrogates,
// NUL, RTL and zero-width marks, long runs) through every shipped vocabulary and every model
// family. Nothing throws; a count is an integer; a byte-level vocabulary never gives more tokens
// than the text has UTF-8 bytes, nor none for a non-empty text; and the cached counter a typing
// user hits gives the same number as counting the whole text afresh, edit after edit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVocabFromNodeModules } from '../../../../scripts/cli/count';
import {
  ChunkCache,
  countTokens,
  FamilyCounter,
  TokenCounter,
  tokenizerForModel,
} from '@/utils/core/tokenize';
import { encoderFor, VOCAB_IDS } from './vocabs';

export const ENGINE_RUNS = { perVocab: 150, perModel: 100, edits: 40 };

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }),
  fc
    .tuple(
      fc.constantFrom('a', ' ', '\n', '中', '😀', '=', '\u0000', '\ud800', '\u200d'),
      fc.nat(3000),
    )
    .map(([c, n]) => c.repeat(n)),
);

describe.each(VOCAB_IDS)('%s vocabulary, hostile text', (id) => {
  it(`counts any text within its UTF-8 bytes (${ENGINE_RUNS.perVocab} texts)`, async () => {
    const encoder = await encoderFor(id);
    fc.assert(
      fc.property(hostileText, (text) => {
        const n = encoder.count(text);
        expect(Number.isInteger(n)).toBe(true);
        if (text === '') expect(n).toBe(0);
        else {
          expect(n).toBeGreaterThanOrEqual(1);
          // Lone surrogates are encoded as U+FFFD (3 bytes), as TextEncoder does.
          expect(n).toBeLessThanOrEqual(utf8Length(text));
        }
      }),
      { numRuns: ENGINE_RUNS.perVocab, seed: 13 },
    );
  }, 120_000);
});

describe('every model family, hostile text', () => {
  const counter = new TokenCounter(loadVocabFromNodeModules);
  const models = [
    'openai/gpt-5',
    'anthropic/claude-sonnet-4-5',
    'google/gemini-2.5-pro',
    'deepseek/deepseek-v3.2',
    'alibaba/qwen3-235b-a22b',
    'moonshotai/kimi-k2',
    'mistral/mistral-small-2506',
    'zai/glm-4.6',
    'x-ai/grok-4',
    'unknown/model-nobody-has',
    null,
  ];

  it(`every model family counts any text without throwing (${ENGINE_RUNS.perModel} texts × ${models.length} models)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        for (const model of models) {
          const count = await counter.count(text, model);
          expect(Number.isInteger(count.tokens) && count.tokens >= 0).toBe(true);
          expect(['exact', 'vocab', 'estimate']).toContain(count.provenance);
        }
      }),
      { numRuns: ENGINE_RUNS.perModel, seed: 17 },
    );
  }, 120_000);

  it(`typing, pasting and deleting at random: the cached count equals a fresh count (${ENGINE_RUNS.edits} sessions)`, async () => {
    // An exact family and an estimate (its factors applied per chunk): both cached paths.
    const families = ['openai/gpt-5', 'anthropic/claude-sonnet-4-5'].map(
      (m) => tokenizerForModel(m).family,
    );
    const pairs = await Promise.all(
      families.map(async (f) => {
        const encoder = await encoderFor(f.vocab);
        return { f, encoder, cached: new FamilyCounter(f, encoder) };
      }),
    );
    const edit = fc.record({ at: fc.nat(), remove: fc.nat(50), insert: hostileText });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 15 }), async (edits) => {
        let text = '';
        for (const e of edits) {
          const at = text.length === 0 ? 0 : e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          for (const { f, encoder, cached } of pairs)
            expect(cached.count(text)).toBe(Math.round(countTokens(text, f, encoder)));
        }
      }),
      { numRuns: ENGINE_RUNS.edits, seed: 19 },
    );
  }, 120_000);
});

describe('chunk cache under streaming', () => {
  it('a text growing at its end (a reply streaming) does not fill the cache with its prefixes', () => {
    let measured = 0;
    const cache = new ChunkCache((chunk) => {
      measured++;
      return chunk.length;
    });
    const reply = Array.from({ length: 400 }, (_, i) => `word${i}${i % 25 === 24 ? '.' : ''}`).join(
      ' ',
    );
    for (let end = 1; end <= reply.length; end += 7) cache.total(reply.slice(0, end));
    // Only the finished sentences are kept (16 of them), not one entry per streamed step.
    expect(cache.size).toBeLessThanOrEqual(17);
    // The same text counted twice more: its last chunk is cached, then hit.
    cache.total(reply);
    cache.total(reply);
    const before = measured;
    cache.total(reply);
    expect(measured).toBe(before);
    expect(cache.total(reply)).toBe(reply.length);
  });
});
