// The core flows in Firefox (firefox-esr, MV3 build, puppeteer-core over WebDriver BiDi): the
// badge on the demo page and on site fixtures served under their real URLs, a reply recorded
// once, the popup's numbers, the options page (language switch, export and import), the compare
// page, and Claude's own stream read through the hook's tee (the page's bytes untouched). Chromium
// runs the same flows in much more depth (the other e2e files); this file proves
// the Firefox build works end to end.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/sites';
import { buildExportJson } from '@/utils/db/transfer';
import { generateEvents } from '@/utils/db/__tests__/generate';
import { demoServer, readSiteFixture } from './harness';
import { SITE_CASES } from './overlay-helpers';
import {
  badgeAttr,
  firefoxStoredEvents,
  launchFirefox,
  openFirefoxExtensionPage,
  until,
  type FirefoxSession,
} from './firefox-harness';

/** Three sites from three labs, with their fixtures answered under their real URLs. */
const SITES = ['chatgpt', 'deepseek', 'claude'];
const NOW = Date.UTC(2026, 0, 15, 12);
const IMPORTED = generateEvents(50, { end: NOW, days: 20, seed: 17 });

describe('Firefox', () => {
  let session: FirefoxSession;
  let demo: { url: string; close(): void };
  let ext: Page;

  beforeAll(async () => {
    demo = await demoServer();
    session = await launchFirefox();
    ext = await openFirefoxExtensionPage(session.browser, 'popup.html');
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    demo?.close();
  });

  it('shows the badge on the demo page and records a reply once', async () => {
    const page = await session.browser.newPage();
    await page.goto(demo.url);
    await until(
      () => badgeAttr(page, 'tm-badge', 'data-health'),
      (h) => h === 'ok',
    );
    await page.type('#composer', 'How many tokens is this draft in Firefox?');
    await until(
      () => badgeAttr(page, 'tm-draft-tokens', 'data-tokens'),
      (n) => Number(n) > 5,
    );
    await page.click('#send');
    const events = await until(
      () => firefoxStoredEvents(ext, 'demo'),
      (e) => e.length === 1,
      20_000,
    );
    expect(events[0]).toMatchObject({ site: 'demo' });
    // Still once after the page reloads and replays its turns.
    await page.reload();
    await until(
      () => badgeAttr(page, 'tm-badge', 'data-health'),
      (h) => h === 'ok',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await firefoxStoredEvents(ext, 'demo')).toHaveLength(1);
    await page.close();
  });

  it.each(SITES)('shows the badge on %s served under its real URL', async (site) => {
    const c = SITE_CASES.find((s) => s.site === site)!;
    const html = readSiteFixture(site, 'conversation.html');
    const page = await session.browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (new URL(request.url()).origin === new URL(c.url).origin) {
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      } else void request.abort();
    });
    await page.goto(c.url);
    await until(
      () => badgeAttr(page, 'tm-badge', 'data-health'),
      (h) => h === 'ok',
    );
    const composer = getAdapter(site)!.selectors.composer.join(', ');
    await page.click(composer);
    await page.keyboard.type('Count this in Firefox, please.');
    await until(
      () => badgeAttr(page, 'tm-model', 'data-model'),
      (m) => !!m && m.includes('/'),
    );
    await until(
      () => badgeAttr(page, 'tm-draft-tokens', 'data-tokens'),
      (n) => Number(n) > 3,
    );
    await page.close();
  });

  it("shows the popup's numbers for the recorded reply", async () => {
    const popup = await openFirefoxExtensionPage(session.browser, 'popup.html');
    const events = await until(
      () => popup.$eval('[data-testid="total-week"]', (e) => e.getAttribute('data-events')),
      (n) => n === '1',
    );
    expect(events).toBe('1');
    expect(
      await popup.$eval('[data-testid="total-week"]', (e) => e.getAttribute('data-micro-usd')),
    ).toMatch(/^\d+$/);
    await popup.close();
  });

  it('options: switches the UI to Chinese and back; exports and imports the history', async () => {
    const options = await openFirefoxExtensionPage(session.browser, 'options.html');
    await until(
      () => options.$('[data-testid="language"]'),
      (e) => e !== null,
    );
    await options.select('[data-testid="language"]', 'zh-CN');
    await until(
      () => options.$eval('h1', (h) => h.textContent),
      (text) => text === 'Token Meter 设置',
    );
    expect(await options.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await options.select('[data-testid="language"]', 'en');
    await until(
      () => options.$eval('h1', (h) => h.textContent),
      (text) => text === 'Token Meter options',
    );
    // Export: the JSON the page builds (the download itself is the browser's).
    await options.click('[data-testid="export-json"]');
    await until(
      () => options.$eval('[data-testid="export-status"]', (e) => e.textContent),
      (t) => /Exported \d+ turns as JSON/.test(t ?? ''),
    );
    // Import a file of 50 turns (the export format), then the same file again: all skipped.
    const file = tempFile('import.json', buildExportJson(IMPORTED, [], NOW));
    await fileInput(options).then((input) => input.uploadFile(file));
    await until(
      () => options.$eval('[data-testid="import-status"]', (e) => e.textContent),
      (t) => /Imported 50 turns; 0 already stored/.test(t ?? ''),
      30_000,
    );
    // A fresh page (reload waits for a load event moz-extension pages never fire).
    await options.close();
    const again = await openFirefoxExtensionPage(session.browser, 'options.html');
    await fileInput(again).then((input) => input.uploadFile(file));
    await until(
      () => again.$eval('[data-testid="import-status"]', (e) => e.textContent),
      (t) => /Imported 0 turns; 50 already stored were skipped/.test(t ?? ''),
      30_000,
    );
    await again.close();
  });

  it('compare: counts a pasted prompt on several models', async () => {
    const compare = await openFirefoxExtensionPage(session.browser, 'compare.html');
    await until(
      () => compare.$('[data-testid="compare-text"]'),
      (e) => e !== null,
    );
    await compare.type('[data-testid="compare-text"]', 'Which of these models is cheapest?');
    const rows = await until(
      () =>
        compare.$$eval(
          '[data-testid="compare-row"]',
          (r) => r.filter((row) => row.getAttribute('data-tokens')).length,
        ),
      (n) => n >= 3,
      30_000,
    );
    expect(rows).toBeGreaterThanOrEqual(3);
    await compare.close();
  });

  it("reads Claude's own stream through the hook's tee: the page's bytes and Response intact", async () => {
    const c = SITE_CASES.find((s) => s.site === 'claude')!;
    const html = readSiteFixture('claude', 'conversation.html');
    const body = readSiteFixture('claude', 'capture.txt');
    const path = '/api/organizations/0dd1bb7c/chat_conversations/e54d5956/completion';
    const page = await session.browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== new URL(c.url).origin) return void request.abort();
      if (url.pathname === path)
        return void request.respond({ status: 200, contentType: 'text/event-stream', body });
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
    await page.goto(c.url);
    await until(
      () => badgeAttr(page, 'tm-badge', 'data-health'),
      (h) => h === 'ok',
    );
    const seen = await page.evaluate(async (path: string) => {
      const response = await fetch(path, { method: 'POST', body: '{}' });
      const view = (r: Response) => [r instanceof Response, r.url, r.type, r.status, r.ok];
      return {
        views: [view(response), view(response.clone())],
        // The hook's tee is in effect (its Response carries the original's url as its own).
        teed: Object.getOwnPropertyNames(response).includes('url'),
        text: await response.text(),
        // A second request, read with a BYOB reader into 1,000-byte buffers (a byte stream's).
        byob: await fetch(path, { method: 'POST', body: '{}' }).then(async (r) => {
          const reader = r.body!.getReader({ mode: 'byob' });
          const decoder = new TextDecoder();
          let text = '';
          for (;;) {
            const { done, value } = await reader.read(new Uint8Array(1000));
            if (done) return text + decoder.decode();
            text += decoder.decode(value, { stream: true });
          }
        }),
      };
    }, path);
    expect(seen.text === body, 'the page got the body byte-identical').toBe(true);
    expect(seen.byob === body, 'a BYOB reader got it byte-identical').toBe(true);
    const looks = [true, new URL(path, c.url).href, 'basic', 200, true];
    expect(seen.views).toEqual([looks, looks]);
    expect(seen.teed).toBe(true);
    // The hook read the stream: Claude's quota windows reach the extension's storage.
    const quotas = await until(
      () =>
        ext.evaluate(() =>
          (globalThis as any).browser.storage.local
            .get('siteQuotas')
            .then((r: any) => r.siteQuotas?.claude?.limits ?? null),
        ),
      (limits) => Array.isArray(limits) && limits.length === 2,
    );
    expect(quotas[0]).toEqual({ window: '5h', used: 0.02, resetsAt: '2026-08-08T07:10:00.000Z' });
    await page.close();
  });
});

/** The options page's import field (puppeteer types it as a plain element). */
async function fileInput(page: Page): Promise<ElementHandle<HTMLInputElement>> {
  const input = await until(
    () => page.$('[data-testid="import-file"]'),
    (e) => e !== null,
  );
  return input as ElementHandle<HTMLInputElement>;
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tm-ff-')), name);
  writeFileSync(path, text);
  return path;
}
