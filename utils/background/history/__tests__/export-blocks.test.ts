import { describe, expect, it } from 'vitest';
import { PAGE_QUIET_MS } from '@/utils/page-start';
import { createPageGate } from '../export-blocks';

/** A clock the gate's sleep moves forward (no wall clock). */
function clock() {
  const c = {
    now: 1_000_000,
    slept: [] as number[],
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.now += ms;
    },
  };
  return c;
}

describe('the page gate of the export blocks rebuild', () => {
  it('is open until a page opens, then holds the next step for the quiet time', async () => {
    const c = clock();
    const gate = createPageGate(() => c.now, PAGE_QUIET_MS, c.sleep);
    await gate.ready();
    expect(c.slept).toEqual([]);
    gate.opened();
    c.now += 500;
    await gate.ready();
    expect(c.slept).toEqual([PAGE_QUIET_MS - 500]);
    // Open again once the quiet time is over.
    await gate.ready();
    expect(c.slept).toHaveLength(1);
  });

  it('a page opening while held extends the hold', async () => {
    const c = clock();
    let reopen = true;
    const gate = createPageGate(
      () => c.now,
      2_000,
      async (ms) => {
        c.slept.push(ms);
        c.now += ms / 2;
        // A second page opens half-way through the first hold.
        if (reopen) gate.opened();
        reopen = false;
        c.now += ms / 2;
      },
    );
    gate.opened();
    await gate.ready();
    expect(c.slept).toEqual([2_000, 1_000]);
  });

  it('stops the step in progress, once, and no step that already ended', () => {
    const c = clock();
    const gate = createPageGate(() => c.now, PAGE_QUIET_MS, c.sleep);
    let stops = 0;
    gate.running(() => stops++);
    gate.opened();
    gate.opened();
    expect(stops).toBe(1);
    gate.running(() => stops++);
    gate.running(null);
    gate.opened();
    expect(stops).toBe(1);
  });
});
