// @vitest-environment happy-dom
// The runner on a long page (the target: no page long task over 50 ms): many new turns are read in
// slices with the page running in between, every turn still ends up in the snapshot in order,
// changes made while it reads are not lost, and an unchanged turn is handed over as the same
// object (so the meter skips it without comparing its text).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import demo from '@/utils/sites/demo/adapter';
import { startRunner } from '@/utils/overlay/runner';
import type { Snapshot } from '@/utils/overlay/types';

function page(turns: number, words = 40) {
  const text = (i: number) => `turn ${i} ${'lorem ipsum 中文 '.repeat(words)}`;
  document.body.innerHTML = `<main id="thread">${Array.from(
    { length: turns },
    (_, i) =>
      `<div class="turn" data-role="${i % 2 ? 'assistant' : 'user'}"><p>${text(i)}</p><p>more</p></div>`,
  ).join('')}</main><textarea id="composer"></textarea>`;
}

let controller: AbortController;
let snapshots: Snapshot[];

beforeEach(() => {
  history.replaceState(null, '', '/?c=long');
  controller = new AbortController();
  snapshots = [];
});
afterEach(() => {
  controller.abort();
  vi.restoreAllMocks();
});

function run() {
  return startRunner({
    adapter: demo,
    doc: document,
    signal: controller.signal,
    onSnapshot: (s) => snapshots.push(s),
    debounceMs: 20,
    maxWaitMs: 60,
  });
}

describe('runner on a long page', () => {
  it('reads 3,000 new turns in slices, all of them in order, and yields between slices', async () => {
    page(3000);
    // A slow clock: every read looks 1 ms long, so a slice holds about 8 turns.
    let fake = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fake += 1));
    const runner = run();
    expect(snapshots).toHaveLength(0); // not read in one go
    await vi.waitFor(() => expect(snapshots).toHaveLength(1), { timeout: 10000 });
    const turns = snapshots[0].turns;
    expect(turns).toHaveLength(3000);
    expect(turns.map((t) => t.text.split(' ')[1])).toEqual(
      Array.from({ length: 3000 }, (_, i) => String(i)),
    );
    expect(runner.stats.turnReads).toBe(3000);
  });

  it('a small page is still read at once, synchronously', () => {
    page(20, 3);
    // A fixed clock (every read looks 0.1 ms long), so a busy machine cannot make the read look
    // long enough to be sliced.
    let fake = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fake += 0.1));
    run();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0].turns).toHaveLength(20);
  });

  it('a change made while the runner reads is read by a follow-up snapshot', async () => {
    page(600);
    let fake = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fake += 1));
    run();
    // While the first read is under way (sliced), the first turn changes.
    const first = document.querySelector('.turn p')!;
    first.textContent = 'edited while reading';
    await vi.waitFor(
      () => expect(snapshots.at(-1)?.turns[0].text).toMatch(/^edited while reading/),
      { timeout: 10000 },
    );
    expect(snapshots.at(-1)!.turns).toHaveLength(600);
  });

  it('hands over unchanged turns as the same objects, and only the changed one anew', async () => {
    page(200);
    const runner = run();
    await vi.waitFor(() => expect(snapshots).toHaveLength(1));
    const before = snapshots[0].turns;
    const reads = runner.stats.turnReads;
    document.querySelectorAll('.turn p')[199 * 2].textContent = 'the last reply grew';
    await vi.waitFor(() => expect(snapshots.at(-1)!.turns[199].text).toMatch(/^the last/));
    const after = snapshots.at(-1)!.turns;
    expect(after).not.toBe(before);
    expect(after.slice(0, 199).every((t, i) => t === before[i])).toBe(true);
    expect(after[199]).not.toBe(before[199]);
    expect(after[199].text).toMatch(/^the last reply grew/);
    expect(runner.stats.turnReads).toBe(reads + 1);
  });
});
