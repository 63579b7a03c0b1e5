/**
 * Keeps the export blocks (utils/db/export-blocks.ts) up to date: the days a write touched are
 * rebuilt a few seconds after the last write, and at every maintenance run (hourly; at the
 * worker's start 10 s later), in short transactions. Until then the export reads those days from
 * the events, so a late or lost run costs export speed, never a row.
 *
 * An extension page that opens (the popup, the dashboard: they say so on PAGE_CHANNEL from their
 * first script) stops the step in progress (rolled back, run again later) and holds the rebuild
 * for PAGE_QUIET_MS (utils/page-start.ts): the page's start, its storage reads and its first view do not share the
 * machine with the rebuild's reads and writes.
 */
import { refreshExportBlocks, type RebuildGate } from '@/utils/db/export-blocks';
import { PAGE_CHANNEL, PAGE_QUIET_MS } from '@/utils/page-start';
import { deps } from './deps';

/** Quiet time after the last write before the blocks are rebuilt. */
export const EXPORT_BLOCKS_DELAY_MS = 5_000;

/**
 * The rebuild's pace: ~1,000 events per step (tens of ms of IndexedDB in Chromium) and a longer
 * pause after each, so the popup and the dashboard, opened while a million events are being built
 * (~4 min), wait for one short step at most (20,000-event steps made the dashboard take ~1.5 s
 * instead of < 0.4 s; 2,000 with 50 ms pauses still ~0.5–0.65 s).
 */
export const EXPORT_BLOCKS_PACE = { chunk: 1_000, pauseMs: 200 };

let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | null = null;

export interface PageGate extends RebuildGate {
  /** A page is opening: stop the step in progress, and hold the next for `quietMs`. */
  opened(): void;
}

/** The rebuild's gate: open unless a page opened less than `quietMs` ago. */
export function createPageGate(
  now: () => number,
  quietMs = PAGE_QUIET_MS,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
): PageGate {
  let quietUntil = -Infinity;
  let stopStep: (() => void) | null = null;
  return {
    async ready() {
      for (let wait = quietUntil - now(); wait > 0; wait = quietUntil - now()) await sleep(wait);
    },
    running(stop) {
      stopStep = stop;
    },
    opened() {
      quietUntil = Math.max(quietUntil, now() + quietMs);
      const stop = stopStep;
      stopStep = null;
      stop?.();
    },
  };
}

const gate = createPageGate(() => deps.now());

/** A page is opening: the rebuild stands aside (its step in progress stopped) for a while. */
export function pageOpened(): void {
  gate.opened();
}

/** Held here: a channel nothing refers to may be collected, and hears nothing after. */
let pages: BroadcastChannel | null = null;

/** Hear the pages' openings (a BroadcastChannel: it never wakes a stopped worker). */
export function listenForPages(): void {
  if (pages || typeof BroadcastChannel !== 'function') return;
  pages = new BroadcastChannel(PAGE_CHANNEL);
  pages.onmessage = () => pageOpened();
  // Node's channel (unit tests) would keep its process alive; browsers have no unref.
  (pages as { unref?: () => void }).unref?.();
}

/** Rebuild the stale export blocks now (one run at a time). */
export function runExportBlocks(): Promise<void> {
  running ??= refreshExportBlocks(deps.db(), { ...EXPORT_BLOCKS_PACE, gate })
    .then(() => undefined)
    .finally(() => {
      running = null;
    });
  return running;
}

/**
 * After the worker starts, the rebuild waits this long: the browser's own start and the pages
 * opened then come first (at a million events a rebuild keeps IndexedDB busy for minutes). Well
 * under the 30 s an idle worker lives, so it still runs.
 */
export const STARTUP_BLOCKS_DELAY_MS = 10_000;

/** Rebuild them a few seconds after the last write (or after `delayMs`). */
export function scheduleExportBlocks(delayMs = EXPORT_BLOCKS_DELAY_MS): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    runExportBlocks().catch((e) => console.warn('[history] export blocks', e));
  }, delayMs);
}
