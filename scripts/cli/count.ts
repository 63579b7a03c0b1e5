// `npm run -s cli -- count --model <id> <file|->`: tokens of a file (or stdin) for one model,
// as one JSON object {"model", "family", "tokens", "provenance"} (+ "expectedError" for an
// estimate). `provenance` is "exact" (the model's own tokenizer), "vocab" (a closely related
// vocabulary: Gemini with Gemma 3's, API aliases, fine-tunes) or "estimate". The same engine as
// the extension, reading the same vocabulary files it ships (cached under .output/vocab-cache).
import { readFileSync } from 'node:fs';
import {
  familyById,
  parseVocabulary,
  TokenCounter,
  type VocabId,
  type Vocabulary,
} from '../../utils/core/tokenize/index';
import { cachedModelId } from './card-cache';
import { parseBinaryVocabulary } from '../../utils/core/tokenize/binary';
import { shippedVocabBinary, shippedVocabText } from '../vocab-cache';

/**
 * Load a vocabulary as the extension does, from the file it ships (Node: CLI, bench, tests),
 * read from the vocabulary cache under `.output/` and built there from its npm package (or
 * vendored file) the first time.
 */
export async function loadVocabFromNodeModules(id: VocabId): Promise<Vocabulary> {
  return parseVocabulary(id, JSON.parse(await shippedVocabText(id)));
}

/**
 * The same vocabulary from its binary form (the tables the JSON builds, saved once in the
 * cache beside it): what `count` uses, as it starts in a fraction of the time.
 */
export async function loadBinaryVocab(id: VocabId): Promise<Vocabulary> {
  return parseBinaryVocabulary(id, await shippedVocabBinary(id));
}

async function readInput(path: string): Promise<string> {
  // Sync: node:fs/promises would load streams and read through the thread pool (~10 ms).
  if (path !== '-') return readFileSync(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function run(args: string[]): Promise<number> {
  let model: string | undefined;
  let input: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--model') model = args[++i];
    else if (args[i].startsWith('--model=')) model = args[i].slice('--model='.length);
    else input = args[i];
  }
  if (!model || !input) {
    process.stderr.write(JSON.stringify({ error: 'usage: count --model <id> <file|->' }) + '\n');
    return 2;
  }
  const canonical = await cachedModelId(model);
  const text = await readInput(input);
  const counter = new TokenCounter(loadBinaryVocab);
  const count = await counter.count(text, canonical ?? model, true);
  // The family that counted: a failed vocabulary load falls back to an estimate, with its error.
  const family = familyById(count.family);
  process.stdout.write(
    JSON.stringify({
      model: canonical,
      family: count.family,
      tokens: count.tokens,
      provenance: count.provenance,
      ...(family?.error ? { expectedError: family.error } : {}),
    }) + '\n',
  );
  return 0;
}
