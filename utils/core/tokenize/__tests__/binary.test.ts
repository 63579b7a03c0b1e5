// The CLI's binary vocabulary form (binary.ts, made from the shipped file and cached beside it)
// counts exactly as the shipped JSON does: every vocabulary, every sample, the texts past Kimi's
// limits and random hostile text. The exactness tests tie the JSON form to the references.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedVocabBinary, shippedVocabText } from '../../../../scripts/vocab-cache';
import { LONG_SAMPLES, SAMPLES } from '../../../../tests/fixtures/tokenize/samples';
import { Encoder, parseVocabulary } from '..';
import { parseBinaryVocabulary, toBinaryVocabulary } from '../binary';
import { ByteTable } from '../byte-table';
import { VOCAB_IDS } from './vocabs';

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .tuple(fc.constantFrom('a', ' ', '\n', '中', '😀', '\u0000', '\ud800'), fc.nat(2000))
    .map(([c, n]) => c.repeat(n)),
);

describe.each(VOCAB_IDS)('%s: binary form', (id) => {
  it('counts every sample, long text and hostile text as the shipped JSON does', async () => {
    const json = new Encoder(parseVocabulary(id, JSON.parse(await shippedVocabText(id))));
    const binary = new Encoder(parseBinaryVocabulary(id, await shippedVocabBinary(id)));
    for (const [name, text] of Object.entries({ ...SAMPLES, ...LONG_SAMPLES })) {
      expect(binary.count(text), name).toBe(json.count(text));
    }
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(binary.count(text)).toBe(json.count(text));
      }),
      { numRuns: 60 },
    );
  });
});

describe('binary vocabulary file', () => {
  it('is the one the cache holds, and a damaged file fails loudly instead of counting', async () => {
    const id = 'cl100k_base';
    const made = toBinaryVocabulary(id, JSON.parse(await shippedVocabText(id)));
    expect(Buffer.from(await shippedVocabBinary(id)).equals(Buffer.from(made))).toBe(true);
    expect(() => parseBinaryVocabulary(id, made.subarray(0, made.length / 2))).toThrow(/Truncated/);
    const wrong = made.slice();
    wrong[0] = 0x21;
    expect(() => parseBinaryVocabulary(id, wrong)).toThrow(/Not a binary vocabulary/);
    // A buffer that does not start on an 8-byte boundary (as Node's pooled reads may) still loads.
    const shifted = new Uint8Array(made.length + 3);
    shifted.set(made, 3);
    const encoder = new Encoder(parseBinaryVocabulary(id, shifted.subarray(3)));
    expect(encoder.count(SAMPLES['english'])).toBeGreaterThan(0);
  });
});

describe('ByteTable', () => {
  it('finds tokens by bytes and by pair, keeping the first or the last of equal tokens', () => {
    const tokens = ['a', 'b', 'ab', null, 'ab', 'abc', 'c'];
    const first = ByteTable.build(tokens, 'first');
    const last = ByteTable.build(tokens, 'last');
    expect(first.id('ab')).toBe(2);
    expect(last.id('ab')).toBe(4);
    expect(first.id('abc')).toBe(5);
    expect(first.id('ba')).toBe(-1);
    expect(first.id('')).toBe(-1);
    expect(first.pairId(0, 1)).toBe(2);
    expect(last.pairId(0, 1)).toBe(4);
    expect(first.pairId(2, 6)).toBe(5);
    expect(first.pairId(1, 0)).toBe(-1);
  });
});
