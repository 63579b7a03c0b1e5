// Reference token counts for the engine's exactness tests, made with the upstream libraries:
// js-tiktoken for o200k_base / cl100k_base, and the official @huggingface/tokenizers for the
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
import { VOCABS, type VocabId } from '../utils/core/tokenize/families';
import { translateRegex } from '../utils/core/tokenize/vocab';
import { SAMPLES } from '../tests/fixtures/tokenize/samples';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'tests', 'fixtures', 'tokenize', 'reference-counts.json');

const version = (pkg: string) =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

export const sampleHash = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

async function referenceCounter(id: VocabId): Promise<(text: string) => number> {
  const source = VOCABS[id];
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
  for (const id of Object.keys(VOCABS) as VocabId[]) {
    const count = await referenceCounter(id);
    counts[id] = {};
    for (const [name, text] of Object.entries(SAMPLES)) {
      const t = performance.now();
      counts[id][name] = count(text);
      process.stderr.write(
        `${id} ${name}: ${counts[id][name]} (${(performance.now() - t).toFixed(0)} ms)\n`,
      );
    }
  }
  const out = {
    generator: 'scripts/gen-token-refs.ts',
    libraries: {
      'js-tiktoken': version('js-tiktoken'),
      '@huggingface/tokenizers': version('@huggingface/tokenizers'),
    },
    vocabularies: Object.fromEntries(
      Object.entries(VOCABS).map(([id, v]) => [
        id,
        `${v.npm} (${v.npm.startsWith('@') ? version(v.npm.split('/').slice(0, 2).join('/')) : version(v.npm.split('/')[0])})`,
      ]),
    ),
    samples: Object.fromEntries(
      Object.entries(SAMPLES).map(([name, text]) => [name, sampleHash(text)]),
    ),
    counts,
  };
  writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  process.stderr.write(`wrote ${OUT}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
