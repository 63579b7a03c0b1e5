/**
 * SentencePiece-style BPE, as Hugging Face's `tokenizer.json` describes Gemma 3's vocabulary
 * (Gemini shares it). Unlike the byte-level vocabularies:
 * - the normalizer replaces each space with "▁", and the pre-tokenizer then splits on spaces
 *   that no longer exist: the whole text is one BPE word;
 * - initial symbols are characters, not bytes; a character that is not a token becomes its
 *   UTF-8 bytes as `<0xNN>` tokens (`byte_fallback`), which no merge ever joins;
 * - before all that, its non-special added tokens are cut out of the raw text as one token each
 *   (leftmost-longest): runs of up to 31 newlines, tabs or literal "▁", HTML tags such as `<b>`
 *   and `</table>`, `<unusedN>`. Special ones (`<bos>`, `<start_of_turn>`…) are template
 *   markers: counted as the text they are, like every other vocabulary's.
 *
 * One BPE word for a whole text would make every count O(n log n) over the text and leave
 * nothing to cache. But BPE can only join two adjacent characters x, y if some merge joins a
 * part ending in x to a part starting with y; Gemma's 514,906 merges join only 33,695 such
 * character pairs ("joins", computed at build time from the merges). Between any other two
 * characters no merge can ever apply, so BPE on each side alone gives the same tokens as BPE
 * on the whole: the text is cut there into pieces (words, mostly), which the encoder caches.
 * The same property gives the chunk cache its cuts (`splitChunks`).
 */
import { countIds, PACK, PairTable } from './bpe';
import type { Vocabulary } from './vocab';

/** The vocabulary reduced to what counting needs; shipped as `tokenizers/gemma3.vocab`. */
export interface CompactSpBpe {
  format: 'tm-spbpe-1';
  /** Normalizer: every `from` becomes `to` (one UTF-16 unit each, so text offsets are kept). */
  replace: [string, string] | null;
  /** The single-character tokens, concatenated: the i-th code point has id i. */
  chars: string;
  /** Number of ids: single characters first, then merge results in order of first appearance. */
  size: number;
  /** Number of merges. */
  ranks: number;
  /**
   * Merges in rank order, base64 of unsigned LEB128 varints, three per merge: left id, right id,
   * and 0 when the result is a new id (the next one) or the result's id + 1 when it is not.
   * A part that no merge produces is `size`: that merge can never apply.
   */
  merges: string;
  /** The character pairs some merge joins (its left part's last, its right part's first), concatenated. */
  joins: string;
  /** Non-special added tokens, matched in the raw text before normalizing (one token each). */
  added: string[];
}

interface SpAddedToken {
  content: string;
  special: boolean;
  normalized?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  single_word?: boolean;
}

interface SpTokenizerJson {
  added_tokens?: SpAddedToken[];
  normalizer?: { type: string; pattern?: { String?: string }; content?: string } | null;
  pre_tokenizer?: { type: string; pattern?: { String?: string }; invert?: boolean } | null;
  model: {
    type: string;
    vocab: Record<string, number>;
    merges: (string | [string, string])[];
    byte_fallback?: boolean;
    ignore_merges?: boolean;
    dropout?: number | null;
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
  };
}

/** Whether a `tokenizer.json` is a SentencePiece-style BPE (byte fallback, no byte-level map). */
export function isSentencePieceBpe(json: unknown): boolean {
  const model = (json as SpTokenizerJson | null)?.model;
  return model?.type === 'BPE' && model.byte_fallback === true;
}

/**
 * Reduce a Hugging Face `tokenizer.json` (SentencePiece-style BPE) to a `CompactSpBpe`. Only the
 * configuration Gemma 3 uses is accepted; anything else throws, so a package update that changes
 * the pipeline fails the build instead of counting wrongly.
 */
