/**
 * Firefox e2e harness: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (Playwright
 * needs its own patched Firefox). The extension (.output/firefox-mv3) is installed as a temporary
 * add-on with a fixed moz-extension UUID (pref `extensions.webextensions.uuids`).
 * Pitfalls handled here: `page.goto` to a moz-extension:// page never resolves (no load event), so
 * it is started without waiting and the page's URL and readyState are awaited instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ROOT } from './harness';

export const FIREFOX_DIR = join(ROOT, '.output', 'firefox-mv3');
const UUID = '5f2d3c1e-7a8b-4c9d-9e0f-1a2b3c4d5e6f';
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`;

export function findFirefox(): string | null {
  const candidates = [
    process.env.FIREFOX_PATH,
    '/usr/lib/firefox-esr/firefox-esr',
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
  ];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export interface FirefoxSession {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchFirefox(locale = 'en-US'): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath)
    throw new Error('firefox-esr is not installed (apt-get install firefox-esr)');
  const geckoId = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8'))
    .browser_specific_settings.gecko.id as string;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }),
      'intl.locale.requested': locale,
      'intl.accept_languages': locale,
    },
  });
  await browser.installExtension(FIREFOX_DIR);
  return { browser, close: () => browser.close() };
}

/** Open an extension page (popup.html, options.html…) in a new tab and wait until it is loaded. */
export async function openFirefoxExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${EXTENSION_ORIGIN}/${path}`;
  void page.goto(url).catch(() => undefined);
  // Polled from here: waitForFunction fails while the tab is between realms (BiDi).
  await until(
    () => page.evaluate(() => [location.href, document.readyState]),
    ([href, state]) => href === url && state === 'complete',
    20_000,
  );
  return page;
}

/** Poll `fn` until it returns a value `ok` accepts (or throw with the last value seen). */
export async function until<T>(
  fn: () => Promise<T>,
  ok: (value: T) => boolean,
  timeout = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch {
      // the element is not there yet
    }
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** An attribute of an element inside the overlay's shadow root (null when absent). */
export function badgeAttr(page: Page, testId: string, name: string): Promise<string | null> {
  return page
    .$(`token-meter-badge >>> [data-testid="${testId}"]`)
    .then((el) => (el ? el.evaluate((e, n) => e.getAttribute(n), name) : null));
}

/** History rows of a site, read from the extension's IndexedDB in an extension page. */
export function firefoxStoredEvents(ext: Page, site: string): Promise<any[]> {
  return ext.evaluate(
    (site: string) =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('token-meter-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) return resolve([]);
          const all = db.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => resolve((all.result as any[]).filter((e) => e.site === site));
          all.onerror = () => reject(all.error);
        };
      }),
    site,
  );
}
