/**
 * Helpers of the fault suite (tests/e2e/faults-*.test.ts) and its bench (scripts/bench/faults.bench.ts):
 * - a browser on a profile the caller keeps, so it can be closed and started again on it;
 * - service-worker termination through the DevTools protocol (`ServiceWorker.stopAllWorkers`),
 *   the same stop Chrome applies to an idle MV3 worker, checked to have happened;
 * - the worker's JS heap after a forced GC (a non-flat CDP session on the worker target, since
 *   Playwright opens CDP sessions on pages only);
 * - a ledger of the exchanges each fixture page produced, checked against the history database:
 *   every produced turn stored exactly once, nothing else stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
// @ts-expect-error: plain ESM helper shared with scripts/start.mjs
import { findChromium, INSTALL_HINT, extensionArgs } from '../../scripts/chromium.mjs';
import { getAdapter } from '@/utils/sites';
import { EXTENSION_DIR, readSiteFixture } from './harness';
import { serveSite, SITE_CASES, simulateExchange, type SiteCase } from './overlay-helpers';

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  /** Page errors of the host pages (the extension must never break a page). */
  pageErrors: string[];
  profile: string;
  close(): Promise<void>;
}

export function newProfile(): string {
  return mkdtempSync(join(tmpdir(), 'tm-faults-'));
}

export function removeProfile(profile: string): void {
  rmSync(profile, { recursive: true, force: true });
}

/** Start Chromium with the built extension on `profile` (kept when the browser closes). */
export async function startBrowser(
  profile: string,
  extensionDir = EXTENSION_DIR,
): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...extensionArgs(extensionDir), '--disable-gpu'],
  });
  const pageErrors: string[] = [];
  context.on('page', (page) =>
    page.on('pageerror', (e) => {
      const frames = (e.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at '));
      pageErrors.push(`${page.url()}: ${e.message.split('\n')[0]} ${frames.slice(0, 8).join(' ')}`);
    }),
  );
  return {
    context,
    extensionId: await findExtensionId(context),
    pageErrors,
    profile,
    close: () => context.close(),
  };
}

/**
 * The extension's id from its service-worker target. Asked of the DevTools protocol rather than
 * Playwright's `serviceworker` event, which a worker started before the listener never fires
 * (and which a restarted worker on the same profile does not fire again).
 */
async function findExtensionId(context: BrowserContext): Promise<string> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const sw = targetInfos.find(
        (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
      );
      if (sw) return new URL(sw.url).host;
      await sleep(100);
    }
    throw new Error('the extension did not start (no service worker target)');
  } finally {
    await cdp.detach();
  }
}

/**
 * Reload the extension the way its own code would (`runtime.reload()`), e.g. on an update.
 * Developer mode is turned on first: without it Chromium re-enables no command-line-loaded
 * extension after a reload ("unsupportedDeveloperExtension"); a user loading an unpacked build
 * has it on, and a store install has no such restriction.
 */
export async function reloadExtension(browser: Browser): Promise<void> {
  const manager = await browser.context.newPage();
  await manager.goto('chrome://extensions');
  await manager.evaluate(() =>
    (globalThis as any).chrome.developerPrivate.updateProfileConfiguration({
      inDeveloperMode: true,
    }),
  );
  await manager.close();
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await page.evaluate(() => (globalThis as any).chrome.runtime.reload()).catch(() => undefined);
  await page.close().catch(() => undefined);
}

/** A DevTools session for worker control, opened on an extension page of `browser`. */
export async function controlSession(browser: Browser, page: Page): Promise<WorkerControl> {
  const cdp = await browser.context.newCDPSession(page);
  const status = new Map<string, string>();
  const observed = { stopped: 0 };
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (v.runningStatus === 'stopped' && status.get(v.versionId) !== 'stopped')
        observed.stopped++;
      status.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return new WorkerControl(cdp, observed);
}

export class WorkerControl {
  /** How many times the worker was stopped (each seen to stop). */
  stops = 0;
  constructor(
    readonly cdp: CDPSession,
    private readonly observed: { stopped: number },
  ) {}

