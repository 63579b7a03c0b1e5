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

let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | null = null;

/** Rebuild the stale export blocks now (one run at a time). */
export function runExportBlocks(): Promise<void> {
  running ??= refreshExportBlocks(deps.db())
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
