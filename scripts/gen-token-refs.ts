// Reference token counts for the engine's exactness tests, made with the upstream libraries:
// js-tiktoken for o200k_base / cl100k_base, OpenAI's own tiktoken (Rust, compiled to WebAssembly:
// the `tiktoken` npm package, whose regex engine has Rust's `\p{Han}` and class intersection) for
// Kimi K2 and Mistral Tekken, and the official @huggingface/tokenizers for the
// Hugging Face vocabularies (DeepSeek V3, Qwen3, Llama 3 byte-level; Gemma 3 SentencePiece-style,
// from its own tokenizer.json: the " " → "▁" normalizer, byte fallback). Counts are of the raw
// text: special tokens are treated as plain text (js-tiktoken with no allowed/disallowed
// specials; the HF tokenizer with its special added tokens removed, so Gemma's `<start_of_turn>`
// is text too; see addedTokensKept) and no BOS/EOS/template tokens are added (Gemma's
// post-processor would add <bos>).
//
//   npx tsx scripts/gen-token-refs.ts   → tests/fixtures/tokenize/reference-counts.json
//
// js-tiktoken is quadratic on long pieces, so this takes a minute; it runs only when samples change.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { Tiktoken } from 'js-tiktoken/lite';
import { Tiktoken as RustTiktoken } from 'tiktoken/lite';
import { VOCABS, type EncodeLimits, type VocabId } from '../utils/core/tokenize/families';
import { translateRegex } from '../utils/core/tokenize/vocab';
import { LONG_SAMPLES, SAMPLES } from '../tests/fixtures/tokenize/samples';
import { shippedVocab } from './tokenizer-assets';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'tokenize', 'reference-counts.json');

const version = (pkg: string) =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

export const sampleHash = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

async function referenceCounter(id: VocabId): Promise<(text: string) => number> {
  const source = VOCABS[id];
  if (source.format === 'tekken' || source.format === 'tiktoken-model') {
    // The ranks and pattern as the extension ships them (checked against the source file's
    // rank count at build), encoded by OpenAI's Rust tiktoken with no special tokens.
    const ranks = (await shippedVocab(id)) as { pat_str: string; bpe_ranks: string };
    const enc = new RustTiktoken(ranks.bpe_ranks, {}, ranks.pat_str);
    const limits = source.limits;
    return (text) => {
      const slices = limits ? pythonEncodeSlices(text, limits) : [text];
      return slices.reduce((sum, slice) => sum + enc.encode_ordinary(slice).length, 0);
    };
  }
  if (source.npm === undefined)
    throw new Error(`${id}: no reference for a vendored ${source.format}`);
  if (source.format === 'tiktoken') {
    const ranks = (await import(source.npm)).default;
    // js-tiktoken runs OpenAI's pattern with JavaScript's `\s`, which differs from the Rust regex
    // tiktoken itself uses on U+FEFF and U+0085; give it the pattern with Rust's meaning so the
    // reference is what OpenAI's tokenizer does (see translateRegex).
    const enc = new Tiktoken({ ...ranks, pat_str: translateRegex(ranks.pat_str) });
    return (text) => enc.encode(text, [], []).length;
  }
  const json = JSON.parse(readFileSync(join(ROOT, 'node_modules', source.npm), 'utf8'));
  const tok = new Tokenizer({ ...json, added_tokens: addedTokensKept(id, json) }, {});
  return (text) => tok.encode(text, { add_special_tokens: false }).ids.length;
}

/**
 * Moonshot's `tokenization_kimi.py` `encode`, ported line by line (independently of the engine's
 * `encodeSlices`): `text[i : i + 400_000]` for each i, each through
 * `_split_whitespaces_or_nonwhitespaces(s, 25_000)`. Python indexes code points.
 */
export function pythonEncodeSlices(text: string, { sliceChars, maxRun }: EncodeLimits): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += sliceChars) {
    const s = chars.slice(i, i + sliceChars);
    let currentSliceLen = 0;
    let currentSliceIsSpace = s.length > 0 ? PY_SPACE.has(s[0].codePointAt(0)!) : false;
    let sliceStart = 0;
    for (let j = 0; j < s.length; j++) {
      const isNowSpace = PY_SPACE.has(s[j].codePointAt(0)!);
      if (currentSliceIsSpace !== isNowSpace) {
        currentSliceLen = 1;
        currentSliceIsSpace = isNowSpace;
      } else {
        currentSliceLen += 1;
        if (currentSliceLen > maxRun) {
          out.push(s.slice(sliceStart, j).join(''));
          sliceStart = j;
          currentSliceLen = 1;
        }
      }
    }
    out.push(s.slice(sliceStart).join(''));
  }
  return out;
}

/** Python's `str.isspace` code points, as CPython 3.11 lists them (`chr(c).isspace()`). */
const PY_SPACE = new Set([
  0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
  0x3000,
]);

/**
 * The added tokens a count keeps as tokens. Special ones never (BOS, chat-template markers: a
 * count is of the text as given). Gemma 3's non-special ones are ordinary units of text (runs of
 * newlines, tabs and "▁", HTML tags like `<b>`, `<unusedN>`) that its tokenizer always cuts out
 * first, so they stay; the byte-level vocabularies' non-special ones are tool and template markers
 * (`<tool_call>`, `<｜User｜>`) and count as text like the special ones.
 */
export function addedTokensKept(
  id: VocabId,
  json: { added_tokens?: { special: boolean }[] },
): { special: boolean }[] {
  if (VOCABS[id].format !== 'hf-sentencepiece') return [];
  return (json.added_tokens ?? []).filter((t) => !t.special);
}

async function main() {
  const counts: Record<string, Record<string, number>> = {};
  const longCounts: Record<string, Record<string, number>> = {};
  if (Array.from(LONG_SAMPLES['long-mixed']).length <= 400_000) throw new Error('long-mixed');
  for (const id of Object.keys(VOCABS) as VocabId[]) {
    const count = await referenceCounter(id);
    const run = (samples: Record<string, string>, into: Record<string, number>) => {
      for (const [name, text] of Object.entries(samples)) {
        const t = performance.now();
        into[name] = count(text);
        process.stderr.write(
          `${id} ${name}: ${into[name]} (${(performance.now() - t).toFixed(0)} ms)\n`,
        );
      }
    };
    run(SAMPLES, (counts[id] = {}));
    if (VOCABS[id].limits) run(LONG_SAMPLES, (longCounts[id] = {}));
  }
  const out = {
    generator: 'scripts/gen-token-refs.ts',
    libraries: {
      'js-tiktoken': version('js-tiktoken'),
      tiktoken: version('tiktoken'),
      '@huggingface/tokenizers': version('@huggingface/tokenizers'),
    },
    vocabularies: Object.fromEntries(
      Object.entries(VOCABS).map(([id, v]) => [
        id,
        v.npm === undefined
          ? `${v.repo} (sha256 ${createHash('sha256')
              .update(readFileSync(join(ROOT, v.repo)))
              .digest('hex')
              .slice(0, 16)})`
          : `${v.npm} (${v.npm.startsWith('@') ? version(v.npm.split('/').slice(0, 2).join('/')) : version(v.npm.split('/')[0])})`,
      ]),
    ),
    samples: Object.fromEntries(
      Object.entries({ ...SAMPLES, ...LONG_SAMPLES }).map(([name, text]) => [
        name,
        sampleHash(text),
      ]),
    ),
    counts,
    longCounts,
  };
  writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  process.stderr.write(`wrote ${OUT}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
