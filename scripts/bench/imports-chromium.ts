/**
 * The imports bench's Chromium half: the built extension's options page imports the generated
 * log folder through its own runner (the files given to its file input as File objects, parsed
 * in the page, priced and stored by the background in batches), timed from handing over the
 * files to the summary on screen. The JS heap of the page and of the background's service
 * worker is sampled every 250 ms through the DevTools protocol (`Runtime.getHeapUsage`: used
 * heap, garbage not yet collected included). After the import, the stored history is read back:
 * the events and the importDays rollup's token sums.
 *
 * Then IndexedDB's own cost, as the floor of the import's store: FLOOR_SAMPLE stored events are
 * added again, unchanged, into a scratch database with the eventBlocks layout (blocks of
 * FLOOR_BLOCK events of one UTC day, a multiEntry index on their keys), FLOOR_BATCH per
 * transaction as the import does, with no lookup, pricing or rollup; and, as the baseline, into
 * one with the events layout (one record per event, as imports were stored before schema 5).
 * Times per event are scaled to the import's count.
 *
 * Run in a child process under `flock /tmp/build.lock` (like the popup and dashboard suites):
 * `tsx scripts/bench/imports-chromium.ts <folder>` prints one JSON line.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CDPSession } from 'playwright-core';

export interface ChromiumImport {
  ms: number;
  status: string;
  pagePeakMb: number;
  workerPeakMb: number;
  samples: number;
  stored: {
    events: number;
    input: number;
    cacheRead: number;
    cacheWrite: number;
    output: number;
  };
  /**
   * IndexedDB alone: `events` of the stored events added again into a scratch store, as blocks
   * (the eventBlocks layout) in `ms`, and as one record per event (the events layout) in `rowsMs`.
   */
  floor: { events: number; ms: number; rowsMs: number };
}

const FLOOR_SAMPLE = 20_000;
const FLOOR_BATCH = 5_000;
const FLOOR_BLOCK = 256;

/**
 * Runs in the options page: copies up to `sample` stored imported events (read from their
 * blocks) into two scratch databases and times the adds, `batch` events per transaction: once
 * as blocks of `block` events of one UTC day (the eventBlocks layout: `++id, day, *keys`), once
 * as one record per event (schema v1's events layout, the layout before blocks).
 */
const FLOOR = (sample: number, batch: number, block: number) => `new Promise((resolve, reject) => {
  const source = indexedDB.open('token-meter-history');
  source.onerror = () => reject(source.error);
  source.onsuccess = () => {
    const read = source.result.transaction('eventBlocks').objectStore('eventBlocks').getAll(null, Math.ceil(${sample} / 8));
    read.onerror = () => reject(read.error);
    read.onsuccess = () => {
      source.result.close();
      const rows = [].concat(...read.result.map((b) => b.events)).slice(0, ${sample});
      const time = (name, create, put) => new Promise((done, fail) => {
        indexedDB.deleteDatabase(name);
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => create(open.result);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const started = performance.now();
          let at = 0;
          const next = () => {
            if (at >= rows.length) {
              const ms = performance.now() - started;
              db.close();
              indexedDB.deleteDatabase(name);
              return done(ms);
            }
            const tx = db.transaction(db.objectStoreNames[0], 'readwrite');
            put(tx.objectStore(db.objectStoreNames[0]), rows.slice(at, at + ${batch}));
            at += ${batch};
            tx.oncomplete = next;
            tx.onerror = () => fail(tx.error);
          };
          next();
        };
      });
      const blocks = (store, events) => {
        const byDay = new Map();
        for (const e of events) {
          const day = Math.floor(e.time / 86400000);
          if (!byDay.has(day)) byDay.set(day, []);
          byDay.get(day).push(e);
        }
        for (const [day, list] of byDay)
          for (let i = 0; i < list.length; i += ${block}) {
            const part = list.slice(i, i + ${block});
            const times = part.map((e) => e.time);
            store.add({ day, from: Math.min(...times), to: Math.max(...times), keys: part.map((e) => e.key), events: part });
          }
      };
      time('tm-bench-floor-blocks', (db) => {
        const store = db.createObjectStore('eventBlocks', { keyPath: 'id', autoIncrement: true });
        store.createIndex('day', 'day');
        store.createIndex('keys', 'keys', { multiEntry: true });
      }, blocks).then((blocksMs) =>
        time('tm-bench-floor-rows', (db) => {
          const store = db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
          store.createIndex('key', 'key', { unique: true });
          store.createIndex('time', 'time');
          store.createIndex('conversation', 'conversation');
        }, (store, events) => { for (const e of events) store.add(e); }).then((rowsMs) =>
          resolve({ events: rows.length, ms: blocksMs, rowsMs }),
        ),
      ).catch(reject);
    };
  };
})`;

