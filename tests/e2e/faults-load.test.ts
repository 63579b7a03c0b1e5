// Fault suite, part 3: load. Ten tabs on ten different chat sites stream long replies
// at once, turn after turn, for FAULTS_LOAD_SECONDS (20 s in the test run to keep CI short; the
// bench, scripts/bench/faults.bench.ts, runs the full 2 minutes). Every turn must be
// recorded exactly once, and the worker's heap must not grow with the number of turns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOAD_CASES,
  newProfile,
  removeProfile,
  runLoad,
  startBrowser,
  type Browser,
} from './faults-helpers';

const SECONDS = Number(process.env.FAULTS_LOAD_SECONDS ?? 20);

describe('faults: load', () => {
  const profile = newProfile();
  let browser: Browser;

  beforeAll(async () => {
    browser = await startBrowser(profile);
  });
  afterAll(async () => {
    await browser?.close();
    removeProfile(profile);
  });

  it(`10 tabs streaming long replies for ${SECONDS} s: every turn recorded once`, async () => {
    expect(new Set(LOAD_CASES.map((c) => c.site)).size).toBe(10);
    const figures = await runLoad(browser, LOAD_CASES, SECONDS);
    const mb = (b: number) => (b / 1048576).toFixed(2);
    console.log(
      `[faults] load: ${figures.tabs} tabs, ${figures.seconds.toFixed(0)} s, turns produced ${figures.turns.produced}, stored ${figures.turns.stored}, lost ${figures.turns.lost.length}, doubled ${figures.turns.doubled.length}; worker heap ${figures.heap.map(mb).join(' → ')} MB; longest page task ${figures.longestTaskMs.toFixed(0)} ms (${figures.longTasksOver50} over 50 ms)`,
    );
    expect(figures.turns.produced).toBeGreaterThanOrEqual(10);
    expect(figures.turns.lost).toEqual([]);
    expect(figures.turns.doubled).toEqual([]);
    expect(figures.turns.unexpected).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    // Flat: within 2 MB of the first sample (the bench holds the 2-minute run to 1 MB).
    expect(figures.heap.at(-1)! - figures.heap[0]).toBeLessThan(2 * 1048576);
  }, 600_000);
});
