/**
 * Export of 100,000 events in Chromium (the built extension), as a user runs it: the options
 * page's Export button, timed by the page itself (its hidden `export-ms` mark: from the click to
 * the file closed). The history is written into the extension's own IndexedDB: 80,000 chat
 * turns over a year (utils/db/__tests__/generate.ts) as rows, and 20,000 imported agent and API
 * events (Claude Code, Codex, OpenRouter) in their blocks (schema 5, `eventBlocks`), so the JSON
 * export's order (rows, then blocks) and time order differ as they do after an import of past
 * logs. The browser is restarted before measuring.
 *
 * Sinks: the file the user picks (Chromium's `showSaveFilePicker`; the dialog cannot be driven,
 * so the page's picker answers with a file in the origin's private file system and the export
 * streams into that file's real writable stream), and for CSV also the download (Blob parts, the
 * Firefox path). The CSV also with every day read from the events (the blocks' state row set to
 * trust no block), as the same run's A/B. Baseline in the same run: the same rows read with one plain IndexedDB `getAll`,
 * then one `JSON.stringify` (no paging, no formatting, everything held at once). Each figure is
 * the median of 3, each run in a freshly opened page, runs of each kind interleaved. Peak heap:
 * the page's used JS heap (garbage included) sampled over CDP every 50 ms, above the heap after a
 * forced GC just before the export.
 *
 * EXPORT_PROFILE=<dir> also writes a CPU profile (.cpuprofile, CDP Profiler) of each first run.
 * Chromium runs under `flock /tmp/build.lock` in a child process, like the popup suite; set
 * TM_BUILD_LOCK_HELD=1 when the caller already holds the lock.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { blocksOf } from '../../utils/db/event-store';
import type { ConversationRow, StoredEvent } from '../../utils/db/types';
import { generateEvents } from '../../utils/db/__tests__/generate';
import { median } from './stats';
import type { BenchRow, BenchSuite } from './types';

const ROOT = join(import.meta.dirname, '..', '..');
const EXTENSION = join(ROOT, '.output', 'chrome-mv3');
const LOCK = '/tmp/build.lock';
const COUNT = 100_000;
const RUNS = 3;
const TARGET_MS = 2_000;
const NOW = Date.UTC(2026, 5, 17, 15);
const MB = 1048576;

const IMPORTED = [
  { source: 'claude-code', kind: 'api', model: 'anthropic/claude-sonnet-4-5' },
  { source: 'codex', kind: 'api', model: 'openai/gpt-5-codex' },
  { source: 'openrouter', kind: 'billed', model: 'deepseek/deepseek-v3.2' },
] as const;

/** Every fifth generated turn becomes an imported event (the dashboard suite's mix). */
export function benchHistory(count = COUNT): StoredEvent[] {
  const turns = generateEvents(count, { end: NOW, days: 365, seed: 14 });
  const chat: StoredEvent[] = [];
  const imported: StoredEvent[] = [];
  turns.forEach((e, n) => {
    if (n % 5 !== 4) return void chat.push(e);
    const im = IMPORTED[n % 3];
    const family = `import:${im.source}`;
    const session = `session-${Math.floor(n / 40)}`;
    const priced = e.costMicroUsd !== null;
    imported.push({
      key: `import|${im.source}|${n}`,
      time: e.time,
      site: im.source,
      conversationId: session,
      conversation: `${im.source}|${session}`,
      turnIndex: 0,
      modelLabel: im.model.split('/')[1],
      model: priced ? im.model : null,
      input: { tokens: e.input.tokens, provenance: 'site', family },
      output: { tokens: e.output.tokens, provenance: 'site', family },
      reasoning: { tokens: 0, provenance: 'site', family },
      costMicroUsd: e.costMicroUsd,
      rateCardVersion: priced && im.kind === 'api' ? 'bench-card' : null,
      prices: null,
      flags: 0,
      imported: {
        source: im.source,
        agent: im.source,
        project: `/home/me/project-${n % 7}`,
        session,
        cacheRead: e.input.tokens * 9,
        cacheWrite5m: Math.round(e.input.tokens / 10),
        cacheWrite1h: 0,
        requests: 1,
        period: null,
        costKind: priced ? im.kind : 'unpriced',
        statedMicroUsd: priced && im.kind === 'billed' ? e.costMicroUsd : null,
      },
    });
  });
  // Imported after the chat turns: ids follow the order of writing, not time.
  return chat.concat(imported);
}

