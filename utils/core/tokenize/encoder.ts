/**
 * Counts the tokens of a text with one vocabulary: normalize, pre-tokenize, BPE each piece.
 * Pieces repeat a lot (words, common Chinese phrases), so piece → count is cached; that cache
 * is what makes recounting a draft on every keystroke cheap (gpt-tokenizer's trick; js-tiktoken
 * has none). The cache is bounded: two generations, the older one dropped when the newer fills.
 */
import type { Vocabulary } from './vocab';

/** Pieces longer than this are not cached (long runs are rare and would pin memory). */
const MAX_CACHED_PIECE = 256;
const CACHE_GENERATION = 50_000;

export class Encoder {
  private recent = new Map<string, number>();
  private older = new Map<string, number>();

  constructor(readonly vocabulary: Vocabulary) {}

  /** Tokens of `text` exactly as given: no BOS, special or chat-template tokens. */
  count(text: string): number {
    if (text === '') return 0;
    const { normalize, pretokenize } = this.vocabulary;
    let total = 0;
    pretokenize(normalize ? normalize(text) : text, (piece, tokens) => {
      total += tokens ?? this.countCached(piece);
    });
    return total;
  }

  private countCached(piece: string): number {
    let n = this.recent.get(piece);
    if (n !== undefined) return n;
    n = this.older.get(piece);
    if (n === undefined) n = this.vocabulary.countPiece(piece);
    if (piece.length <= MAX_CACHED_PIECE) {
      if (this.recent.size >= CACHE_GENERATION) {
        this.older = this.recent;
        this.recent = new Map();
      }
      this.recent.set(piece, n);
    }
    return n;
  }
}
