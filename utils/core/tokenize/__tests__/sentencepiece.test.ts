import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../../tests/fixtures/tokenize/samples';
import {
  ChunkCache,
  compactSpTokenizer,
  Encoder,
  parseCompactSpBpe,
  parseSpTokenizer,
  VOCABS,
} from '..';
import { encoderFor } from './vocabs';

// Gemma 3's SentencePiece-style BPE: the engine against the official @huggingface/tokenizers
// on random texts (the reference-count file covers the fixed samples), the cut rule that lets it
// split one BPE word into pieces and chunks, and the build step refusing what it cannot count.

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const gemmaJson = () =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', VOCABS.gemma3.npm!), 'utf8'));
const reference = (json: { added_tokens?: { special: boolean }[] }) => {
  // As scripts/gen-token-refs.ts: special added tokens are text, non-special ones tokens.
  const added = (json.added_tokens ?? []).filter((t) => !t.special);
  const tok = new Tokenizer({ ...json, added_tokens: added } as never, {});
  return (text: string) => tok.encode(text, { add_special_tokens: false }).ids.length;
};

/** Pieces aimed at Gemma's edges: spaces (→ "▁"), its one space-joining token ">▁</", added
 * tokens (newline, tab and "▁" runs, HTML tags, `<unusedN>`), a special token (text), characters
 * outside the vocabulary (bytes), lone surrogates. */
const ALPHABET = [
  'a',
  'the',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '\r\n',
  '>',
  '</',
  '<',
  '▁',
  '▁▁',
  '\t\t',
  '<b>',
  '</div>',
  '<table',
  '<unused7>',
  '[multimodal]',
  '<start_of_turn>',
  'b>',
  '.',
  '。',
  '，',
  '中',
  '文字',
  'ア',
  '한',
  '7',
  '😀',
  '👩‍💻',
  '\u{17000}',
  '\u{20000}',
  '\ue000',
  '\u0000',
  '\ud800',
  '\udc00',
  'é',
  'e\u0301',
  '\u00a0',
  '\u3000',
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 50 }).map((a) => a.join(''));

describe('Gemma 3 vocabulary', () => {
  it('counts random texts like @huggingface/tokenizers', { timeout: 60_000 }, async () => {
    const count = reference(gemmaJson());
    const encoder = await encoderFor('gemma3');
    fc.assert(
      fc.property(text, (t) => encoder.count(t) === count(t)),
      { numRuns: 1500, seed: 3 },
    );
  });

  it('gives the same count cut into pieces as BPE over each stretch between added tokens', async () => {
    // The cuts rest on "no merge joins these two characters"; merging each stretch of text
    // between added tokens as one word (what the reference does) must agree, on the samples and
    // on random texts.
    const { vocabulary } = await encoderFor('gemma3');
    const parts = (t: string) => {
      const out: { piece: string; tokens?: number }[] = [];
      vocabulary.pretokenize(t, (piece, tokens) => out.push({ piece, tokens }));
      return out;
    };
    const cut = (t: string) =>
      parts(t).reduce((n, p) => n + (p.tokens ?? vocabulary.countPiece(p.piece)), 0);
    const whole = (t: string) => {
      let n = 0;
      let stretch = '';
      for (const p of [...parts(t), { piece: '', tokens: 0 }]) {
        if (p.tokens === undefined) {
          stretch += p.piece;
          continue;
        }
        if (stretch) n += vocabulary.countPiece(stretch);
        stretch = '';
        n += p.tokens;
      }
      return n;
    };
    expect(parts('a <b>x</b>\n\n y').map((p) => p.piece)).toEqual([
      'a',
      '▁',
      '<b>',
      'x',
      '</b>',
      '\n\n',
      '▁y',
    ]);
    for (const name of ['english', 'zh-cn', 'code-ts', 'whitespace', 'rare-chars', 'mixed']) {
      expect(cut(SAMPLES[name]), name).toBe(whole(SAMPLES[name]));
    }
    fc.assert(
      fc.property(text, (t) => cut(t) === whole(t)),
      { numRuns: 1000, seed: 5 },
    );
  });

  it('cuts drafts into chunks at line starts and sentence ends, re-measuring only the edited one', async () => {
    const encoder = await encoderFor('gemma3');
    const split = encoder.vocabulary.splitChunks!;
    const draft = [SAMPLES['english'], SAMPLES['zh-cn'], SAMPLES['code-ts']].join('\n');
    const chunks = split(draft);
    expect(chunks.join('')).toBe(draft);
    expect(chunks.length).toBeGreaterThan(100);
    expect(split('One. Two!\nThree。四')).toEqual(['One.', ' Two!', '\n', 'Three。', '四']);
    const measured: string[] = [];
    const cache = new ChunkCache((chunk) => {
      measured.push(chunk);
      return encoder.count(chunk);
    }, split);
    cache.total(draft);
    for (const at of [10, 2000, draft.indexOf('\n', 9000) + 1, draft.length - 5]) {
      measured.length = 0;
      const edited = draft.slice(0, at) + 'x' + draft.slice(at);
      expect(cache.total(edited)).toBe(encoder.count(edited));
      expect(measured.join('').length).toBeLessThan(draft.length / 20);
    }
  });

  it('ships a compact file that loads back to the same counts', async () => {
    const compact = compactSpTokenizer(gemmaJson());
    const raw = JSON.stringify(compact);
    expect(raw.length).toBeLessThan(6_000_000);
    const shipped = new Encoder(parseCompactSpBpe(JSON.parse(raw)));
    const fromPackage = await encoderFor('gemma3');
    for (const sample of Object.values(SAMPLES)) {
      expect(shipped.count(sample)).toBe(fromPackage.count(sample));
    }
  }, 60_000);

  it('cuts only between characters no merge of the package joins (derived here from its merges)', () => {
    // Independently of the build step: the last character of each merge's left part and the
    // first of its right part are the pairs BPE can ever join; the shipped file must list
    // exactly those, and the facts docs/tokenizers.md cites must hold.
    const json = gemmaJson();
    const pairs = new Set<string>();
    for (const [a, b] of json.model.merges as [string, string][]) {
      pairs.add([...a].at(-1)! + [...b][0]);
    }
    const shipped = new Set<string>();
    const chars = [...compactSpTokenizer(json).joins];
    for (let i = 0; i < chars.length; i += 2) shipped.add(chars[i] + chars[i + 1]);
    expect(shipped).toEqual(pairs);
    const joined = [...pairs].map((p) => [...p]);
    expect(joined.filter(([x, y]) => (x === '\n') !== (y === '\n'))).toEqual([]);
    expect(new Set(joined.filter(([, y]) => y === '▁').map(([x]) => x))).toEqual(
      new Set(['▁', '>']),
    );
  }, 60_000);

  it('refuses a damaged file instead of counting wrongly', () => {
    const compact = compactSpTokenizer(mini());
    expect(() => parseCompactSpBpe({ ...compact, merges: compact.merges.slice(0, 4) })).toThrow(
      /Corrupt/,
    );
    expect(() => parseCompactSpBpe({ ...compact, format: 'x' as never })).toThrow(/format/);
  });
});