const MB = 1048576;

/** `Runtime.getHeapUsage` of the extension's service worker, attached through the page's session. */
async function workerHeapReader(cdp: CDPSession): Promise<() => Promise<number>> {
  let sessionId: string | null = null;
  let next = 0;
  const waiting = new Map<
    number,
    (m: { result?: { usedSize: number }; error?: unknown }) => void
  >();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    if (e.sessionId === sessionId) sessionId = null;
  });
  const attach = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    if (!target) return null;
    return (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false }))
      .sessionId;
  };
  return async () => {
    sessionId ??= await attach();
    if (!sessionId) return 0;
    const id = ++next;
    const answer = new Promise<{ result?: { usedSize: number }; error?: unknown }>((resolve) => {
      waiting.set(id, resolve);
      setTimeout(() => resolve({ error: 'timeout' }), 5_000);
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Runtime.getHeapUsage', params: {} }),
    });
    const m = await answer;
    waiting.delete(id);
    if (!m.result) {
      sessionId = null;
      return 0;
    }
    return m.result.usedSize;
  };
}

export async function measureChromiumImport(
  extensionDir: string,
  paths: string[],
): Promise<ChromiumImport> {
  const { findChromium, extensionArgs } = (await import('../chromium.mjs' as string)) as {
    findChromium(): string | null;
    extensionArgs(dir: string): string[];
  };
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'tm-bench-imports-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium()!,
    headless: true,
    args: [...extensionArgs(extensionDir), '--disable-gpu'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const base = `chrome-extension://${new URL(worker.url()).host}/`;
    const page = await context.newPage();
    await page.goto(`${base}options.html`);
    const input = page.getByTestId('usage-files');
    await input.waitFor({ state: 'attached' });
    const cdp = await context.newCDPSession(page);
    const workerHeap = await workerHeapReader(cdp);
    let pagePeak = 0;
    let workerPeak = 0;
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [p, w] = await Promise.all([
          cdp
            .send('Runtime.getHeapUsage')
            .then((h) => h.usedSize)
            .catch(() => 0),
          workerHeap().catch(() => 0),
        ]);
        pagePeak = Math.max(pagePeak, p);
        workerPeak = Math.max(workerPeak, w);
        samples++;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const started = performance.now();
    await input.setInputFiles(paths);
    await page.waitForFunction(
      () =>
        /events added|stopped/.test(
          document.querySelector('[data-testid="usage-status"]')?.textContent ?? '',
        ),
      null,
      { timeout: 0, polling: 100 },
    );
    const ms = performance.now() - started;
    sampling = false;
    await sampler;
    const status = (await page.getByTestId('usage-status').textContent()) ?? '';
    const stored = await page.evaluate(
      () =>
        new Promise<ChromiumImport['stored']>((resolve, reject) => {
          const open = indexedDB.open('token-meter-history');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            // Imported events live in eventBlocks (schema 5): one keys index entry per event.
            const blocks = db.objectStoreNames.contains('eventBlocks');
            const tx = db.transaction(['events', 'importDays', ...(blocks ? ['eventBlocks'] : [])]);
            const count = tx.objectStore('events').count();
            const inBlocks = blocks ? tx.objectStore('eventBlocks').index('keys').count() : null;
            const days = tx.objectStore('importDays').getAll();
            tx.oncomplete = () => {
              const sum = {
                events: count.result + (inBlocks?.result ?? 0),
                input: 0,
                cacheRead: 0,
                cacheWrite: 0,
                output: 0,
              };
              for (const d of days.result as Record<string, number>[]) {
                sum.input += d.input;
                sum.cacheRead += d.cacheRead;
                sum.cacheWrite += d.cacheWrite;
                sum.output += d.output;
              }
              open.result.close();
              resolve(sum);
            };
          };
        }),
    );
    const floor = (await page.evaluate(
      FLOOR(FLOOR_SAMPLE, FLOOR_BATCH, FLOOR_BLOCK),
    )) as ChromiumImport['floor'];
    return {
      ms,
      status,
      pagePeakMb: pagePeak / MB,
      workerPeakMb: workerPeak / MB,
      samples,
      stored,
      floor,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// `tsx scripts/bench/imports-chromium.ts <folder>`: the child run under the lock.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.argv[2];
  const paths = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.jsonl'))
    .map((p) => join(root, p))
    .sort();
  measureChromiumImport(join(import.meta.dirname, '..', '..', '.output', 'chrome-mv3'), paths).then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
