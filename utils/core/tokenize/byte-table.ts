/**
 * Tokens by their bytes without a `Map` of strings: every token's bytes in one buffer, an
 * offset per id, and an open-addressing hash (FNV-1a) from bytes to id. The CLI loads its
 * vocabularies in this form (binary.ts) because a `Map` of 200k strings takes ~0.2 s and as
 * much again in garbage collection to build on every start, while these arrays are read as is.
 * A pair's concatenation is hashed and compared in place, without making the joined string.
 */
export interface ByteTableArrays {
  bytes: Uint8Array;
  /** `offsets[id]..offsets[id + 1]` are the bytes of `id` (empty for ids with no token). */
  offsets: Uint32Array;
  /** id + 1 per slot, 0 for an empty slot; the length is a power of two. */
  slots: Int32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class ByteTable {
  private readonly mask: number;

  constructor(readonly arrays: ByteTableArrays) {
    this.mask = arrays.slots.length - 1;
    if (this.mask & arrays.slots.length) throw new Error('Corrupt byte table');
  }

  /**
   * The table of `tokens` (byte strings by id; null where an id has none). When two ids have
   * the same bytes, `keep` says which one the bytes find, as the `Map` it replaces did.
   */
  static build(tokens: readonly (string | null | undefined)[], keep: 'first' | 'last'): ByteTable {
    const offsets = new Uint32Array(tokens.length + 1);
    let total = 0;
    for (let id = 0; id < tokens.length; id++) {
      offsets[id] = total;
      total += tokens[id]?.length ?? 0;
    }
    offsets[tokens.length] = total;
    const bytes = new Uint8Array(total);
    for (let id = 0; id < tokens.length; id++) {
      const token = tokens[id];
      if (token)
        for (let i = 0; i < token.length; i++) bytes[offsets[id] + i] = token.charCodeAt(i);
    }
    let capacity = 1024;
    while (capacity < tokens.length * 2) capacity *= 2;
    const table = new ByteTable({ bytes, offsets, slots: new Int32Array(capacity) });
    for (let id = 0; id < tokens.length; id++) {
      if (tokens[id] != null) table.insert(id, keep);
    }
    return table;
  }

  private insert(id: number, keep: 'first' | 'last'): void {
    const { bytes, offsets, slots } = this.arrays;
    const start = offsets[id];
    const end = offsets[id + 1];
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const other = slots[s] - 1;
      if (other < 0) {
        slots[s] = id + 1;
        return;
      }
      if (this.sameBytes(other, start, end)) {
        if (keep === 'last') slots[s] = id + 1;
        return;
      }
    }
  }

  private sameBytes(id: number, start: number, end: number): boolean {
    const { bytes, offsets } = this.arrays;
    const at = offsets[id];
    if (offsets[id + 1] - at !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (bytes[at + i] !== bytes[start + i]) return false;
    return true;
  }

  /** Id of the token whose bytes are `left`'s followed by `right`'s, or -1. */
  pairId(left: number, right: number): number {
    const { bytes, offsets, slots } = this.arrays;
    const l0 = offsets[left];
    const l1 = offsets[left + 1];
    const r0 = offsets[right];
    const r1 = offsets[right + 1];
    let h = FNV_OFFSET;
    for (let i = l0; i < l1; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
    for (let i = r0; i < r1; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
    const length = l1 - l0 + r1 - r0;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = slots[s] - 1;
      if (id < 0) return -1;
      let at = offsets[id];
      if (offsets[id + 1] - at !== length) continue;
      let same = true;
      for (let i = l0; same && i < l1; i++) same = bytes[at++] === bytes[i];
      for (let i = r0; same && i < r1; i++) same = bytes[at++] === bytes[i];
      if (same) return id;
    }
  }

  /** Id of the token whose bytes are `piece` (a byte string: one char per byte), or -1. */
  id(piece: string): number {
    const { bytes, offsets, slots } = this.arrays;
    let h = FNV_OFFSET;
    for (let i = 0; i < piece.length; i++) h = Math.imul(h ^ piece.charCodeAt(i), FNV_PRIME);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const id = slots[s] - 1;
      if (id < 0) return -1;
      const at = offsets[id];
      if (offsets[id + 1] - at !== piece.length) continue;
      let same = true;
      for (let i = 0; same && i < piece.length; i++) same = bytes[at + i] === piece.charCodeAt(i);
      if (same) return id;
    }
  }
}
