/**
 * Incremental counting: a draft is cut into chunks at places where no pre-tokenizer piece can
 * span the cut, so the sum of the chunks' counts is the whole text's count, exactly. Chunk →
 * count is cached, so a keystroke re-tokenizes only the chunk it touched.
 *
 * Cut points (every vocabulary shipped here; the property tests check each one):
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

/** `. , ; : ! ?` and their full-width forms, `、` and `。`. */
const CUT_PUNCTUATION = new Set([
  0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f, 0xff0e, 0xff0c, 0xff1b, 0xff1a, 0xff01, 0xff1f, 0x3001,
  0x3002,
]);
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

/**
 * Chunks of `text` (concatenated they are `text`): the cuts of CHUNK_BOUNDARY, found by a
 * char-code scan because the regex's look-behind costs ~30 ms per 400 KB, too much per keystroke.
 */
export function splitChunks(text: string): string[] {
  const chunks: string[] = [];
  let at = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let cut = false;
    if (text.charCodeAt(i - 1) === 10) {
      cut = c !== 0x2f && !isWhiteSpace(c);
    } else if (CUT_PUNCTUATION.has(c)) {
      const low = text.charCodeAt(i - 1);
      const high = i >= 2 ? text.charCodeAt(i - 2) : 0;
      const paired = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
      cut = LETTER.test(String.fromCodePoint(text.codePointAt(paired ? i - 2 : i - 1)!));
    }
    if (cut) {
      chunks.push(text.slice(at, i));
      at = i;
    }
  }
  if (at < text.length) chunks.push(text.slice(at));
  return chunks;
}

const GENERATION = 20_000;

/**
 * Sums a per-chunk measure over a text's chunks with a bounded cache (two generations: when
 * the newer fills, the older is dropped). `measure` may return fractions (estimates); the sum
 * is rounded by the caller.
 */
export class ChunkCache {
  private recent = new Map<string, number>();
  private older = new Map<string, number>();

  constructor(private readonly measure: (chunk: string) => number) {}

  total(text: string): number {
    let sum = 0;
    for (const chunk of splitChunks(text)) sum += this.get(chunk);
    return sum;
  }

  private get(chunk: string): number {
    let n = this.recent.get(chunk);
    if (n !== undefined) return n;
    n = this.older.get(chunk) ?? this.measure(chunk);
    if (this.recent.size >= GENERATION) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(chunk, n);
    return n;
  }
}