  /** Terminate the extension's service worker now, as Chrome does to an idle one. */
  async stop(): Promise<void> {
    const before = this.observed.stopped;
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    // The worker may start again at once (a tab's next message): a "stopped" report suffices.
    const deadline = Date.now() + 5000;
    while (this.observed.stopped === before && Date.now() < deadline) await sleep(10);
    if (this.observed.stopped === before) throw new Error('the service worker did not stop');
    this.stops++;
  }

  /** The worker's used JS heap in bytes after a full GC (the worker is woken if stopped). */
  async workerHeap(): Promise<number> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    if (!target) throw new Error('no extension service worker target');
    const { sessionId } = await this.cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    let next = 0;
    const pending = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();
    const onMessage = (e: { sessionId?: string; message: string }) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
      if (m.id !== undefined) pending.get(m.id)?.(m);
    };
    this.cdp.on('Target.receivedMessageFromTarget', onMessage);
    const call = (method: string) =>
      new Promise<any>((resolve, reject) => {
        const id = ++next;
        pending.set(id, (m) =>
          m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result),
        );
        void this.cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params: {} }),
        });
      });
    try {
      await call('HeapProfiler.collectGarbage');
      const usage = await call('Runtime.getHeapUsage');
      return usage.usedSize as number;
    } finally {
      this.cdp.off('Target.receivedMessageFromTarget', onMessage);
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Tier-2 sites added to the 8 of SITE_CASES for the 10-tab load (selectors from the adapter). */
function adapterCase(site: string, url: string): SiteCase {
  const adapter = getAdapter(site)!;
  return { site, url, user: adapter.selectors.user[0], assistant: adapter.selectors.assistant[0] };
}

export const LOAD_CASES: SiteCase[] = [
  ...SITE_CASES,
  adapterCase('mistral', 'https://chat.mistral.ai/chat/0d9f7a2e-1111-4222-8333-444455556666'),
  adapterCase('stepfun', 'https://www.stepfun.com/chats/188812345'),
];

/** Answer every case's origin with its conversation fixture. */
export async function serveCases(context: BrowserContext, cases: readonly SiteCase[]) {
  for (const c of cases) await serveSite(context, c, readSiteFixture(c.site, 'conversation.html'));
}

/** Every history row, read straight from the extension's IndexedDB (an extension page). */
export async function allEvents(ext: Page): Promise<any[]> {
  return ext.evaluate(
    () =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('token-meter-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as any[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** A chat tab on one fixture site, and the exchanges it produced. */
export interface Tab {
  c: SiteCase;
  page: Page;
  /** Turn indexes of the replies this page completed, with the reply text. */
  produced: { turnIndex: number; reply: string }[];
}

export async function openTab(context: BrowserContext, c: SiteCase): Promise<Tab> {
  const page = await context.newPage();
  await page.goto(c.url);
  await page
    .locator('token-meter-badge [data-testid="tm-badge"][data-health="ok"]')
    .waitFor({ timeout: 15000 });
  // The panel lists each reply with its recording state (saved / pending / failed).
  await page.locator('token-meter-badge [data-testid="tm-open"]').click();
  return { c, page, produced: [] };
}

/** Turns currently on the page (the index the next reply gets is this + 1). */
async function turnCount(tab: Tab): Promise<number> {
  return tab.page.evaluate(
    (sel) => document.querySelectorAll(sel).length,
    [tab.c.user, tab.c.assistant].join(', '),
  );
}

/** Words of a reply: `n` words, distinct per call so every exchange has its own hash. */
export function replyText(tag: string, n: number): string {
  const words = ['tokens', 'cost', 'stream', 'meter', 'reply', 'history', 'model', '模型', 'ünï'];
  return Array.from({ length: n }, (_, i) => (i === 0 ? tag : words[i % words.length])).join(' ');
}

/**
 * Produce one exchange on the tab (the prompt, then the reply streaming in place) and add it
 * to the tab's ledger. `during` runs while the reply streams (a fault injected mid-stream).
 */
export async function exchange(
  tab: Tab,
  tag: string,
  words: number,
  during?: () => Promise<void>,
): Promise<void> {
  const before = await turnCount(tab);
  const reply = replyText(tag, words);
  const streaming = simulateExchange(tab.page, tab.c, `prompt ${tag}`, reply);
  if (during) await during();
  await streaming;
  tab.produced.push({ turnIndex: before + 1, reply });
}

/** Wait until the tab's panel shows no recording pending or failed (or the timeout). */
export async function settled(tab: Tab, timeout = 15000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const stored = await tab.page
      .locator('token-meter-badge [data-testid="tm-turn-row"][data-recorded="saved"]')
      .count()
      .catch(() => 0);
    if (stored >= tab.produced.length || Date.now() > deadline) return;
    await sleep(100);
  }
}

export interface LedgerCheck {
  produced: number;
  stored: number;
  lost: string[];
  doubled: string[];
  unexpected: string[];
}

/** Compare what the pages produced with what the history holds (by site, conversation, turn). */
export function checkLedger(tabs: readonly Tab[], events: readonly any[]): LedgerCheck {
  const id = (site: string, conversation: string, turn: number) =>
    `${site}|${conversation}|${turn}`;
  const expected = new Map<string, number>();
  for (const tab of tabs) {
    const conversation = getAdapter(tab.c.site)!.conversationId(new URL(tab.c.url)) ?? '';
    for (const p of tab.produced) expected.set(id(tab.c.site, conversation, p.turnIndex), 0);
  }
  const unexpected: string[] = [];
  const seen = new Map<string, number>();
  for (const e of events) {
    const k = id(e.site, e.conversationId, e.turnIndex);
    seen.set(k, (seen.get(k) ?? 0) + 1);
    if (!expected.has(k)) unexpected.push(k);
  }
  const lost = [...expected.keys()].filter((k) => !seen.has(k));
  const doubled = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  return { produced: expected.size, stored: events.length, lost, doubled, unexpected };
}

export interface LoadFigures {
  seconds: number;
  tabs: number;
  turns: LedgerCheck;
  /** Worker JS heap after GC (bytes), every ~10 s of the run and once at its end. */
  heap: number[];
  /** Longest main-thread task seen on any chat page (ms), and how many exceeded 50 ms. */
  longestTaskMs: number;
  longTasksOver50: number;
}

/**
 * The load run: one tab per site in `cases`, all streaming long replies at once, turn after
 * turn, for `seconds`; then every produced turn is checked against the history.
 */
export async function runLoad(
  browser: Browser,
  cases: readonly SiteCase[],
  seconds: number,
  replyWords = 240,
): Promise<LoadFigures> {
  await serveCases(browser.context, cases);
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __tmLongTasks: number[] };
    w.__tmLongTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tmLongTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no longtask support: nothing measured
    }
  });
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const control = await controlSession(browser, ext);
  const tabs: Tab[] = [];
  for (const c of cases) tabs.push(await openTab(browser.context, c));
  // Long tasks of the streaming itself, not of the pages' first load.
  for (const tab of tabs)
    await tab.page.evaluate(() => {
      (window as unknown as { __tmLongTasks: number[] }).__tmLongTasks.length = 0;
    });
  const heap: number[] = [];
  const started = Date.now();
  const deadline = started + seconds * 1000;
  let running = true;
  const sampler = (async () => {
    while (running) {
      await sleep(Math.min(10_000, (seconds * 1000) / 3));
      if (running) heap.push(await control.workerHeap());
    }
  })();
  try {
    await Promise.all(
      tabs.map(async (tab, t) => {
        for (let n = 0; n === 0 || Date.now() < deadline; n++)
          await exchange(tab, `load-${t}-${n}`, replyWords);
      }),
    );
  } finally {
    running = false;
    await sampler;
  }
  await Promise.all(tabs.map((tab) => settled(tab, 20000)));
  heap.push(await control.workerHeap());
  const longTasks = (
    await Promise.all(
      tabs.map((tab) =>
        tab.page.evaluate(() => (window as unknown as { __tmLongTasks: number[] }).__tmLongTasks),
      ),
    )
  ).flat();
  return {
    seconds: (Date.now() - started) / 1000,
    tabs: tabs.length,
    turns: checkLedger(tabs, await allEvents(ext)),
    heap,
    longestTaskMs: Math.max(0, ...longTasks),
    longTasksOver50: longTasks.filter((d) => d > 50).length,
  };
}
