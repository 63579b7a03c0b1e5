/**
 * Keeps the export blocks (utils/db/export-blocks.ts) up to date: the days a write touched are
 * rebuilt a few seconds after the last write, and at every maintenance run (start, hourly), in
 * short transactions. Until then the export reads those days from the events, so a late or lost
 * run costs export speed, never a row.
 */
import { refreshExportBlocks } from '@/utils/db/export-blocks';
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

/** Rebuild the stale export blocks now (one run at a time). */
export function runExportBlocks(): Promise<void> {
  running ??= refreshExportBlocks(deps.db(), EXPORT_BLOCKS_PACE)
    .then(() => undefined)
    .finally(() => {
      running = null;
    });
  return running;
}

/** Rebuild them a few seconds after the last write. */
export function scheduleExportBlocks(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    runExportBlocks().catch((e) => console.warn('[history] export blocks', e));
  }, EXPORT_BLOCKS_DELAY_MS);
}