function conversations(events: StoredEvent[]): ConversationRow[] {
  const rows = new Map<string, ConversationRow>();
  for (const e of events) {
    let row = rows.get(e.conversation);
    if (!row) {
      row = {
        id: e.conversation,
        site: e.site,
        conversationId: e.conversationId,
        firstSeen: e.time,
        lastSeen: e.time,
        events: 0,
        pricedEvents: 0,
        costMicroUsd: 0,
        input: 0,
        output: 0,
        reasoning: 0,
      };
      rows.set(e.conversation, row);
    }
    row.firstSeen = Math.min(row.firstSeen, e.time);
    row.lastSeen = Math.max(row.lastSeen, e.time);
    row.events++;
    if (e.costMicroUsd !== null) {
      row.pricedEvents++;
      row.costMicroUsd += e.costMicroUsd;
    }
    row.input += e.input.tokens;
    row.output += e.output.tokens;
  }
  return [...rows.values()];
}

// Strings, not functions: tsx would wrap named functions in a helper the page lacks.
const PUT = `(store, rows) => new Promise((resolve, reject) => {
  const open = indexedDB.open('token-meter-history');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(store, 'readwrite');
    const os = tx.objectStore(store);
    for (const r of rows) os.put(r);
    tx.oncomplete = () => (db.close(), resolve(rows.length));
    tx.onerror = () => (db.close(), reject(tx.error));
  };
})`;

/** One plain getAll of every event, then one JSON.stringify: the baseline. */
const BASELINE = `new Promise((resolve, reject) => {
  const t0 = performance.now();
  const open = indexedDB.open('token-meter-history');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['events', 'eventBlocks'], 'readonly');
    const get = tx.objectStore('events').getAll();
    const blocks = tx.objectStore('eventBlocks').getAll();
    tx.onerror = () => reject(tx.error);
    tx.oncomplete = () => {
      const all = get.result.concat(...blocks.result.map((b) => b.events));
      const t1 = performance.now();
      const text = JSON.stringify(all);
      const t2 = performance.now();
      db.close();
      resolve({ count: all.length, ms: t2 - t0, readMs: t1 - t0, chars: text.length });
    };
  };
})`;

/** The page's picker answers with a file in the origin's private file system. */
const PICKER = `Object.defineProperty(window, 'showSaveFilePicker', {
  configurable: true,
  value: async (o) => (await navigator.storage.getDirectory()).getFileHandle(o.suggestedName, { create: true }),
})`;

/** Size of the exported file in the private file system, which is then removed. */
const TAKE_FILE = `(async () => {
  const root = await navigator.storage.getDirectory();
  let size = -1;
  const names = [];
  for await (const [name, handle] of root) {
    names.push(name);
    if (handle.kind === 'file') size = (await handle.getFile()).size;
  }
  for (const name of names) await root.removeEntry(name);
  return size;
})()`;

type Kind = 'baseline' | 'csv-file' | 'json-file' | 'csv-download' | 'csv-file-rows';
const KINDS: Kind[] = ['baseline', 'csv-file', 'json-file', 'csv-download', 'csv-file-rows'];

/**
 * The export blocks' state row set (`value`) or put back (`saved`), raw. While it says
 * `rowsFrom: 0` the export trusts no block and reads every day from the events: the same run's
 * A/B of the blocks. The background is not told (nothing is written through it meanwhile).
 */
