/**
 * A history of 1,000,000 events in Chromium (the built extension): the popup's numbers and the
 * dashboard's first view, after opening. 800k chat turns on five sites and 200k imported agent
 * and API events (Claude Code, Codex, OpenRouter) over two years, ending now.
 *
 * Seeding a million events through the background's messages would take most of the run, so the
 * page generates them in batches (the generator below, run in the page and here alike) and
 * writes them into the extension's IndexedDB with plain `put`s, while this process folds their
 * rollups with the extension's own fold (`foldEvents`, `importDayId`, the importDays row of
 * utils/db/imports.ts) and writes those after; then one turn is imported through the background, which writes the
 * popup's snapshot as it does after every change. The browser is restarted before measuring, as a
 * user opens the popup on a history built over time.
 *
 * Baselines in the same run: the same pages in a profile with no events (opening the page and
 * loading its JS), and the popup on its full query path (`?source=query`). Figures are medians of
 * the openings after the first; the first (cold) is printed apart. Chromium runs under
 * `flock /tmp/build.lock`, like the popup suite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import {
  foldEvents,
  makeDayKeyer,
  type DayConversation,
  type DayTotal,
} from '../../utils/core/aggregate';
import { addToImportDay } from '../../utils/db/imports';
import type { ConversationRow, ImportDayRow, StoredEvent } from '../../utils/db/types';
import { generateEvents } from '../../utils/db/__tests__/generate';
import { median } from './stats';
import type { BenchSuite } from './types';

const ROOT = join(import.meta.dirname, '..', '..');
const EXTENSION = join(ROOT, '.output', 'chrome-mv3');
const LOCK = '/tmp/build.lock';
const TOTAL = Number(process.env.TM_BENCH_EVENTS ?? 1_000_000);
const BATCH = 10_000;
const OPENINGS = 6;
/**
 * The history's generator, as JavaScript source: the page runs it to write the events (no
 * transfer of a million rows), and this process runs the same source to fold their rollups.
 * It is utils/db/__tests__/generate.ts (same sites, models, prices, 5% unpriced, ~20 turns per
 * conversation), plus every fifth event made an imported agent or API event with cache reads
 * (Claude Code, Codex, OpenRouter billed).
 */