export function compactSpTokenizer(json: SpTokenizerJson): CompactSpBpe {
  const { model } = json;
  if (
    !isSentencePieceBpe(json) ||
    model.ignore_merges ||
    model.dropout ||
    model.continuing_subword_prefix ||
    model.end_of_word_suffix
  ) {
    throw new Error(`Unsupported SentencePiece BPE model: ${model.type}`);
  }
  const replace = replaceOf(json.normalizer);
  checkPreTokenizer(json.pre_tokenizer, replace);
  const vocab = model.vocab;
  for (let b = 0; b < 256; b++) {
    if (!(byteToken(b) in vocab)) throw new Error(`Vocabulary lacks ${byteToken(b)}`);
  }
  const ids = new Map<string, number>();
  let chars = '';
  const singles = Object.keys(vocab)
    .filter((t) => t.length === (t.codePointAt(0)! > 0xffff ? 2 : 1))
    .sort((a, b) => vocab[a] - vocab[b]);
  for (const c of singles) {
    ids.set(c, ids.size);
    chars += c;
  }
  const merges = model.merges.map((m) => (typeof m === 'string' ? splitMerge(m) : m));
  for (const [a, b] of merges) {
    // The reference applies a merge even when its result is not a token (then falls back to
    // bytes); the compact form has no place for such a result, so refuse the vocabulary.
    if (!(a + b in vocab)) throw new Error(`Merge result is not a token: ${a} ${b}`);
    if (!ids.has(a + b)) ids.set(a + b, ids.size);
  }
  const size = ids.size;
  const out: number[] = [];
  const seen = new Set<string>();
  const joins = new Set<string>();
  for (const [a, b] of merges) {
    const merged = a + b;
    const isNew = !seen.has(merged) && ids.get(merged)! >= singles.length;
    out.push(ids.get(a) ?? size, ids.get(b) ?? size, isNew ? 0 : ids.get(merged)! + 1);
    seen.add(merged);
    if (ids.has(a) && ids.has(b))
      joins.add(String.fromCodePoint(lastCodePoint(a), b.codePointAt(0)!));
  }
  const added = (json.added_tokens ?? []).filter((t) => !t.special);
  for (const t of added) {
    // Only raw-text matches that take nothing with them are supported (Gemma's are all such).
    if (t.normalized || t.lstrip || t.rstrip || t.single_word || !t.content) {
      throw new Error(`Unsupported added token: ${JSON.stringify(t)}`);
    }
  }
  return {
    format: 'tm-spbpe-1',
    replace,
    chars,
    size,
    ranks: merges.length,
    merges: bytesToBase64(encodeVarints(out)),
    joins: [...joins].sort().join(''),
    added: added.map((t) => t.content).sort(),
  };
}

/** Where a chunk may end: after a run of newlines, or after sentence-ending punctuation. */
const CHUNK_CANDIDATE = /\n+|[.!?;。！？；]/g;

const byteToken = (b: number) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;

function splitMerge(merge: string): [string, string] {
  const space = merge.indexOf(' ', 1);
  return [merge.slice(0, space), merge.slice(space + 1)];
}

function lastCodePoint(s: string): number {
  const low = s.charCodeAt(s.length - 1);
  return s.length >= 2 && low >= 0xdc00 && low <= 0xdfff ? s.codePointAt(s.length - 2)! : low;
}

function replaceOf(config: SpTokenizerJson['normalizer']): CompactSpBpe['replace'] {
  if (!config) return null;
  const from = config.pattern?.String;
  const to = config.content;
  if (config.type !== 'Replace' || from?.length !== 1 || to?.length !== 1) {
    throw new Error(`Unsupported normalizer: ${JSON.stringify(config)}`);
  }
  return [from, to];
}

/**
 * Gemma's pre-tokenizer splits on " ", which the normalizer has already replaced: a no-op
 * (Hugging Face runs pre-tokenizers on the normalized text). Any other pre-tokenizer is refused.
 */
function checkPreTokenizer(
  config: SpTokenizerJson['pre_tokenizer'],
  replace: CompactSpBpe['replace'],
): void {
  if (!config) return;
  const splitsOnReplaced =
    config.type === 'Split' &&
    !config.invert &&
    replace !== null &&
    config.pattern?.String === replace[0] &&
    replace[0] !== replace[1];
  if (!splitsOnReplaced) throw new Error(`Unsupported pre-tokenizer: ${JSON.stringify(config)}`);
}

function encodeVarints(values: number[]): Uint8Array {
  const bytes: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    bytes.push(v);
  }
  return Uint8Array.from(bytes);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
    s += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return s;
}

/** Base64 → bytes with a table, not `atob` (slow across the bindings of a service worker). */
function base64ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let n = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const v = DECODE[text.charCodeAt(i)];
    if (v === undefined || v < 0) continue; // '=' padding
    bits = ((bits << 6) | v) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[n++] = (bits >> count) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** UTF-8 length of a code point (a lone surrogate is encoded as U+FFFD, 3 bytes, like TextEncoder). */
function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

export function parseCompactSpBpe(compact: CompactSpBpe): Vocabulary {
  return spVocabulary(compactSpTables(compact));
}