const BLOCKS_STATE = (value: string) => `new Promise((resolve, reject) => {
  const open = indexedDB.open('token-meter-history');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('meta', 'readwrite');
    const meta = tx.objectStore('meta');
    const get = meta.get('exportBlocks');
    get.onsuccess = () => {
      const saved = get.result;
      const next = ${value};
      if (next === undefined) meta.delete('exportBlocks');
      else meta.put(next);
      tx.oncomplete = () => (open.result.close(), resolve(saved));
    };
    tx.onerror = () => (open.result.close(), reject(tx.error));
  };
})`;

export interface Run {
  ms: number;
  readMs: number;
  /** Peak sampled used JS heap above the heap after a forced GC, MB. */
  heapMb: number;
  /** File size (MB) or, for the baseline, the JSON's length in characters / 2^20. */
  sizeMb: number;
}

export interface ExportFigures {
  seedMs: number;
  /** From the browser's start until the background had built every export block. */
  blocksMs: number;
  runs: Record<Kind, Run[]>;
}

export async function withBrowser<T>(
  profile: string,
  work: (context: BrowserContext, extensionId: string) => Promise<T>,
): Promise<T> {
  const { findChromium, extensionArgs } = (await import('../chromium.mjs' as string)) as {
    findChromium(): string | null;
    extensionArgs(dir: string): string[];
  };
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium()!,
    headless: true,
    acceptDownloads: true,
    args: [...extensionArgs(EXTENSION), '--disable-gpu'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // Two seconds for the worker's start-up work.
    await new Promise((r) => setTimeout(r, 2_000));
    return await work(context, new URL(worker.url()).host);
  } finally {
    await context.close();
  }
}

export async function seed(page: Page): Promise<number> {
  const events = benchHistory();
  // The page's own Dexie handle creates the database at the current schema version first.
  await page.getByTestId('export-csv').waitFor();
  await page.waitForFunction(
    `indexedDB.databases().then((dbs) => dbs.some((d) => d.name === 'token-meter-history'))`,
  );
  await page.evaluate(`window.tmPut = ${PUT}; 0`);
  const started = performance.now();
  const put = async (store: string, rows: unknown[]) => {
    for (let i = 0; i < rows.length; i += 10_000)
      await page.evaluate(
        `tmPut(${JSON.stringify(store)}, ${JSON.stringify(rows.slice(i, i + 10_000))})`,
      );
  };
  // Chat turns are rows of `events`; imported events live in blocks (utils/db/event-store.ts).
  await put(
    'events',
    events.filter((e) => !e.imported),
  );
  await put('eventBlocks', blocksOf(events.filter((e) => e.imported)));
  await put('conversations', conversations(events));
  // Written raw, past the database's middleware: no export block yet, every day read from the
  // events until the background builds them (as after the upgrade to schema version 4).
  await put('meta', [{ key: 'exportBlocks', value: { rowsFrom: 0, stale: [], large: [] } }]);
  const count = await page.evaluate(`new Promise((resolve) => {
    const open = indexedDB.open('token-meter-history');
    open.onsuccess = () => {
      const tx = open.result.transaction(['events', 'eventBlocks']);
      const rows = tx.objectStore('events').count();
      const imported = tx.objectStore('eventBlocks').index('keys').count();
      tx.oncomplete = () => (open.result.close(), resolve(rows.result + imported.result));
    };
  })`);
  if (count !== COUNT) throw new Error(`seeded ${String(count)} events, not ${COUNT}`);
  return performance.now() - started;
}

/** The export blocks' state row: absent or empty once the background has built every block. */
const BLOCKS_DONE = `new Promise((resolve, reject) => {
  const open = indexedDB.open('token-meter-history');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('meta').objectStore('meta').get('exportBlocks');
    get.onsuccess = () => {
      open.result.close();
      const s = get.result && get.result.value;
      resolve(!s || (s.rowsFrom === null && s.stale.length === 0));
    };
    get.onerror = () => (open.result.close(), reject(get.error));
  };
})`;