/** A tiny SentencePiece-style tokenizer.json with Gemma's pipeline. */
function mini() {
  const byteTokens = Array.from(
    { length: 256 },
    (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
  );
  const tokens = ['<unk>', ...byteTokens, 'a', 'b', '▁', '>', '<', '/', '\n'];
  const merges: [string, string][] = [
    ['a', 'b'],
    ['▁', 'ab'],
    ['>', '▁'],
    ['<', '/'],
    ['>▁', '</'],
    ['\n', '\n'],
    ['b', 'a'],
    ['ab', 'a'],
  ];
  for (const [x, y] of merges) if (!tokens.includes(x + y)) tokens.push(x + y);
  const addedToken = (content: string, special: boolean) => ({
    id: tokens.push(content) - 1,
    content,
    special,
    normalized: false,
    lstrip: false,
    rstrip: false,
    single_word: false,
  });
  return {
    added_tokens: [addedToken('<b>', false), addedToken('\n\n', false), addedToken('<s>', true)],
    normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
    pre_tokenizer: {
      type: 'Split',
      pattern: { String: ' ' },
      behavior: 'MergedWithPrevious',
      invert: false,
    },
    post_processor: null,
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: '▁' }, content: ' ' },
        { type: 'ByteFallback' },
        { type: 'Fuse' },
      ],
    },
    model: {
      type: 'BPE',
      unk_token: '<unk>',
      byte_fallback: true,
      fuse_unk: true,
      ignore_merges: false,
      vocab: Object.fromEntries(tokens.map((t, i) => [t, i])),
      merges,
    },
  };
}

describe('SentencePiece BPE on a small vocabulary', () => {
  it('counts like @huggingface/tokenizers on every short text over its alphabet', () => {
    const json = mini();
    const count = reference(json);
    const encoder = new Encoder(parseSpTokenizer(json));
    const letters = ['a', 'b', ' ', '>', '<', '/', '\n', 's', '中', '😀', '\ud800', '<b>', '<s>'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...letters), { maxLength: 14 }).map((a) => a.join('')),
        (t) => encoder.count(t) === count(t),
      ),
      { numRuns: 3000, seed: 11 },
    );
  });

  it.each([
    ['another normalizer', { normalizer: { type: 'NFKC' } }],
    ['a Metaspace pre-tokenizer', { pre_tokenizer: { type: 'Metaspace', replacement: '▁' } }],
    ['a split on another string', { pre_tokenizer: { type: 'Split', pattern: { String: '-' } } }],
    ['no byte fallback', { model: { ...mini().model, byte_fallback: false } }],
    ['merges whose result is not a token', { model: { ...mini().model, merges: [['b', 'b']] } }],
  ])('refuses %s at build time', (_, change) => {
    expect(() => compactSpTokenizer({ ...mini(), ...change } as never)).toThrow();
  });

  it('refuses an added token it cannot match the same way', () => {
    const json = mini();
    json.added_tokens[0].lstrip = true;
    expect(() => compactSpTokenizer(json)).toThrow(/added token/);
  });

  it('refuses a vocabulary that lacks a byte token', () => {
    const json = mini();
    delete (json.model.vocab as Record<string, number>)['<0x41>'];
    expect(() => compactSpTokenizer(json)).toThrow(/<0x41>/);
  });
});