const GENERATE = `(count, end, days, seed, batch, n0) => {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const SITES = [
    { site: 'chatgpt', model: 'openai/gpt-5', label: 'GPT-5', family: 'o200k_base' },
    { site: 'claude', model: 'anthropic/claude-sonnet-4-5', label: 'Sonnet 4.5', family: 'estimate:claude' },
    { site: 'deepseek', model: 'deepseek/deepseek-v3.2', label: 'DeepSeek-V3.2', family: 'deepseek-v3' },
    { site: 'gemini', model: 'google/gemini-2.5-pro', label: '2.5 Pro', family: 'gemma3' },
    { site: 'qwen', model: 'alibaba/qwen3.6-plus', label: 'Qwen3.6-Plus', family: 'qwen3' },
  ];
  const IMPORTED = [
    { source: 'claude-code', kind: 'api', label: 'claude-sonnet-4-5', model: 'anthropic/claude-sonnet-4-5' },
    { source: 'codex', kind: 'api', label: 'gpt-5-codex', model: 'openai/gpt-5-codex' },
    { source: 'openrouter', kind: 'billed', label: 'deepseek/deepseek-v3.2', model: 'deepseek/deepseek-v3.2' },
  ];
  const span = days * 86400000;
  const times = Array.from({ length: count }, () => end - 1 - Math.floor(random() * span));
  times.sort((x, y) => x - y);
  const out = [];
  let conv = 0;
  let turn = 0;
  let s = SITES[0];
  for (let i = 0; i < count; i++) {
    if (turn === 0 || random() < 0.05) {
      conv++;
      turn = 0;
      s = SITES[Math.floor(random() * SITES.length)];
    }
    const unpriced = random() < 0.05;
    const input = 200 + Math.floor(random() * 20000);
    const output = 50 + Math.floor(random() * 2000);
    const cost = unpriced ? null : Math.round(input * 1.25 + output * 10);
    const n = n0 + i;
    if (n % 5 === 4) {
      const im = IMPORTED[n % 3];
      const family = 'import:' + im.source;
      const conversationId = 'session-' + batch + '-' + conv;
      out.push({
        key: 'import|' + im.source + '|b' + batch + '|' + i,
        time: times[i],
        site: im.source,
        conversationId,
        conversation: im.source + '|' + conversationId,
        turnIndex: 0,
        modelLabel: im.label,
        model: unpriced ? null : im.model,
        input: { tokens: input, provenance: 'site', family },
        output: { tokens: output, provenance: 'site', family },
        reasoning: { tokens: 0, provenance: 'site', family },
        costMicroUsd: cost,
        rateCardVersion: cost === null || im.kind === 'billed' ? null : 'bench-card',
        prices: null,
        flags: 0,
        imported: {
          source: im.source,
          agent: im.source,
          project: '/home/me/project-' + (n % 7),
          session: conversationId,
          cacheRead: input * 9,
          cacheWrite5m: Math.round(input / 10),
          cacheWrite1h: 0,
          requests: 1,
          period: null,
          costKind: cost === null ? 'unpriced' : im.kind,
          statedMicroUsd: im.kind === 'billed' ? cost : null,
        },
      });
    } else {
      const conversationId = 'conv-' + batch + '-' + conv;
      out.push({
        key: s.site + '|' + conversationId + '|' + turn + '|h' + i.toString(36),
        time: times[i],
        site: s.site,
        conversationId,
        conversation: s.site + '|' + conversationId,
        turnIndex: turn,
        modelLabel: unpriced ? 'Mystery model' : s.label,
        model: unpriced ? null : s.model,
        input: { tokens: input, provenance: 'exact', family: s.family },
        output: { tokens: output, provenance: 'exact', family: s.family },
        reasoning: { tokens: 0, provenance: 'unknown', family: s.family },
        costMicroUsd: cost,
        rateCardVersion: unpriced ? null : 'test-card-1',
        prices: unpriced
          ? null
          : {
              source: 'models.dev',
              offer: 'default',
              currency: 'USD',
              perMillion: { input: 1.25, output: 10 },
              tierAbove: null,
            },
        flags: 0,
      });
    }
    turn++;
  }
  return out;
}`;

type Generate = (
  count: number,
  end: number,
  days: number,
  seed: number,
  batch: number,
  n0: number,
) => StoredEvent[];

