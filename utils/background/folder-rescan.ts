/**
 * Scheduled re-scans of the folders granted on the options page (utils/usage-import/scheduled.ts):
 * an alarm every 15 minutes checks whether the user's interval (off / hourly / daily) makes a
 * scan due; the options page and the dashboard ask the same when they open (`rescanFolders`).
 * The service worker reads the handles from the page's folder database (same origin) and stores
 * through the same path as the page's import. One scan at a time: a request that arrives during
 * a scan waits for it.
 */
import { browser } from 'wxt/browser';
import type { Handlers, Res } from '@/utils/messaging';
import { folderRescanSettings } from '@/utils/storage/settings/imports';
import { folderScans, type FolderScans } from '@/utils/storage/state/imports';
import { rescanDue, rescanFolders } from '@/utils/usage-import/scheduled';
import { deps } from './history/deps';
import { importUsage } from './history/imported';

export const RESCAN_ALARM = 'folder-rescan';
export const RESCAN_CHECK_MINUTES = 15;

/** Calls run one after another: the second sees the first's scan and finds nothing due. */
let queue: Promise<unknown> = Promise.resolve();

/** Scan if due (or `force`: the page asked again after a permission was given back). */
export function rescanIfDue(force = false): Promise<Res<'rescanFolders'>> {
  const next = queue.then(() => scanIfDue(force));
  queue = next.catch(() => undefined);
  return next;
}

async function scanIfDue(force: boolean): Promise<FolderScans> {
  const [{ interval }, last] = await Promise.all([
    folderRescanSettings.getValue(),
    folderScans.getValue(),
  ]);
  if (!force && !rescanDue(interval, last.lastScanAt, deps.now())) return last;
  const scans = await rescanFolders({
    send: ({ events, files }) => importUsage(events, files),
    known: async () => new Map((await deps.db().importFiles.toArray()).map((r) => [r.id, r])),
    now: () => deps.now(),
  });
  await folderScans.setValue(scans);
  return scans;
}

export function setupFolderRescan(): Handlers<'rescanFolders'> {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RESCAN_ALARM)
      rescanIfDue().catch((e) => console.warn('[imports] folder re-scan', e));
  });
  browser.alarms.create(RESCAN_ALARM, { periodInMinutes: RESCAN_CHECK_MINUTES });
  return { rescanFolders: ({ force }) => rescanIfDue(force === true) };
}