/** Wait until the background (at its start) has built the export blocks; ms since the start. */
async function waitForBlocks(context: BrowserContext, extensionId: string): Promise<number> {
  const started = performance.now() - 2_000;
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    for (;;) {
      if (await page.evaluate(BLOCKS_DONE)) return performance.now() - started;
      if (performance.now() - started > 300_000)
        throw new Error('export blocks not built in 5 min');
      await page.waitForTimeout(250);
    }
  } finally {
    await page.close();
  }
}

const NOT_SAVED = Symbol('not saved');

/** One export (or the baseline) in a freshly opened options page. */
async function measureOnce(
  context: BrowserContext,
  extensionId: string,
  kind: Kind,
  profileTo: string | null,
): Promise<Run> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByTestId('export-csv').waitFor();
    await page.waitForTimeout(1_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const base = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    let peak = base;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        if (usedSize > peak) peak = usedSize;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    if (profileTo) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    let run: Omit<Run, 'heapMb'>;
    let savedState: unknown = NOT_SAVED;
    try {
      if (kind === 'baseline') {
        const r = (await page.evaluate(BASELINE)) as {
          count: number;
          ms: number;
          readMs: number;
          chars: number;
        };
        if (r.count !== COUNT) throw new Error(`baseline read ${r.count} events`);
        run = { ms: r.ms, readMs: r.readMs, sizeMb: r.chars / MB };
      } else {
        const [format, sink, rows] = kind.split('-') as [
          'csv' | 'json',
          'file' | 'download',
          string?,
        ];
        if (rows)
          savedState = await page.evaluate(
            BLOCKS_STATE(`{ key: 'exportBlocks', value: { rowsFrom: 0, stale: [], large: [] } }`),
          );
        if (sink === 'file') await page.evaluate(PICKER);
        else
          await page.evaluate(
            `Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true })`,
          );
        const download = sink === 'download' ? page.waitForEvent('download') : null;
        await page.getByTestId(`export-${format}`).click();
        const mark = page.getByTestId('export-ms');
        await mark.waitFor({ state: 'attached', timeout: 120_000 });
        const status = (await page.getByTestId('export-status').textContent()) ?? '';
        if (!status.includes(COUNT.toLocaleString('en-US')))
          throw new Error(`${kind}: the page said "${status}"`);
        const [ms, readMs] = await mark.evaluate((el) => [
          Number(el.getAttribute('data-ms')),
          Number(el.getAttribute('data-read-ms')),
        ]);
        let bytes: number;
        if (download) {
          const file = join(mkdtempSync(join(tmpdir(), 'tm-bench-dl-')), 'export');
          await (await download).saveAs(file);
          bytes = statSync(file).size;
          rmSync(join(file, '..'), { recursive: true, force: true });
        } else bytes = (await page.evaluate(TAKE_FILE)) as number;
        run = { ms, readMs, sizeMb: bytes / MB };
      }
    } finally {
      if (savedState !== NOT_SAVED)
        await page.evaluate(BLOCKS_STATE(`${JSON.stringify(savedState) ?? 'undefined'}`));
      sampling = false;
      await sampler;
      if (profileTo) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(join(profileTo, `${kind}.cpuprofile`), JSON.stringify(profile));
      }
    }
    return { ...run, heapMb: (peak - base) / MB };
  } finally {
    await page.close();
  }
}

