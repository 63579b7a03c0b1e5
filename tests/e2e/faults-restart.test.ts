// Fault suite, part 2: the extension reloaded under open chat tabs, and the browser
// closed and started again on the same profile (once with a reply still streaming). Every reply
// the fixture pages completed is in the history exactly once; the reply cut off by the browser
// closing is not stored at all; no host page sees an error from the extension.
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SITE_CASES, type SiteCase } from './overlay-helpers';
import {
  allEvents,
  checkLedger,
  exchange,
  newProfile,
  openTab,
  reloadExtension,
  removeProfile,
  replyText,
  serveCases,
  settled,
  sleep,
  startBrowser,
  type Browser,
  type Tab,
} from './faults-helpers';
import { simulateExchange } from './overlay-helpers';

const SITES = ['chatgpt', 'claude', 'gemini'];

/** The same site in another conversation (a reload resets a fixture page to its first turns). */
function conversation(site: string, suffix: string): SiteCase {
  const c = SITE_CASES.find((s) => s.site === site)!;
  return { ...c, url: `${c.url}-${suffix}` };
}

/** An extension page (retried: just after a reload the extension is briefly not there). */
async function extensionPage(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      await page.goto(`chrome-extension://${id}/popup.html`);
      return page;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

describe('faults: extension reload and browser restart', () => {
  const profile = newProfile();
  let browser: Browser | undefined;
  const tabs: Tab[] = [];

  afterAll(async () => {
    await browser?.close();
    removeProfile(profile);
  });

  it('an extension reload under open tabs loses and doubles nothing', async () => {
    browser = await startBrowser(profile);
    await serveCases(browser.context, SITE_CASES);
    const before: Tab[] = [];
    for (const site of SITES) before.push(await openTab(browser.context, conversation(site, 'a')));
    await Promise.all(before.map((tab, i) => exchange(tab, `before-reload-${i}`, 24)));
    await Promise.all(before.map((tab) => settled(tab)));
    tabs.push(...before);

    // Reload while the open tabs keep their (now orphaned) content scripts.
    await reloadExtension(browser);
    const fresh = await extensionPage(browser.context, browser.extensionId);
    await expect
      .poll(
        () =>
          fresh
            .evaluate(() =>
              (globalThis as any).chrome.runtime.sendMessage({
                tm: 1,
                type: 'ping',
                data: { from: 'faults' },
              }),
            )
            .then((r: any) => r?.ok === true)
            .catch(() => false),
        { timeout: 15000 },
      )
      .toBe(true);

    // A reply produced in a tab opened before the reload (its content script injected anew).
    await Promise.all(before.map((tab, i) => exchange(tab, `orphaned-${i}`, 24)));
    await sleep(3000);
    // The new content script took over: one badge per tab, the orphan's removed.
    for (const tab of before) expect(await tab.page.locator('token-meter-badge').count()).toBe(1);

    // New conversations after the reload are counted as before.
    const after: Tab[] = [];
    for (const site of SITES) after.push(await openTab(browser.context, conversation(site, 'b')));
    await Promise.all(after.map((tab, i) => exchange(tab, `after-reload-${i}`, 24)));
    await Promise.all(after.map((tab) => settled(tab)));
    tabs.push(...after);

    const check = checkLedger(tabs, await allEvents(fresh));
    console.log(
      `[faults] extension reload: turns produced ${check.produced}, stored ${check.stored}, lost ${check.lost.length}, doubled ${check.doubled.length}`,
    );
    expect(check.lost).toEqual([]);
    expect(check.doubled).toEqual([]);
    expect(check.unexpected).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('a browser restart on the same profile (one reply cut off) loses and doubles nothing', async () => {
    browser ??= await startBrowser(profile);
    const context = browser.context;
    const more: Tab[] = [];
    for (const site of SITES) more.push(await openTab(context, conversation(site, 'c')));
    await Promise.all(more.map((tab, i) => exchange(tab, `before-restart-${i}`, 24)));
    await Promise.all(more.map((tab) => settled(tab)));
    tabs.push(...more);
    // A reply still streaming when the browser closes: never completed, so never stored.
    const cut = await openTab(context, conversation('chatgpt', 'cut'));
    void simulateExchange(cut.page, cut.c, 'cut prompt', replyText('cut-off', 200)).catch(
      () => undefined,
    );
    await sleep(1500);
    await browser.close();

    browser = await startBrowser(profile);
    await serveCases(browser.context, SITE_CASES);
    const again: Tab[] = [];
    for (const site of SITES) again.push(await openTab(browser.context, conversation(site, 'd')));
    await Promise.all(again.map((tab, i) => exchange(tab, `after-restart-${i}`, 24)));
    await Promise.all(again.map((tab) => settled(tab)));
    tabs.push(...again);

    const ext = await extensionPage(browser.context, browser.extensionId);
    const events = await allEvents(ext);
    const check = checkLedger(tabs, events);
    console.log(
      `[faults] browser restart: turns produced ${check.produced}, stored ${check.stored}, lost ${check.lost.length}, doubled ${check.doubled.length}`,
    );
    expect(check.lost).toEqual([]);
    expect(check.doubled).toEqual([]);
    expect(check.unexpected).toEqual([]);
    expect(events.filter((e) => e.conversationId.endsWith('-cut'))).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
