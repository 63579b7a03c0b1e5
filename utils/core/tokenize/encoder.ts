/**
 * Counts the tokens of a text with one vocabulary: normalize, pre-tokenize, BPE each piece.
 * Pieces repeat a lot (words, common Chinese phrases), so piece → count is cached; that cache
 * is what makes recounting a draft on every keystroke cheap (gpt-tokenizer's trick; js-tiktoken
 * has none). The cache is bounded: two generations, the older one dropped when the newer fills.
 */
import { countPiece } from './bpe';
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
    pretokenize(normalize ? normalize(text) : text, (piece) => {
      total += this.countCached(piece);
    });
    return total;
  }

  private countCached(piece: string): number {
    let n = this.recent.get(piece);
    if (n !== undefined) return n;
    n = this.older.get(piece);
    if (n === undefined) n = countPiece(this.vocabulary.bpe, utf8Bytes(piece));
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

/**
 * UTF-8 bytes of `text` as a string with one char per byte. A lone surrogate becomes U+FFFD
 * (EF BF BD), exactly as `TextEncoder` (and so every reference library in JS) encodes it.
 */
export function utf8Bytes(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
    } else if (c < 0x800) {
      out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const low = text.charCodeAt(i + 1);
        if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
          out.push(
            0xf0 | (c >> 18),
            0x80 | ((c >> 12) & 63),
            0x80 | ((c >> 6) & 63),
            0x80 | (c & 63),
          );
          continue;
        }
        c = 0xfffd;
      }
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  let s = '';
  for (let i = 0; i < out.length; i += 8192) {
    s += String.fromCharCode(...out.slice(i, i + 8192));
  }
  return s;
}