function foldConversation(rows: Map<string, ConversationRow>, e: StoredEvent) {
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
  row.events += 1;
  if (e.costMicroUsd !== null) {
    row.pricedEvents += 1;
    row.costMicroUsd += e.costMicroUsd;
  }
  row.input += e.input.tokens;
  row.output += e.output.tokens;
  row.reasoning += e.reasoning.tokens;
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

async function put(page: Page, store: string, rows: unknown[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const json = JSON.stringify(rows.slice(i, i + BATCH));
    await page.evaluate(`tmPut(${JSON.stringify(store)}, ${json})`);
  }
}

/** Write TOTAL events (generated in the page) and their rollups (folded here from the same source). */
async function seed(page: Page, now: number): Promise<{ events: number; rollupRows: number }> {
  const generate = new Function(`return (${GENERATE})`)() as Generate;
  const timeZone = (await page.evaluate(
    'Intl.DateTimeFormat().resolvedOptions().timeZone',
  )) as string;
  await page.evaluate(`window.tmGenerate = ${GENERATE}; window.tmPut = ${PUT}; 0`);
  const keyer = makeDayKeyer(timeZone);
  const totals = new Map<string, DayTotal>();
  const conversations = new Map<string, DayConversation>();
  const convRows = new Map<string, ConversationRow>();
  const importDays = new Map<string, ImportDayRow>();
  const chunks = Math.ceil(TOTAL / BATCH);
  const span = 730 / chunks;
  for (let c = 0; c < chunks; c++) {
    // Consecutive slices of two years, oldest first.
    const end = Math.round(now - (chunks - 1 - c) * span * 86_400_000);
    const args = [BATCH, end, span, 1000 + c, c, c * BATCH];
    const written = page.evaluate(`tmPut('events', tmGenerate(...${JSON.stringify(args)}))`);
    const batch = generate(BATCH, end, span, 1000 + c, c, c * BATCH);
    const folded = foldEvents(
      batch.map((source) => ({ source, day: keyer(source.time) })),
      totals,
      conversations,
    );
    for (const [id, row] of folded.totals) totals.set(id, row);
    for (const [id, row] of folded.conversations) conversations.set(id, row);
    for (const e of batch) {
      foldConversation(convRows, e);
      if (e.imported) addToImportDay(importDays, e, keyer(e.time));
    }
    await written;
    if (c % 10 === 9) console.error(`  seeded ${((c + 1) * BATCH).toLocaleString('en-US')} events`);
  }
  await put(page, 'dayTotals', [...totals.values()]);
  await put(page, 'dayConversations', [...conversations.values()]);
  await put(page, 'conversations', [...convRows.values()]);
  await put(page, 'importDays', [...importDays.values()]);
  await put(page, 'meta', [{ key: 'rollupTimeZone', value: timeZone }]);
  // One turn through the background: it writes the popup's snapshot after the change.
  const [last] = generateEvents(1, { end: now, days: 0.01, seed: 7 });
  const reply = (await page.evaluate(
    `chrome.runtime.sendMessage({ tm: 1, type: 'importHistory', data: ${JSON.stringify({
      events: [{ ...last, key: `${last.key}|final` }],
      titles: [],
    })} })`,
  )) as { ok: boolean };
  if (!reply.ok) throw new Error(`the last turn was refused: ${JSON.stringify(reply)}`);
  for (let i = 0; i < 100; i++) {
    const has = await page.evaluate(
      `chrome.storage.local.get('dashboardSnapshot').then((r) => !!r.dashboardSnapshot)`,
    );
    if (has) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const rollupRows = totals.size + conversations.size + convRows.size + importDays.size;
  return { events: chunks * BATCH + 1, rollupRows };
}

interface Opening {
  ms: number;
  /** Popup: snapshot / rollups / events; dashboard: rollup rows read. */
  source: string;
}

async function open(context: BrowserContext, url: string): Promise<Opening> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(url);
    const main = page.locator('main[data-ready-ms]');
    await main.waitFor({ timeout: 60_000 });
    const ms = Number(await main.getAttribute('data-ready-ms'));
    const source =
      (await main.getAttribute('data-source')) ??
      (await main.getAttribute('data-rows-read')) ??
      '?';
    return { ms, source };
  } finally {
    await page.close();
  }
}

const PAGES = {
  popup: 'popup.html',
  popupQuery: 'popup.html?source=query',
  dashboard: 'dashboard.html',
  dashboardAll: 'dashboard.html?period=all',
} as const;
type PageName = keyof typeof PAGES;

export interface DashboardFigures {
  seeded: Record<PageName, Opening[]>;
  empty: Record<PageName, Opening[]>;
  seedMs: number;
  events: number;
  rollupRows: number;
}

export async function measureDashboard(extensionDir: string): Promise<DashboardFigures> {
  const { findChromium, extensionArgs } = (await import('../chromium.mjs' as string)) as {
    findChromium(): string | null;
    extensionArgs(dir: string): string[];
  };
  const { chromium } = await import('playwright-core');
  const profiles: string[] = [];
  const withBrowser = async <T>(
    profile: string,
    work: (context: BrowserContext, base: string) => Promise<T>,
  ): Promise<T> => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium()!,
      headless: true,
      args: [...extensionArgs(extensionDir), '--disable-gpu'],
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      await new Promise((r) => setTimeout(r, 2_000));
      return await work(context, `chrome-extension://${new URL(worker.url()).host}/`);
    } finally {
      await context.close();
    }
  };
  const profile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-bench-dashboard-'));
    profiles.push(dir);
    return dir;
  };
  const openAll = async (context: BrowserContext, base: string) => {
    const out = { popup: [], popupQuery: [], dashboard: [], dashboardAll: [] } as Record<
      PageName,
      Opening[]
    >;
    for (let i = 0; i < OPENINGS; i++)
      for (const name of Object.keys(PAGES) as PageName[])
        out[name].push(await open(context, base + PAGES[name]));
    return out;
  };
  try {
    const empty = await withBrowser(profile(), openAll);
    const seededProfile = profile();
    const started = performance.now();
    const { events, rollupRows } = await withBrowser(seededProfile, async (context, base) => {
      const page = await context.newPage();
      // The dashboard opens the database, which creates its tables at the current version.
      await page.goto(`${base}dashboard.html`);
      await page.locator('main[data-ready-ms]').waitFor();
      return seed(page, Date.now());
    });
    const seedMs = performance.now() - started;
    const seeded = await withBrowser(seededProfile, openAll);
    return { seeded, empty, seedMs, events, rollupRows };
  } finally {
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  }
}

