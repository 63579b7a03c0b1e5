/**
 * Keeping the history in shape: retention (whole months), the day rollups rebuilt when the time
 * zone changed, "delete everything", and the hourly and midnight alarms that run them and move
 * the popup's numbers and the toolbar badge to the new day.
 */
import { browser } from 'wxt/browser';
import { periodContaining, previousPeriod } from '@/utils/core/aggregate';
import {
  deleteEverything,
  pruneBefore,
  rebuildDerived,
  storedRollupTimeZone,
} from '@/utils/db/maintenance';
import { retentionSettings } from '@/utils/storage';
import { budgetNotified } from '@/utils/storage/state/background';
import type { Res } from '@/utils/messaging';
import { calendar, dashboardKeeper, deps } from './deps';
import { runExportBlocks, scheduleExportBlocks, STARTUP_BLOCKS_DELAY_MS } from './export-blocks';
import { resetHealth } from './health';
import { flushPendingTurns, pendingQueue } from './record';
import { refreshToolbarBadge } from './toolbar-badge';

/** Hourly: the toolbar badge follows the week's rollover, retention runs, a time-zone change is seen. */
export const MAINTENANCE_ALARM = 'history-maintenance';
/** At the next local midnight. */
export const DAY_ALARM = 'history-day';

/** Drop events older than the retention; returns how many were removed. */
export async function applyRetention(): Promise<number> {
  const { months } = await retentionSettings.getValue();
  if (!months) return 0;
  const cal = await calendar();
  const now = deps.now();
  const monthStart = periodContaining('month', now, cal);
  // Keep whole months: the cutoff is the start of the month `months - 1` before this one.
  let p = monthStart;
  for (let i = 1; i < months; i++) p = previousPeriod(p, cal);
  const removed = await dashboardKeeper.change(() => pruneBefore(deps.db(), p.start, cal.timeZone));
  // Space may have been freed for turns a full disk refused.
  if (removed > 0) await flushPendingTurns().catch(() => undefined);
  return removed;
}

/** Rebuild the day rollups when the user's time zone is not the one they were computed in. */
export async function checkTimeZone(): Promise<boolean> {
  const cal = await calendar();
  const stored = await storedRollupTimeZone(deps.db());
  if (stored === null || stored === cal.timeZone) return false;
  await dashboardKeeper.change(() => rebuildDerived(deps.db(), cal.timeZone));
  return true;
}

export async function deleteHistory(): Promise<Res<'deleteHistory'>> {
  // Turns kept aside are history too: "delete everything" deletes them.
  await pendingQueue.clear();
  await dashboardKeeper.change(() => deleteEverything(deps.db()));
  await resetHealth();
  await budgetNotified.setValue({});
  await refreshToolbarBadge();
  return { deleted: true };
}

/** Wake at the next local midnight: the popup's snapshot and the toolbar badge move to the new day. */
export async function armDayRollover(): Promise<void> {
  const end = periodContaining('day', deps.now(), await calendar()).end;
  await browser.alarms.create(DAY_ALARM, { when: end + 1_000 });
}

/**
 * Everything that keeps the history current: at start, hourly and at midnight. The popup's
 * numbers, the toolbar badge and the next midnight come first; the export blocks' rebuild last,
 * since at a million events it runs for minutes and the numbers must not wait for it (after a
 * day rollover the popup would take its slow query path until it ended). At the worker's start
 * the rebuild is only scheduled, STARTUP_BLOCKS_DELAY_MS later: the browser's start comes first.
 */
export async function maintain(at: 'start' | 'run' = 'run'): Promise<void> {
  await checkTimeZone();
  await applyRetention();
  await flushPendingTurns().catch((e) => console.warn('[history] pending turns', e));
  await dashboardKeeper.refresh();
  await refreshToolbarBadge();
  await armDayRollover();
  if (at === 'start') scheduleExportBlocks(STARTUP_BLOCKS_DELAY_MS);
  else await runExportBlocks().catch((e) => console.warn('[history] export blocks', e));
}
