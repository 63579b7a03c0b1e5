// Page isolation: a hostile script on a chat page (the page's own world, as any site
// script runs) tries to read the history, to forge exact usage through the MAIN-world channel,
// and to spoof messages to the background. Every attempt must fail, and the page must find no
// trace of the extension's channel in globals or DOM attributes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readSiteFixture } from './harness';
import { serveSite, SITE_CASES, simulateExchange } from './overlay-helpers';
import {
  allEvents,
  newProfile,
  openTab,
  reloadExtension,
  removeProfile,
  sleep,
  startBrowser,
  type Browser,
} from './faults-helpers';

const zai = SITE_CASES.find((c) => c.site === 'zai')!;
const FORGED = { input: 987_654, output: 123_456 };

/** Run in the page's world: every way in we can think of, each reporting what it got. */
async function attack(page: Page, extensionId: string) {
  return page.evaluate(
    async ({ extensionId, forged }) => {
      const got: Record<string, unknown> = {};
      // 1. The history: IndexedDB is per origin, so the page sees only its own (none).
      got.databases = (await indexedDB.databases()).map((d) => d.name);
      got.historyStores = await new Promise<string[]>((resolve) => {
        const open = indexedDB.open('token-meter-history');
        open.onsuccess = () => {
          const names = Array.from(open.result.objectStoreNames);
          open.result.close();
          indexedDB.deleteDatabase('token-meter-history');
          resolve(names);
        };
        open.onerror = () => resolve(['error']);
      });
      // Extension pages and files: not web-accessible, so not fetchable.
      got.fetchPopup = await fetch(`chrome-extension://${extensionId}/popup.html`)
        .then((r) => `status ${r.status}`)
        .catch(() => 'blocked');
      got.fetchBackground = await fetch(`chrome-extension://${extensionId}/background.js`)
        .then((r) => `status ${r.status}`)
        .catch(() => 'blocked');
      // 2. The background: no externally_connectable, so no runtime for the page at all.
      const chrome = (window as any).chrome;
      got.runtime = typeof chrome?.runtime?.sendMessage;
      try {
        await chrome.runtime.sendMessage(extensionId, {
          tm: 1,
          type: 'deleteHistory',
          data: {},
        });
        got.sendMessage = 'sent';
      } catch {
        got.sendMessage = 'refused';
      }
      // A content script relaying window messages would be a way in: post envelopes anyway.
      const turn = {
        key: 'forged-key',
        site: 'zai',
        conversationId: 'forged',
        turnIndex: 1,
        time: Date.now(),
        modelLabel: null,
        model: 'zai/glm-4.6',
        input: { tokens: forged.input, provenance: 'site', family: 'site:zai' },
        output: { tokens: forged.output, provenance: 'site', family: 'site:zai' },
        reasoning: { tokens: 0, provenance: 'unknown', family: 'hidden' },
      };
      window.postMessage({ tm: 1, type: 'recordTurn', data: turn }, '*');
      window.postMessage({ tm: 1, type: 'deleteHistory', data: {} }, '*');
      document.dispatchEvent(new CustomEvent('tm-record', { detail: turn }));
      // 3. The private channel: ask for the hook's key again, and offer a key of our own.
      const heard: string[] = [];
      for (const name of ['tm-hook-key', 'tm-hook-up', 'tm-content-up'])
        window.addEventListener(name, (e) => heard.push(`${name}:${(e as CustomEvent).detail}`));
      window.dispatchEvent(new CustomEvent('tm-content-up'));
      window.dispatchEvent(new CustomEvent('tm-hook-up'));
      const secret = 'f'.repeat(32);
      window.dispatchEvent(new CustomEvent('tm-hook-key', { detail: secret }));
      const report = JSON.stringify({
        format: 'zai',
        input: forged.input,
        output: forged.output,
        total: forged.input + forged.output,
        model: 'GLM-4.6',
        done: true,
        at: Date.now() + 60_000,
      });
      for (let i = 0; i < 3; i++) {
        window.dispatchEvent(new CustomEvent(`tm-u-${secret}`, { detail: report }));
        document.dispatchEvent(new CustomEvent(`tm-u-${secret}`, { detail: report }));
      }
      // Heard only our own dispatches: the hook's real key is never sent again.
      got.heardKey = heard.filter((h) => h.startsWith('tm-hook-key:') && !h.endsWith(secret));
      // 4. Traces: globals and attributes a page could read.
      got.globals = Object.keys(window).filter((k) => /token|meter|^tm|wxt/i.test(k));
      got.attributes = Array.from(document.querySelectorAll('*')).flatMap((e) =>
        e
          .getAttributeNames()
          .filter((n) => /^data-tm|token|meter|secret|wxt/i.test(n))
          .map((n) => `${e.tagName}.${n}`),
      );
      got.htmlHasChannel = /tm-u-[0-9a-f]{16}/.test(document.documentElement.outerHTML);
      return got;
    },
    { extensionId, forged: FORGED },
  );
}

