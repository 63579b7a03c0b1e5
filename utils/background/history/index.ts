/**
 * The history's background side, its only writer:
 * - record.ts: each completed turn checked, priced and stored; imports; turns a full disk
 *   refused kept aside (pending.ts) and saved later;
 * - health.ts: what the popup and options show about failed writes;
 * - toolbar-badge.ts: the extension icon's text and colour (the week's spend against the
 *   budgets) and the budget notifications;
 * - maintenance.ts: retention, time-zone rebuilds, "delete everything", the daily alarms;
 * - reprice.ts: the popup's "this week on another model", its answers kept (reprice-cache.ts);
 * - deps.ts: what they share (dependencies, calendar, the popup snapshot keeper, snapshot.ts).
 * This file wires them to the protocol, the alarms and the settings they follow.
 */
import { browser } from 'wxt/browser';
import {
  budgetSettings,
  calendarSettings,
  currencySettings,
  retentionSettings,
} from '@/utils/storage';
import type { Handlers } from '@/utils/messaging';
import { dashboardKeeper } from './deps';
import { listenForPages, scheduleExportBlocks } from './export-blocks';
import {
  applyRetention,
  armDayRollover,
  DAY_ALARM,
  deleteHistory,
  maintain,
  MAINTENANCE_ALARM,
} from './maintenance';
import { flushPendingTurns, importHistory, recordTurn, RETRY_ALARM } from './record';
import { repriceHistory } from './reprice';
import { importUsage } from './imported';
import { refreshToolbarBadge, scheduleToolbarBadgeRefresh } from './toolbar-badge';

export { configureHistory, dashboardKeeper, type HistoryDeps } from './deps';
export { isQuotaError } from './health';
export {
  flushPendingTurns,
  importHistory,
  recordTurn,
  RETRY_MINUTES,
  toStoredEvent,
} from './record';
export { applyRetention, checkTimeZone, deleteHistory } from './maintenance';
export { repriceHistory } from './reprice';
export { importedToStored, importUsage } from './imported';
export { TOOLBAR_BADGE_COLORS, currentSpend, refreshToolbarBadge } from './toolbar-badge';

export const historyHandlers: Handlers<
  'recordTurn' | 'repriceHistory' | 'importHistory' | 'importUsage' | 'deleteHistory'
> = {
  recordTurn: (turn) => recordTurn(turn).finally(scheduleExportBlocks),
  repriceHistory: (req) => repriceHistory(req).finally(scheduleExportBlocks),
  importHistory: ({ events, titles }) =>
    importHistory(events, titles).finally(scheduleExportBlocks),
  importUsage: ({ events, files }) => importUsage(events, files).finally(scheduleExportBlocks),
  deleteHistory: () => deleteHistory(),
};

/**
 * Start the history's background work and return its message handlers. Listeners are added
 * synchronously (a woken service worker must see the event that woke it); the work runs after.
 */
export function setupHistory(): typeof historyHandlers {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === MAINTENANCE_ALARM || alarm.name === DAY_ALARM)
      maintain().catch((e) => console.warn('[history] maintenance', e));
    if (alarm.name === RETRY_ALARM)
      flushPendingTurns().catch((e) => console.warn('[history] pending turns', e));
  });
  // Hourly: the toolbar badge follows the week's rollover, retention runs, a time-zone change is seen.
  browser.alarms.create(MAINTENANCE_ALARM, { periodInMinutes: 60 });
  budgetSettings.watch(() => scheduleToolbarBadgeRefresh());
  calendarSettings.watch(() => {
    scheduleToolbarBadgeRefresh();
    // The week's days changed: a new snapshot (the popup meanwhile sees a key mismatch).
    dashboardKeeper.schedule(0).catch((e) => console.warn('[history] snapshot', e));
    armDayRollover().catch(() => undefined);
  });
  currencySettings.watch(() => scheduleToolbarBadgeRefresh());
  retentionSettings.watch(() => {
    applyRetention()
      .then(() => refreshToolbarBadge())
      .catch((e) => console.warn('[history] retention', e));
  });
  // A page opening holds the export blocks' rebuild for its start.
  listenForPages();
  maintain('start').catch((e) => console.warn('[history] startup maintenance', e));
  return historyHandlers;
}