/** What Gemma 3's vocabulary counts with, built from its compact form. */
export interface SpTables {
  /** Id of each BMP character (-1: not a token); `astral` for the rest, as [code point, id]. */
  bmp: Int32Array;
  astral: [number, number][];
  /** (left, right) → packed merge (`rank * PACK + merged id`). */
  pairs: PairTable;
  /** (x, y) → 1 when some merge joins character x to character y. */
  joinable: PairTable;
  /** 1 for each BMP character that some merge joins to a character after it. */
  hasRight: Uint8Array;
  astralLeft: boolean;
  replace: [string, string] | null;
  added: string[];
}

export function compactSpTables(compact: CompactSpBpe): SpTables {
  if (compact.format !== 'tm-spbpe-1') throw new Error('Unknown vocabulary format');
  const { size } = compact;
  // Character → id: a table for the BMP, a list for the rest (2k emoji and rare CJK).
  const bmp = new Int32Array(0x10000).fill(-1);
  const astral: [number, number][] = [];
  let id = 0;
  for (const c of compact.chars) {
    const cp = c.codePointAt(0)!;
    if (cp < 0x10000) bmp[cp] = id++;
    else astral.push([cp, id++]);
  }

  const bytes = base64ToBytes(compact.merges);
  const pairs = new PairTable(compact.ranks);
  let at = 0;
  const varint = (): number => {
    let v = 0; // ids stay below 2^21: the shifts cannot overflow
    for (let shift = 0, b = 0x80; b & 0x80; shift += 7) v |= ((b = bytes[at++]) & 0x7f) << shift;
    return v;
  };
  let next = id;
  let rank = 0;
  for (; at < bytes.length; rank++) {
    const left = varint();
    const right = varint();
    const result = varint();
    const merged = result === 0 ? next++ : result - 1;
    if (left < size && right < size) pairs.set(left, right, rank * PACK + merged);
  }
  if (next !== size || rank !== compact.ranks) throw new Error('Corrupt vocabulary file');

  // Which characters some merge may join: a flag per BMP character that has any join to its
  // right (most have none, so the table lookup is skipped), and the pairs themselves.
  const joinChars = Array.from(compact.joins, (c) => c.codePointAt(0)!);
  const joinable = new PairTable(joinChars.length / 2);
  const hasRight = new Uint8Array(0x10000);
  let astralLeft = false;
  for (let i = 0; i + 1 < joinChars.length; i += 2) {
    joinable.set(joinChars[i], joinChars[i + 1], 1);
    if (joinChars[i] < 0x10000) hasRight[joinChars[i]] = 1;
    else astralLeft = true;
  }
  return {
    bmp,
    astral,
    pairs,
    joinable,
    hasRight,
    astralLeft,
    replace: compact.replace,
    added: compact.added,
  };
}

