/**
 * Incremental counting: a draft is cut into chunks at places where no pre-tokenizer piece can
 * span the cut, so the sum of the chunks' counts is the whole text's count, exactly. Chunk →
 * count is cached, so a keystroke re-tokenizes only the chunk it touched.
 *
 * Cut points (every byte-level vocabulary shipped here; the property tests check each one;
 * Gemma's SentencePiece vocabulary brings its own, see sentencepiece.ts):
 * - a line start: after `\n`, before a character that is neither whitespace nor `/` (o200k's
 *   punctuation piece may run on over newlines and a `/`; whitespace runs look ahead);
 * - after a letter, before `. , ; : ! ?` or their full-width forms: a letter piece ends at the
 *   punctuation and no pattern lets punctuation join the letters before it (the apostrophe,
 *   which contractions take, is not in the list).
 * The cuts depend only on the text, so chunking is deterministic: the same text always gives
 * the same chunks, cached or not.
 */
export const CHUNK_BOUNDARY = /\n(?=[^\p{White_Space}/])|(?<=\p{L})(?=[.,;:!?．，；：！？、。])/gu;

/** Chunks of `text` by a boundary regex (the specification; see `splitChunks`). */
export function splitChunksByRegex(text: string, boundary: RegExp = CHUNK_BOUNDARY): string[] {
  const chunks: string[] = [];
  let at = 0;
  boundary.lastIndex = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const cut = m.index + m[0].length;
    if (cut === m.index) boundary.lastIndex++;
    if (cut > at && cut < text.length) {
      chunks.push(text.slice(at, cut));
      at = cut;
    }
  }
  if (at < text.length) chunks.push(text.slice(at));
  return chunks;
}

/** Where a cut may be: a newline, or `. , ; : ! ?` (and full-width forms, `、`, `。`). */
const CANDIDATE = /[\n.,;:!?．，；：！？、。]/g;
const LETTER = /^\p{L}$/u;

/** Unicode White_Space (all in the BMP). */
function isWhiteSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Whether the code point ending just before `i` is a letter. */
function letterBefore(text: string, i: number): boolean {
  if (i < 1) return false;
  const low = text.charCodeAt(i - 1);
  const high = i >= 2 ? text.charCodeAt(i - 2) : 0;
  const paired = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return LETTER.test(String.fromCodePoint(text.codePointAt(paired ? i - 2 : i - 1)!));
}

/**
 * Chunks of `text` (concatenated they are `text`): the cuts of CHUNK_BOUNDARY, found by
 * jumping between candidate characters, because the regex's look-behind at every position
 * costs ~30 ms per 400 KB, too much for a keystroke.
 */
export function splitChunks(text: string): string[] {
  const chunks: string[] = [];
  let at = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const i = m.index;
    let cut: number;
    if (text.charCodeAt(i) === 10) {
      const c = text.charCodeAt(i + 1);
      cut = i + 1 < text.length && c !== 0x2f && !isWhiteSpace(c) ? i + 1 : -1;
    } else {
      cut = letterBefore(text, i) ? i : -1;
    }
    if (cut > at) {
      chunks.push(text.slice(at, cut));
      at = cut;
    }
  }
  if (at < text.length) chunks.push(text.slice(at));
  return chunks;
}

/** A generation of the cache holds at most this many chunks, or this many characters. */
const GENERATION = 20_000;
const GENERATION_CHARS = 2_000_000;

/**
 * Sums a per-chunk measure over a text's chunks with a bounded cache (two generations: when
 * the newer fills, the older is dropped, so memory stays under ~2 × 2 M characters even when
 * every keystroke edits one huge chunk). `measure` may return fractions (estimates); the sum is
 * rounded by the caller.
 */
export class ChunkCache {
  private recent = new Map<string, number>();
  private older = new Map<string, number>();
  private recentChars = 0;

  /**
   * The last chunk of the text counted before, not cached on first sight: text grows at its
   * end (a reply streaming, a draft typed), so a last chunk is usually seen once and never
   * again, and caching each version filled the cache with dead prefixes; the background's
   * heap grew by ~3 MB in a 2-minute load run (found by scripts/bench/faults.bench.ts). A last
   * chunk seen twice in a row (the same text counted again) is cached then.
   */
  private lastTail: string | null = null;

  /** `split` cuts a text where the measure is additive (default: the byte-level vocabularies' cuts). */
  constructor(
    private readonly measure: (chunk: string) => number,
    private readonly split: (text: string) => string[] = splitChunks,
  ) {}

  /** Cached chunks (for tests and memory figures). */
  get size(): number {
    return this.recent.size + this.older.size;
  }

  total(text: string): number {
    const chunks = this.split(text);
    let sum = 0;
    for (let i = 0; i < chunks.length - 1; i++) sum += this.get(chunks[i]);
    const tail = chunks[chunks.length - 1];
    if (tail !== undefined) {
      const cached = this.recent.get(tail) ?? this.older.get(tail);
      if (cached !== undefined || tail === this.lastTail) sum += this.get(tail);
      else sum += this.measure(tail);
      this.lastTail = tail;
    }
    return sum;
  }

  private get(chunk: string): number {
    let n = this.recent.get(chunk);
    if (n !== undefined) return n;
    n = this.older.get(chunk) ?? this.measure(chunk);
    if (this.recent.size >= GENERATION || this.recentChars + chunk.length > GENERATION_CHARS) {
      this.older = this.recent;
      this.recent = new Map();
      this.recentChars = 0;
    }
    this.recent.set(chunk, n);
    this.recentChars += chunk.length;
    return n;
  }
}
