/**
 * Scheduled re-scans of granted folders (Chromium). The background runs them from an alarm, and
 * when the options page or the dashboard opens, if one is due. A scan only queries each folder's
 * permission, never asks (there is no click to ask in): a folder no longer granted is left alone
 * (nothing read, nothing removed from the history) and marked "permission needed" for the page,
 * which asks again in a click. Each folder is read as the on-demand re-scan reads it: only files
 * new or changed since they were read whole (size and date, `importFiles`).
 */
import type { FolderRescanInterval } from '@/utils/storage/settings/imports';
import type { FolderScanResult, FolderScans } from '@/utils/storage/state/imports';
import { listFolders, PermissionError, scanFolder } from './folders';
import { runUsageImport, type SendBatch } from './run';

const HOUR = 3_600_000;
export const RESCAN_EVERY_MS: Record<Exclude<FolderRescanInterval, 'off'>, number> = {
  hourly: HOUR,
  daily: 24 * HOUR,
};
/** An alarm may fire a little early or late; a scan this close to due counts as due. */
const SLACK_MS = 5 * 60_000;

export function rescanDue(
  interval: FolderRescanInterval,
  lastScanAt: number | null,
  now: number,
): boolean {
  if (interval === 'off') return false;
  if (lastScanAt === null || lastScanAt > now) return true;
  return now - lastScanAt >= RESCAN_EVERY_MS[interval] - SLACK_MS;
}

export interface RescanOptions {
  send: SendBatch;
  /** Files read before, by id (the history's `importFiles`), read afresh for each folder. */
  known: () => Promise<ReadonlyMap<string, { size: number; lastModified: number }>>;
  now: () => number;
  /** Only these folders (default: every granted folder). */
  names?: readonly string[];
}

/** Re-scan the granted folders one after another; what each gave. */
export async function rescanFolders(options: RescanOptions): Promise<FolderScans> {
  const at = options.now();
  const names = options.names ?? (await listFolders());
  const folders: Record<string, FolderScanResult> = {};
  for (const name of names) {
    try {
      const files = await scanFolder(name, { ask: false });
      const r = await runUsageImport(files, {
        send: options.send,
        known: await options.known(),
        now: options.now,
      });
      folders[name] = {
        at,
        state: 'ok',
        files: r.filesTotal,
        unchanged: r.unchanged,
        added: r.added,
        replaced: r.replaced,
        duplicates: r.duplicates,
        refused: r.refused,
      };
    } catch (error) {
      folders[name] =
        error instanceof PermissionError
          ? { at, state: 'permission' }
          : { at, state: 'error', error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { lastScanAt: at, folders };
}