function measureLocked(): DashboardFigures {
  const self = join(import.meta.dirname, 'dashboard.bench.ts');
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const held = process.env.TM_BUILD_LOCK_HELD === '1' || !existsSync('/usr/bin/flock');
  const [cmd, args] = held ? [tsx, [self, '--measure']] : ['flock', [LOCK, tsx, self, '--measure']];
  const run = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`dashboard measurement failed:\n${run.stdout}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as DashboardFigures;
}

const warm = (xs: Opening[]) => median(xs.slice(1).map((o) => o.ms));

const suite: BenchSuite = {
  title: `Dashboard and popup with ${TOTAL.toLocaleString('en-US')} events in Chromium (built extension)`,
  async run() {
    const { findChromium } = (await import('../chromium.mjs' as string)) as {
      findChromium(): string | null;
    };
    if (!existsSync(join(EXTENSION, 'dashboard.html')) || !findChromium()) {
      console.log('  (dashboard rows skipped: run `npm run build` and install Chromium)');
      return [];
    }
    const f = measureLocked();
    const s = f.seeded;
    console.log(
      `  seeded ${f.events.toLocaleString('en-US')} events (${f.rollupRows.toLocaleString('en-US')} rollup rows) ` +
        `in ${(f.seedMs / 1000).toFixed(0)} s. Cold (first opening after the browser started): ` +
        `popup ${s.popup[0].ms} ms, dashboard ${s.dashboard[0].ms} ms, all time ${s.dashboardAll[0].ms} ms.\n` +
        `  Popup numbers came from: ${[...new Set(s.popup.map((o) => o.source))].join(', ')}; ` +
        `dashboard rollup rows read: week ${s.dashboard[0].source}, all time ${s.dashboardAll[0].source}.`,
    );
    const popup = warm(s.popup);
    const dash = warm(s.dashboard);
    const all = warm(s.dashboardAll);
    return [
      {
        name: `popup numbers on screen, ${TOTAL / 1e6}M events (median of ${OPENINGS - 1})`,
        value: popup,
        unit: 'ms',
        baseline: { label: 'no events, same run', value: warm(f.empty.popup) },
        target: '< 150 ms',
        met: popup < 150,
      },
      {
        name: `popup numbers on its full query path, ${TOTAL / 1e6}M events`,
        value: warm(s.popupQuery),
        unit: 'ms',
        baseline: { label: 'no events, same run', value: warm(f.empty.popupQuery) },
      },
      {
        name: `dashboard first view (this week), ${TOTAL / 1e6}M events (median of ${OPENINGS - 1})`,
        value: dash,
        unit: 'ms',
        baseline: { label: 'no events, same run', value: warm(f.empty.dashboard) },
        target: '< 500 ms',
        met: dash < 500,
      },
      {
        name: `dashboard all time, ${TOTAL / 1e6}M events (median of ${OPENINGS - 1})`,
        value: all,
        unit: 'ms',
        baseline: { label: 'no events, same run', value: warm(f.empty.dashboardAll) },
        target: '< 500 ms',
        met: all < 500,
      },
    ];
  },
};
export default suite;

// `tsx scripts/bench/dashboard.bench.ts --measure`: the child run under the lock.
if (process.argv.includes('--measure') && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureDashboard(EXTENSION).then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