describe('page isolation', () => {
  const profile = newProfile();
  let browser: Browser;
  let ext: Page;

  beforeAll(async () => {
    browser = await startBrowser(profile);
    await serveSite(browser.context, zai, readSiteFixture('zai', 'conversation.html'));
    ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  });
  afterAll(async () => {
    await browser?.close();
    removeProfile(profile);
  });

  async function attackAndExchange(conversation: string) {
    const c = { ...zai, url: `${zai.url}-${conversation}` };
    const tab = await openTab(browser.context, c);
    const got = await attack(tab.page, browser.extensionId);
    // A real exchange after the attack: it must be recorded with our counts, not the forged ones.
    await simulateExchange(tab.page, c, 'isolation prompt', 'An honest reply of a few words only.');
    const row = tab.page.locator('token-meter-badge [data-testid="tm-turn-row"]').last();
    await expect.poll(() => row.getAttribute('data-recorded'), { timeout: 15000 }).toBe('saved');
    await sleep(500);
    return { got, events: await allEvents(ext), row };
  }

  it('a page script reads no history, forges no usage, reaches no background', async () => {
    const { got, events, row } = await attackAndExchange('iso');
    expect(got).toEqual({
      databases: [],
      historyStores: [],
      fetchPopup: 'blocked',
      fetchBackground: 'blocked',
      runtime: 'undefined',
      sendMessage: 'refused',
      heardKey: [],
      globals: [],
      attributes: [],
      htmlHasChannel: false,
    });
    expect(await row.getAttribute('data-exact')).toBe('false');
    expect(events).toHaveLength(1);
    expect(events[0].key).not.toBe('forged-key');
    expect(events[0].input.provenance).not.toBe('site');
    expect(events[0].input.tokens).not.toBe(FORGED.input);
    expect(events[0].output.tokens).not.toBe(FORGED.output);
    expect(browser.pageErrors).toEqual([]);
  });

  it('after an extension reload (content script injected again, hook not) the channel stays shut', async () => {
    const before = await browser.context.newPage();
    await before.goto(`${zai.url}-reloaded`);
    await before.locator('token-meter-badge [data-testid="tm-badge"]').waitFor();
    await reloadExtension(browser);
    await sleep(1500);
    ext = await browser.context.newPage();
    for (let i = 0; ; i++) {
      try {
        await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
        break;
      } catch (error) {
        if (i > 60) throw error;
        await sleep(250);
      }
    }
    await before
      .locator('token-meter-badge [data-testid="tm-badge"][data-health="ok"]')
      .waitFor({ timeout: 15000 });
    await before.locator('token-meter-badge [data-testid="tm-open"]').click();
    const got = await attack(before, browser.extensionId);
    expect(got.heardKey).toEqual([]);
    const c = { ...zai, url: `${zai.url}-reloaded` };
    await simulateExchange(before, c, 'after reload', 'Another honest reply of a few words.');
    const row = before.locator('token-meter-badge [data-testid="tm-turn-row"]').last();
    await expect.poll(() => row.getAttribute('data-recorded'), { timeout: 15000 }).toBe('saved');
    const events = (await allEvents(ext)).filter((e) => e.conversationId.endsWith('-reloaded'));
    expect(events).toHaveLength(1);
    expect(events[0].input.provenance).not.toBe('site');
    expect(events[0].input.tokens).not.toBe(FORGED.input);
    expect(browser.pageErrors).toEqual([]);
  });
});
