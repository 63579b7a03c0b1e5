/** Token counting engine (pure): vocabularies, BPE, the model → tokenizer table, chunk cache. */
export { countPiece, type BpeVocab } from './bpe';
export { CHUNK_BOUNDARY, ChunkCache, splitChunks } from './chunks';
export { cjkShare, countTokens, FamilyCounter, TokenCounter, type VocabLoader } from './counter';
export { Encoder } from './encoder';
export { utf8Bytes } from './utf8';
export {
  FAMILIES,
  familyById,
  MODEL_RULES,
  tokenizerForModel,
  VOCABS,
  type EncodeLimits,
  type FamilyKey,
  type ModelRule,
  type TokenizerChoice,
  type TokenizerFamily,
  type VocabId,
  type VocabSource,
} from './families';
export {
  compactSpTokenizer,
  parseCompactSpBpe,
  parseSpTokenizer,
  type CompactSpBpe,
} from './sentencepiece';
export {
  compactHfTokenizer,
  compactTiktokenModel,
  compilePattern,
  encodeSlices,
  parseCompactBpe,
  parseHfTokenizer,
  parseTiktokenRanks,
  translateRegex,
  type CompactBpe,
  type TiktokenRanks,
  type Vocabulary,
} from './vocab';

import type { VocabId } from './families';
import { VOCABS } from './families';
import { parseCompactBpe, parseHfTokenizer, parseTiktokenRanks, type Vocabulary } from './vocab';
import { parseCompactSpBpe, parseSpTokenizer } from './sentencepiece';

/**
 * Parse a vocabulary file's JSON: tiktoken ranks (as shipped: js-tiktoken's form, whatever the
 * source file was), or for Hugging Face vocabularies either the compact form the extension
 * ships or the package's own `tokenizer.json`.
 */
export function parseVocabulary(id: VocabId, json: unknown): Vocabulary {
  const { format, limits } = VOCABS[id];
  if (format === 'tiktoken' || format === 'tekken' || format === 'tiktoken-model') {
    return parseTiktokenRanks(json as never, limits);
  }
  const compact = (json as { format?: string }).format;
  if (format === 'hf-sentencepiece') {
    return compact === 'tm-spbpe-1'
      ? parseCompactSpBpe(json as never)
      : parseSpTokenizer(json as never);
  }
  return compact === 'tm-bpe-1' ? parseCompactBpe(json as never) : parseHfTokenizer(json as never);
}
