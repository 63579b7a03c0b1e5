/**
 * Byte-level BPE, counting only. One merge loop serves both vocabulary formats:
 * - tiktoken ranks (o200k_base, cl100k_base): any two adjacent parts may merge when their
 *   concatenation is a token; the token's rank is the merge priority;
 * - Hugging Face `tokenizer.json` BPE (DeepSeek V3, Qwen3, Llama 3): only pairs listed in
 *   `merges` merge, in list order.
 * Parts are token ids throughout, so a merge is a lookup `pair(left, right)`.
 *
 * Pieces (one pre-tokenizer match, as a "byte string": one char per UTF-8 byte) of up to
 * SMALL_PIECE bytes use the simple scan-for-minimum loop (tiktoken's own algorithm); longer ones
 * use a heap so 200k repeats of one character cost O(n log n), not the O(n²) that takes
 * reference engines over 30 s. Both give the same merges: lowest rank first, leftmost on ties.
 */

/** A merge is packed as `rank * PACK + newId`; ids and ranks stay below 2^19 (Llama 3 has 280k merges). */
export const PACK = 2 ** 19;

export interface BpeVocab {
  /** Token id of each single byte. */
  byteIds: Int32Array;
  /** Packed merge (`rank * PACK + newId`) of two adjacent token ids, or -1 when they never merge. */
  pair(left: number, right: number): number;
  /** Token id of a whole piece, when the vocabulary short-cuts whole pieces (tiktoken, `ignore_merges`). */
  whole?(bytes: string): number | undefined;
}

const SMALL_PIECE = 96;

// Reused scratch buffers: counting is synchronous and single-threaded.
const ids = new Int32Array(SMALL_PIECE + 1);
const packs = new Float64Array(SMALL_PIECE + 1);

/** Number of tokens BPE makes of one piece (a byte string, one char per byte). */
export function countPiece(vocab: BpeVocab, bytes: string): number {
  const n = bytes.length;
  if (n <= 1) return n;
  if (vocab.whole && vocab.whole(bytes) !== undefined) return 1;
  if (n <= SMALL_PIECE) {
    for (let i = 0; i < n; i++) ids[i] = vocab.byteIds[bytes.charCodeAt(i)];
    return mergeSmall(vocab, n);
  }
  const start = new Int32Array(n);
  for (let i = 0; i < n; i++) start[i] = vocab.byteIds[bytes.charCodeAt(i)];
  return mergeLarge(vocab, start);
}

/**
 * Number of tokens BPE makes of a sequence of initial token ids (`first[0..n)`): the entry for
 * vocabularies whose initial symbols are characters, not bytes (SentencePiece-style BPE).
 */
export function countIds(vocab: Pick<BpeVocab, 'pair'>, first: Int32Array, n: number): number {
  if (n <= 1) return n;
  if (n <= SMALL_PIECE) {
    for (let i = 0; i < n; i++) ids[i] = first[i];
    return mergeSmall(vocab, n);
  }
  return mergeLarge(vocab, first.slice(0, n));
}

/** Merges the `n` ids in the scratch buffer `ids`; returns how many tokens remain. */
function mergeSmall(vocab: Pick<BpeVocab, 'pair'>, n: number): number {
  for (let i = 0; i < n - 1; i++) packs[i] = vocab.pair(ids[i], ids[i + 1]);
  while (n > 1) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < n - 1; i++) {
      const p = packs[i];
      if (p >= 0) {
        const rank = Math.floor(p / PACK);
        if (rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
    }
    if (best < 0) break;
    ids[best] = packs[best] % PACK;
    ids.copyWithin(best + 1, best + 2, n);
    packs.copyWithin(best + 1, best + 2, n - 1);
    n--;
    if (best < n - 1) packs[best] = vocab.pair(ids[best], ids[best + 1]);
    if (best > 0) packs[best - 1] = vocab.pair(ids[best - 1], ids[best]);
  }
  return n;
}

/** Heap keys are `rank * 2^31 + position` (positions below 2^31, ranks below 2^19: < 2^53). */
const POS = 2 ** 31;

