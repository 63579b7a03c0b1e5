/**
 * State of the history the pages show (owner `background`: written by the service worker only):
 * whether history writes work, and the popup's dashboard snapshot. The popup's first paint loads
 * this file. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';
import type { Dashboard } from '@/utils/db/queries';

export interface HistoryHealth {
  /** Epoch ms when a write last failed because storage was full, or null. */
  quotaExceededAt: number | null;
  /** Turns that could not be stored nor kept aside to store later (lost). */
  unsavedTurns: number;
  /** Turns kept aside while storage is full, saved automatically when space frees. */
  pendingTurns?: number;
  /** The last write error's message, or null. */
  lastError: string | null;
}

/** Whether history writes work (storage full, turns lost or waiting); the popup shows it. */
export const historyHealth = /* @__PURE__ */ storage.defineItem<HistoryHealth>(
  'local:historyHealth',
  { fallback: { quotaExceededAt: null, unsavedTurns: 0, lastError: null }, version: 1 },
);

export interface DashboardSnapshot {
  /** `dashboardKey` of the instant and calendar it was computed for. */
  key: string;
  /** Epoch ms it was computed at (for the reader's information only). */
  computedAt: number;
  dashboard: Dashboard;
}

/**
 * The popup's numbers, precomputed by the background (the history's only writer), so opening
 * the popup reads one small record instead of opening IndexedDB and folding rollups (100k
 * events: ~100 ms of query in Chromium before this).
 *
 * A snapshot is only shown when its key matches what the popup would compute itself: the starts
 * of today, this week and this month in the popup's time zone with the user's week start. A day
 * rollover, a time-zone change or a new week-start setting therefore never shows old numbers:
 * the popup falls back to the full query until the background writes a new snapshot. The
 * background removes the snapshot before every change to the database (turn, import, delete,
 * retention, rebuild) and writes it again after, so a worker stopped half-way leaves no stale
 * record behind, only a slower opening. Null while a change is being written, or before the
 * first. No Dexie here (types only): the popup's first paint loads none of the database code.
 */
export const dashboardSnapshot = /* @__PURE__ */ storage.defineItem<DashboardSnapshot | null>(
  'local:dashboardSnapshot',
  { fallback: null },
);

// A plain function, apart from the items: the popup's first script uses it without WXT storage.
export { dashboardKey } from '../snapshot-key';
