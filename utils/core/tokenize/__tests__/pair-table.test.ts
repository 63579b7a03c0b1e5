import { describe, expect, it } from 'vitest';
import { PairTable } from '../bpe';

const ABSENT = -2;

describe('PairTable as a growing memo', () => {
  it('keeps every entry while it doubles, up to its most slots', () => {
    const table = new PairTable(0);
    const n = 5000;
    for (let i = 0; i < n; i++) {
      if (table.crowded) table.makeRoom(1 << 14);
      table.set(i, i * 7 + 1, i * 3.5);
    }
    expect(table.size).toBe(n);
    for (let i = 0; i < n; i++) expect(table.get(i, i * 7 + 1)).toBe(i * 3.5);
    expect(table.get(1, 1)).toBe(ABSENT);
    // First write still wins after growing.
    table.set(10, 71, -1);
    expect(table.get(10, 71)).toBe(35);
  });

  it('is emptied, not grown, once it has its most slots', () => {
    const table = new PairTable(0);
    let cleared = 0;
    for (let i = 0; i < 20_000; i++) {
      if (table.crowded) {
        const before = table.size;
        table.makeRoom(1 << 12);
        if (table.size < before) cleared++;
      }
      table.set(i, i, i);
    }
    expect(cleared).toBeGreaterThan(0);
    // Never more than half of 2^12 slots in use.
    expect(table.size).toBeLessThanOrEqual(1 << 11);
    expect(table.get(19_999, 19_999)).toBe(19_999);
    expect(table.get(0, 0)).toBe(ABSENT);
  });
});
