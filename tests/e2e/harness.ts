/**
 * E2E harness: Debian Chromium + the built extension through playwright-core.
 * - `launch()` loads `.output/chrome-mv3` and finds the extension id from its service worker;
 * - `routeFixture()` answers a real site URL with a fixture page so content scripts match their
 *   real patterns (`https://chatgpt.com/**` etc.) without touching the network;
 * - `openExtensionPage()` opens the popup or any extension page by id;
 * - `shot()` saves a screenshot under docs/ (the README and the docs pages show them);
 * - every page's console is kept, and printed with a screenshot path when a test fails.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { onTestFailed } from 'vitest';
// @ts-expect-error: plain ESM helper shared with scripts/start.mjs
import { findChromium, INSTALL_HINT, extensionArgs } from '../../scripts/chromium.mjs';
// @ts-expect-error: plain ESM helper shared with scripts/start.mjs
import { startDemoServer } from '../../scripts/demo-server.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const DOCS_DIR = join(ROOT, 'docs');
const ARTIFACTS_DIR = join(ROOT, 'test-results');

export interface Session {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  consoleLines: string[];
  close(): Promise<void>;
}

export async function launch(extensionDir = EXTENSION_DIR): Promise<Session> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const profile = mkdtempSync(join(tmpdir(), 'tm-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...extensionArgs(extensionDir), '--disable-gpu'],
  });
  const consoleLines: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${page.url()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${page.url()}: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  worker.on('console', (m) => consoleLines.push(`[worker ${m.type()}] ${m.text()}`));
  const extensionId = new URL(worker.url()).host;
  await closeWelcome(context, extensionId);
  const session: Session = {
    context,
    extensionId,
    worker,
    consoleLines,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}

/**
 * A first install opens the welcome page in a tab (utils/background/welcome.ts): wait for it and
 * close it, so a test that waits for a new tab gets its own. Its absence fails the launch.
 */
async function closeWelcome(context: BrowserContext, extensionId: string): Promise<void> {
  const url = `chrome-extension://${extensionId}/welcome.html`;
  const welcome =
    context.pages().find((p) => p.url() === url) ??
    (await context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 }));
  await welcome.close();
}

/** Print the console and a screenshot of `page` when the current test fails. */
export function reportOnFailure(session: Session, page: () => Page | undefined, name: string) {
  onTestFailed(async () => {
    const current = page();
    let shotPath = '(no page)';
    if (current && !current.isClosed()) {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      shotPath = join(ARTIFACTS_DIR, `${name}.png`);
      await current.screenshot({ path: shotPath }).catch(() => (shotPath = '(screenshot failed)'));
    }
    console.error(
      `\n--- e2e failure: ${name} ---\nscreenshot: ${shotPath}\nconsole:\n${session.consoleLines.join('\n') || '(empty)'}\n`,
    );
  });
}

export async function routeFixture(context: BrowserContext, urlGlob: string, html: string) {
  await context.route(urlGlob, (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
}

/** A fixture under tests/fixtures (pages that belong to no site, e.g. `any-field/page.html`). */
export function readFixture(...parts: string[]): string {
  return readFileSync(join(ROOT, 'tests', 'fixtures', ...parts), 'utf8');
}

/** A site's fixture: `utils/sites/<site>/fixtures/<name>`. */
export { readFixture as readSiteFixture } from '@/utils/sites/__tests__/expectations';

export async function openExtensionPage(session: Session, path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  return page;
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(DOCS_DIR, { recursive: true });
  const path = join(DOCS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export async function demoServer(): Promise<{ url: string; close(): void }> {
  return startDemoServer(0);
}
