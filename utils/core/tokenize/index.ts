/** Token counting engine (pure): vocabularies, BPE, the model → tokenizer table, chunk cache. */
export { countPiece, type BpeVocab } from './bpe';
export { CHUNK_BOUNDARY, ChunkCache, splitChunks } from './chunks';
export { cjkShare, countTokens, FamilyCounter, TokenCounter, type VocabLoader } from './counter';
export { Encoder, utf8Bytes } from './encoder';
export {
  FAMILIES,
  familyById,
  MODEL_RULES,
  tokenizerForModel,
  VOCABS,
  type FamilyKey,
  type ModelRule,
  type TokenizerChoice,
  type TokenizerFamily,
  type VocabId,
  type VocabSource,
} from './families';
export {
  parseHfTokenizer,
  parseTiktokenRanks,
  translateRegex,
  type TiktokenRanks,
  type Vocabulary,
} from './vocab';

import type { VocabId } from './families';
import { VOCABS } from './families';
import { parseHfTokenizer, parseTiktokenRanks, type Vocabulary } from './vocab';

/** Parse a vocabulary file's JSON content according to its format. */
export function parseVocabulary(id: VocabId, json: unknown): Vocabulary {
  return VOCABS[id].format === 'tiktoken'
    ? parseTiktokenRanks(json as never)
    : parseHfTokenizer(json as never);
}
