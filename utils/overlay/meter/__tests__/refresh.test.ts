// One refresh at a time: asks that arrive while one runs cause exactly one more run.
import { describe, expect, it } from 'vitest';
import { coalescedRefresh } from '@/utils/overlay/meter/refresh';

function gated() {
  let runs = 0;
  const gates: (() => void)[] = [];
  const work = async () => {
    runs++;
    await new Promise<void>((r) => gates.push(r));
  };
  const openAll = async () => {
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { work, gates, openAll, runs: () => runs };
}

describe('coalescedRefresh', () => {
  it('runs once more after the running one, however many asks came meanwhile', async () => {
    const g = gated();
    const refresh = coalescedRefresh(g.work, () => false);
    const first = refresh();
    await Promise.all([refresh(), refresh(), refresh()]); // settle at once
    expect(g.runs()).toBe(1);
    await g.openAll();
    await first;
    expect(g.runs()).toBe(2);
  });

  it('does not run again once stopped, and can run again after finishing', async () => {
    const g = gated();
    let stopped = false;
    const refresh = coalescedRefresh(g.work, () => stopped);
    const first = refresh();
    void refresh();
    stopped = true;
    await g.openAll();
    await first;
    expect(g.runs()).toBe(1);
    stopped = false;
    const again = refresh();
    await g.openAll();
    await again;
    expect(g.runs()).toBe(2);
  });
});