/** Merges the ids of `id` (changed in place); returns how many tokens remain. */
function mergeLarge(vocab: Pick<BpeVocab, 'pair'>, id: Int32Array): number {
  const n = id.length;
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const alive = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const heap = new MinHeap(n * 3);
  const push = (i: number) => {
    const j = next[i];
    if (j < 0) return;
    const p = vocab.pair(id[i], id[j]);
    if (p >= 0) heap.push(Math.floor(p / PACK) * POS + i);
  };
  for (let i = 0; i < n - 1; i++) push(i);
  let count = n;
  while (heap.size > 0) {
    const key = heap.pop();
    const i = key % POS;
    const rank = Math.floor(key / POS);
    const j = next[i];
    // Entries go stale when a neighbour merges; re-check the pair as it is now.
    if (!alive[i] || j < 0) continue;
    const p = vocab.pair(id[i], id[j]);
    if (p < 0 || Math.floor(p / PACK) !== rank) continue;
    id[i] = p % PACK;
    alive[j] = 0;
    next[i] = next[j];
    if (next[j] >= 0) prev[next[j]] = i;
    count--;
    if (prev[i] >= 0) push(prev[i]);
    push(i);
  }
  return count;
}

class MinHeap {
  private data: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(capacity, 16));
  }
  push(key: number): void {
    if (this.size === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (d[parent] <= key) break;
      d[i] = d[parent];
      i = parent;
    }
    d[i] = key;
  }
  pop(): number {
    const d = this.data;
    const top = d[0];
    const last = d[--this.size];
    let i = 0;
    const n = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && d[child + 1] < d[child]) child++;
      if (d[child] >= last) break;
      d[i] = d[child];
      i = child;
    }
    if (n > 0) d[i] = last;
    return top;
  }
}

export interface PairTableArrays {
  lefts: Int32Array;
  rights: Int32Array;
  values: Float64Array;
  size: number;
}

/** Returned by `PairTable.get` for a pair it holds no entry for. */
export const ABSENT = -2;

/**
 * Open-addressing hash table from a pair of token ids to a packed merge (or -1: never merges).
 * Typed arrays instead of a `Map` keyed by `left * PACK + right`: those keys are not small
 * integers, so a `Map` would box and hash doubles on every lookup of the hot merge loop.
 */
export class PairTable {
  private lefts: Int32Array;
  private rights: Int32Array;
  private values: Float64Array;
  private mask: number;
  size = 0;

  constructor(expected: number, arrays?: PairTableArrays) {
    if (arrays) {
      // A table saved with `arrays()` (the CLI's binary vocabulary): used as is, not copied.
      ({ lefts: this.lefts, rights: this.rights, values: this.values, size: this.size } = arrays);
      this.mask = this.lefts.length - 1;
      const n = this.lefts.length;
      if (this.mask & n || this.rights.length !== n || this.values.length !== n) {
        throw new Error('Corrupt pair table');
      }
      return;
    }
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.lefts = new Int32Array(capacity).fill(-1);
    this.rights = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** The table's storage, to save it and load it back without rebuilding. */
  arrays(): PairTableArrays {
    return { lefts: this.lefts, rights: this.rights, values: this.values, size: this.size };
  }

  private slot(left: number, right: number): number {
    let i = (Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b)) & this.mask;
    while (this.lefts[i] !== -1 && (this.lefts[i] !== left || this.rights[i] !== right)) {
      i = (i + 1) & this.mask;
    }
    return i;
  }

  get(left: number, right: number): number {
    const i = this.slot(left, right);
    return this.lefts[i] === -1 ? ABSENT : this.values[i];
  }

  /** First write wins (the lowest-rank entry for a pair). */
  set(left: number, right: number, value: number): void {
    const i = this.slot(left, right);
    if (this.lefts[i] !== -1) return;
    this.lefts[i] = left;
    this.rights[i] = right;
    this.values[i] = value;
    this.size++;
  }

  /** Whether the table is full enough that a memo should be cleared before adding more. */
  get crowded(): boolean {
    return this.size * 2 > this.mask;
  }

  clear(): void {
    this.lefts.fill(-1);
    this.size = 0;
  }

  /**
   * Room for more entries in a memo: the table doubles (its entries kept) while it has fewer
   * than `maxCapacity` slots, else it is emptied. A memo that starts small costs a short count
   * nothing: a fresh 2^19-slot table is 8 MB to allocate and touch, ~40 ms of a CLI count.
   */
  makeRoom(maxCapacity: number): void {
    const { lefts, rights, values } = this;
    if (lefts.length >= maxCapacity) {
      this.clear();
      return;
    }
    const capacity = lefts.length * 2;
    this.mask = capacity - 1;
    this.lefts = new Int32Array(capacity).fill(-1);
    this.rights = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.size = 0;
    for (let i = 0; i < lefts.length; i++) {
      if (lefts[i] !== -1) this.set(lefts[i], rights[i], values[i]);
    }
  }
}
