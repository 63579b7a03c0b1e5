import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../../tests/fixtures/tokenize/samples';
import { ChunkCache, countTokens, FAMILIES, FamilyCounter, splitChunks } from '..';
import { splitChunksByRegex } from '../chunks';
import { encoderFor, VOCAB_IDS } from './vocabs';

// The chunk cache must be invisible: for every vocabulary, the cached, chunked count of any text
// (and of every text along a sequence of edits) equals counting the whole text in one go.
// The whole-text count is itself checked against the upstream libraries in exactness.test.ts.

/** Pieces chosen to sit on every pre-tokenizer rule: newlines, `/`, contractions, CJK, marks. */
const ALPHABET = [
  'a',
  'B',
  'z',
  'Hello',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '/',
  '//',
  '.',
  ',',
  '，',
  '。',
  '！',
  '?',
  ':',
  "'",
  "'s",
  'S',
  '中',
  '文字',
  'ア',
  '한',
  '1',
  '234',
  '😀',
  '👩‍💻',
  '\u0301',
  '\ufeff',
  '\u0085',
  '\u2028',
  '=',
  '-',
  '_',
  '(',
  ')',
  'é',
  'ſ',
  '\u200d',
  '\u00a0',
  '<|',
  '|>',
  // Gemma 3: its one token that joins across a space (">▁</"), a literal "▁", a character
  // outside its vocabulary (byte fallback), added tokens (HTML tags).
  '>',
  '</',
  '▁',
  '\u{17000}',
  '<b>',
  '</table>',
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((a) => a.join(''));

describe('splitChunks', () => {
  it('cuts a text into pieces that join back to it', () => {
    fc.assert(fc.property(text, (t) => splitChunks(t).join('') === t));
  });

  it('finds exactly the cuts of the boundary regex (the fast scan matches its specification)', () => {
    const withSurrogates = fc
      .array(fc.constantFrom(...ALPHABET, '\ud800', '\udc00', '𝐀', '𝐀.', '\udc00.', 'a\udc00.'), {
        maxLength: 60,
      })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(withSurrogates, (t) => {
        expect(splitChunks(t)).toEqual(splitChunksByRegex(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts at line starts and after a letter before punctuation, nowhere else', () => {
    expect(splitChunks('ab\ncd\n  ef\n/g, h。i')).toEqual(['ab\n', 'cd\n  ef\n/g', ', h', '。i']);
  });
});

describe('ChunkCache', () => {
  it('re-measures only the chunk a one-character edit touched', async () => {
    const encoder = await encoderFor('o200k_base');
    const measured: string[] = [];
    const cache = new ChunkCache((chunk) => {
      measured.push(chunk);
      return encoder.count(chunk);
    });
    const draft = [SAMPLES['english'], SAMPLES['zh-cn'], SAMPLES['code-ts']].join('\n');
    expect(encoder.count(draft)).toBeGreaterThan(5000);
    cache.total(draft);
    for (const at of [10, 2000, draft.indexOf('\n', 9000) + 1, draft.length - 5]) {
      measured.length = 0;
      const edited = draft.slice(0, at) + 'x' + draft.slice(at);
      expect(cache.total(edited)).toBe(encoder.count(edited));
      expect(measured.length).toBeLessThanOrEqual(2);
      expect(measured.join('').length).toBeLessThan(draft.length / 20);
    }
  });
});

describe.each(['claude', 'kimi', 'default'] as const)('estimate %s', (name) => {
  it('gives the same number cached across edits as counted afresh', async () => {
    const encoder = await encoderFor('o200k_base');
    const counter = new FamilyCounter(FAMILIES[name], encoder);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (drafts) =>
        drafts.every((t) => counter.count(t) === countTokens(t, FAMILIES[name], encoder)),
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe.each(VOCAB_IDS)('chunked counting with %s', (id) => {
  it('equals the whole-text count on random texts', async () => {
    const encoder = await encoderFor(id);
    const counter = new FamilyCounter(FAMILIES[id], encoder);
    fc.assert(
      fc.property(text, (t) => counter.count(t) === encoder.count(t)),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it('equals the whole-text count after every random edit of a long draft', async () => {
    const encoder = await encoderFor(id);
    const counter = new FamilyCounter(FAMILIES[id], encoder);
    const start = [SAMPLES['english'], SAMPLES['zh-cn'].slice(0, 1500), SAMPLES['code-py']].join(
      '\n',
    );
    const edit = fc.record({
      at: fc.nat(),
      del: fc.nat({ max: 3 }),
      insert: fc.constantFrom('', ...ALPHABET),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        let draft = start;
        for (const e of edits) {
          const at = e.at % (draft.length + 1);
          draft = draft.slice(0, at) + e.insert + draft.slice(at + e.del);
          if (counter.count(draft) !== encoder.count(draft)) return false;
        }
        return true;
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('equals the whole-text count for edits next to every newline and space', async () => {
    const encoder = await encoderFor(id);
    const counter = new FamilyCounter(FAMILIES[id], encoder);
    const draft =
      SAMPLES['code-py'] + SAMPLES['english'].slice(0, 400) + SAMPLES['ja'].slice(0, 300);
    const mismatches: string[] = [];
    for (let at = 0; at < draft.length; at++) {
      if (!/[\n ]/.test(draft[at])) continue;
      for (const pos of [at, at + 1]) {
        for (const ins of [' ', '\n', '/', 'x', '，', "'", '\t']) {
          const edited = draft.slice(0, pos) + ins + draft.slice(pos);
          if (counter.count(edited) !== encoder.count(edited))
            mismatches.push(`${pos}+${JSON.stringify(ins)}`);
        }
        const deleted = draft.slice(0, pos) + draft.slice(pos + 1);
        if (counter.count(deleted) !== encoder.count(deleted)) mismatches.push(`${pos}-`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