export async function measureExport(): Promise<ExportFigures> {
  const profile = mkdtempSync(join(tmpdir(), 'tm-bench-export-'));
  const profileTo = process.env.EXPORT_PROFILE ?? null;
  if (profileTo) mkdirSync(profileTo, { recursive: true });
  try {
    const seedMs = await withBrowser(profile, async (context, id) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/options.html`);
      return seed(page);
    });
    const runs = Object.fromEntries(KINDS.map((k) => [k, [] as Run[]])) as Record<Kind, Run[]>;
    let blocksMs = 0;
    await withBrowser(profile, async (context, id) => {
      blocksMs = await waitForBlocks(context, id);
      for (let i = 0; i < RUNS; i++)
        for (const kind of KINDS)
          runs[kind].push(await measureOnce(context, id, kind, i === 0 ? profileTo : null));
    });
    return { seedMs, blocksMs, runs };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Run the measurement in a child process that holds the build lock; its JSON on stdout. */
function measureLocked(): ExportFigures {
  const self = join(import.meta.dirname, 'export-chromium.bench.ts');
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const held = process.env.TM_BUILD_LOCK_HELD === '1' || !existsSync('/usr/bin/flock');
  const [cmd, args] = held ? [tsx, [self, '--measure']] : ['flock', [LOCK, tsx, self, '--measure']];
  const run = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (run.status !== 0) throw new Error(`export measurement failed:\n${run.stderr || run.stdout}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as ExportFigures;
}

const LABELS: Record<Exclude<Kind, 'baseline'>, string> = {
  'csv-file': 'CSV to the picked file (writable stream)',
  'json-file': 'JSON to the picked file (writable stream)',
  'csv-download': 'CSV as a download (Blob parts)',
  'csv-file-rows': 'CSV to the picked file, every day read from the events (no block)',
};

const suite: BenchSuite = {
  title: `Export in Chromium (${COUNT.toLocaleString('en-US')} events, built extension, options page)`,
  async run() {
    const { findChromium } = (await import('../chromium.mjs' as string)) as {
      findChromium(): string | null;
    };
    if (!existsSync(join(EXTENSION, 'options.html')) || !findChromium()) {
      console.log('  (export rows skipped: run `npm run build` and install Chromium)');
      return [];
    }
    const { seedMs, blocksMs, runs } = measureLocked();
    const med = (xs: Run[], key: keyof Run) => median(xs.map((r) => r[key]));
    const base = runs.baseline;
    const list = (xs: Run[]) => xs.map((r) => r.ms.toFixed(0)).join(' / ');
    console.log(
      `  seeded ${COUNT.toLocaleString('en-US')} events in ${(seedMs / 1000).toFixed(1)} s; ` +
        `the background built their export blocks within ${(blocksMs / 1000).toFixed(1)} s of its start.\n` +
        `  baseline: getAll ${med(base, 'readMs').toFixed(0)} ms + JSON.stringify ` +
        `(${med(base, 'sizeMb').toFixed(0)} M chars), runs ${list(base)} ms, peak heap ` +
        `${med(base, 'heapMb').toFixed(0)} MB.\n` +
        (Object.keys(LABELS) as (keyof typeof LABELS)[])
          .map(
            (k) =>
              `  ${LABELS[k]}: runs ${list(runs[k])} ms; waiting for IndexedDB ` +
              `${med(runs[k], 'readMs').toFixed(0)} ms (median); ${med(runs[k], 'sizeMb').toFixed(1)} MB`,
          )
          .join('\n'),
    );
    const rows: BenchRow[] = [];
    for (const k of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
      const ms = med(runs[k], 'ms');
      // The read from the events alone is the same run's A/B of the blocks, not a target.
      const target =
        k === 'csv-file-rows' ? {} : { target: `< ${TARGET_MS} ms`, met: ms < TARGET_MS };
      rows.push({
        name: `export ${LABELS[k]}, median of ${RUNS}`,
        value: ms,
        unit: 'ms',
        baseline: { label: 'one getAll + one JSON.stringify', value: med(base, 'ms') },
        ...target,
      });
      rows.push({
        name: `export ${LABELS[k]}: peak used JS heap (sampled)`,
        value: med(runs[k], 'heapMb'),
        unit: 'MB',
        baseline: { label: 'one getAll + one JSON.stringify', value: med(base, 'heapMb') },
      });
    }
    return rows;
  },
};
export default suite;

// `tsx scripts/bench/export-chromium.bench.ts --measure`: the child run under the lock.
if (process.argv.includes('--measure') && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureExport().then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