// Kept whole: the counting closures (countPiece, cutPieces, pretokenize) read the decoded
// tables as closure locals in the per-character hot loop; functions over a state object would
// add property loads there (measured by the tokenizer bench).
// eslint-disable-next-line max-lines-per-function -- hot-loop closures over decoded tables
export function spVocabulary(tables: SpTables): Vocabulary {
  const { bmp, pairs, joinable, hasRight, astralLeft } = tables;
  const astral = new Map(tables.astral);
  const idOf = (cp: number) => (cp < 0x10000 ? bmp[cp] : (astral.get(cp) ?? -1));
  const joins = (x: number, y: number) =>
    (x < 0x10000 ? hasRight[x] === 1 : astralLeft) && joinable.get(x, y) === 1;

  const [from, to] = tables.replace ?? ['', ''];
  const fromCode = tables.replace ? from.charCodeAt(0) : -1;
  const toCode = tables.replace ? to.charCodeAt(0) : -1;
  const normalize = tables.replace ? (text: string) => text.replaceAll(from, to) : null;

  let scratch = new Int32Array(256);
  const bpe = {
    pair: (left: number, right: number) => {
      const packed = pairs.get(left, right);
      return packed < 0 ? -1 : packed;
    },
  };

  const countPiece = (piece: string): number => {
    if (scratch.length < piece.length) scratch = new Int32Array(piece.length * 2);
    let total = 0;
    let n = 0;
    for (let i = 0; i < piece.length; i++) {
      let cp = piece.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < piece.length) {
        const low = piece.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      const tokenId = idOf(cp);
      if (tokenId >= 0) {
        scratch[n++] = tokenId;
        continue;
      }
      // Not a token: its bytes, which no merge joins (pretokenize makes it a piece of its own).
      total += countIds(bpe, scratch, n) + utf8Length(cp);
      n = 0;
    }
    return total + countIds(bpe, scratch, n);
  };

  const added = new AddedTokens(tables.added);

  /** Calls `emit` with the normalized text cut between every two characters no merge can join. */
  const cutPieces = (text: string, emit: (piece: string, tokens?: number) => void): void => {
    let start = 0;
    let prev = -1;
    for (let i = 0; i < text.length;) {
      let cp = text.charCodeAt(i);
      let width = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          width = 2;
        }
      }
      if (prev >= 0 && !joins(prev, cp)) {
        emit(text.slice(start, i));
        start = i;
      }
      prev = cp;
      i += width;
    }
    if (start < text.length) emit(text.slice(start));
  };

  /** A stretch of raw text between added tokens: normalized, then cut into pieces. */
  const section = (raw: string, emit: (piece: string, tokens?: number) => void): void => {
    const text = normalize ? normalize(raw) : raw;
    // As the reference does: a whole normalized stretch that equals an added token is that
    // token (two spaces between newlines become "▁▁", an added token).
    if (added.has(text)) emit(text, 1);
    else cutPieces(text, emit);
  };

  /** Raw text in: added tokens cut out first (on the raw text), the rest normalized and cut. */
  const pretokenize = (text: string, emit: (piece: string, tokens?: number) => void): void => {
    let start = 0;
    for (let i = 0; i < text.length;) {
      const length = added.longestAt(text, i);
      if (length === 0) {
        i++;
        continue;
      }
      if (i > start) section(text.slice(start, i), emit);
      emit(text.slice(i, i + length), 1);
      i += length;
      start = i;
    }
    if (start < text.length) section(text.slice(start), emit);
  };

  /**
   * Chunks for the incremental cache: cut after a run of newlines or a sentence's end, where
   * no merge can join the two characters around the cut (the normalizer maps one character to
   * one, so the check applies it to those two only) and no added token contains them.
   */
  const norm = (c: number) => (c === fromCode ? toCode : c);
  const splitChunks = (text: string): string[] => {
    const chunks: string[] = [];
    let at = 0;
    CHUNK_CANDIDATE.lastIndex = 0;
    for (let m = CHUNK_CANDIDATE.exec(text); m; m = CHUNK_CANDIDATE.exec(text)) {
      const cut = m.index + m[0].length;
      if (cut >= text.length) break;
      const x = text.charCodeAt(cut - 1);
      const y = text.codePointAt(cut)!;
      if (cut > at && !joins(norm(x), norm(y)) && !added.spans(x, y)) {
        chunks.push(text.slice(at, cut));
        at = cut;
      }
    }
    if (at < text.length) chunks.push(text.slice(at));
    return chunks;
  };

  // The normalizer runs inside `pretokenize`, after added tokens are cut out of the raw text.
  return { countPiece, pretokenize, splitChunks };
}

/**
 * Added tokens matched leftmost-longest in raw text (as Hugging Face's tokenizers do), with a
 * trie over UTF-16 units; `spans` says whether some added token has `x` right before `y`.
 */
class AddedTokens {
  private readonly root = new Map<number, TrieNode>();
  private readonly first = new Uint8Array(0x10000);
  private readonly contents: Set<string>;
  private readonly pairs = new Set<number>();

  constructor(contents: string[]) {
    this.contents = new Set(contents);
    for (const content of contents) {
      let level = this.root;
      let node: TrieNode | undefined;
      for (let i = 0; i < content.length; i++) {
        const c = content.charCodeAt(i);
        node = level.get(c);
        if (!node) level.set(c, (node = { next: new Map(), end: false }));
        level = node.next;
        if (i > 0) this.pairs.add(content.charCodeAt(i - 1) * 0x10000 + c);
      }
      node!.end = true;
      this.first[content.charCodeAt(0)] = 1;
    }
  }

  has(text: string): boolean {
    return this.contents.has(text);
  }

  /** Length of the longest added token starting at `i` (0: none). */
  longestAt(text: string, i: number): number {
    if (!this.first[text.charCodeAt(i)]) return 0;
    let level = this.root;
    let longest = 0;
    for (let j = i; j < text.length; j++) {
      const node = level.get(text.charCodeAt(j));
      if (!node) break;
      if (node.end) longest = j - i + 1;
      level = node.next;
    }
    return longest;
  }

  /** Whether some added token contains UTF-16 unit `x` followed by the character `y`. */
  spans(x: number, y: number): boolean {
    const unit = y > 0xffff ? 0xd800 + ((y - 0x10000) >> 10) : y;
    return this.pairs.has(x * 0x10000 + unit);
  }
}

interface TrieNode {
  next: Map<number, TrieNode>;
  end: boolean;
}

export function parseSpTokenizer(json: SpTokenizerJson): Vocabulary {
  return parseCompactSpBpe(compactSpTokenizer(json));
}
