// Fault suite, part 1: the MV3 service worker is terminated 50 times while chat tabs
// produce turns: half while replies stream (counting and recording messages in flight), half
// between turns. Every reply the fixture pages completed must be in the history exactly once,
// and nothing else. FAULTS_WORKER_STOPS changes the number of terminations (default 50).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SITE_CASES } from './overlay-helpers';
import {
  allEvents,
  checkLedger,
  controlSession,
  exchange,
  newProfile,
  openTab,
  removeProfile,
  serveCases,
  settled,
  sleep,
  startBrowser,
  type Browser,
  type Tab,
  type WorkerControl,
} from './faults-helpers';

const STOPS = Number(process.env.FAULTS_WORKER_STOPS ?? 50);
const SITES = ['chatgpt', 'claude', 'deepseek', 'zai'];
const AFTER_STREAM_MS = [0, 600, 1150, 1250, 1350, 1500, 1800, 2500];

describe('faults: service-worker termination', () => {
  let browser: Browser;
  let ext: Page;
  let control: WorkerControl;
  const profile = newProfile();

  beforeAll(async () => {
    browser = await startBrowser(profile);
    await serveCases(browser.context, SITE_CASES);
    ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    control = await controlSession(browser, ext);
  });
  afterAll(async () => {
    await browser?.close();
    removeProfile(profile);
  });

  it(`${STOPS} terminations mid-stream and between turns: every turn stored once`, async () => {
    const tabs: Tab[] = [];
    for (const site of SITES)
      tabs.push(
        await openTab(
          browser.context,
          SITE_CASES.find((c) => c.site === site)!,
        ),
      );
    let round = 0;
    while (control.stops < STOPS) {
      round++;
      // Mid-stream: every tab's reply is growing (its counts are on their way to the worker).
      await Promise.all(
        tabs.map((tab, i) =>
          exchange(
            tab,
            `r${round}t${i}`,
            18,
            i === 0 ? () => sleep(450).then(() => control.stop()) : undefined,
          ),
        ),
      );
      if (control.stops >= STOPS) break;
      // Between turns: the replies stopped growing; the worker dies while they settle, while
      // their recordTurn messages are in flight, or after they were stored (the delay cycles
      // over the meter's 1.2 s settle time).
      await sleep(AFTER_STREAM_MS[round % AFTER_STREAM_MS.length]);
      await control.stop();
      await Promise.all(tabs.map((tab) => settled(tab)));
    }
    await Promise.all(tabs.map((tab) => settled(tab, 20000)));
    const check = checkLedger(tabs, await allEvents(ext));
    console.log(
      `[faults] worker stops: ${control.stops}; turns produced: ${check.produced}; stored: ${check.stored}; lost: ${check.lost.length}; doubled: ${check.doubled.length}`,
    );
    expect(control.stops).toBe(STOPS);
    expect(check.lost).toEqual([]);
    expect(check.doubled).toEqual([]);
    expect(check.unexpected).toEqual([]);
    expect(check.produced).toBe(round * tabs.length);
    expect(browser.pageErrors).toEqual([]);
  }, 300_000);
});
