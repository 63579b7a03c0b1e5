/**
 * Keeps the popup's dashboard snapshot (utils/storage/state.ts) in step with the database:
 * every change is wrapped in `change()`, which removes the snapshot first and schedules a new one
 * after; settings that change the numbers' periods (week start) and the day rollover schedule a
 * new one too. A generation counter drops a snapshot computed before a change that started while
 * it was being computed (it would be one write behind).
 */
import type { CalendarOptions } from '@/utils/core/aggregate';
import { dashboardKey, dashboardSnapshot } from '@/utils/storage';
import { loadDashboard } from '@/utils/db/queries';
import type { HistoryDB } from '@/utils/db/schema';

export interface SnapshotDeps {
  db: () => HistoryDB;
  now: () => number;
  calendar: () => Promise<CalendarOptions>;
}

export interface SnapshotKeeper {
  /** Run a database change with the snapshot withdrawn, and schedule a new one after it. */
  change<T>(work: () => Promise<T>): Promise<T>;
  /** Compute and store a snapshot soon (coalesced); the promise settles when it is stored. */
  schedule(delayMs?: number): Promise<void>;
  /** Compute and store a snapshot now, unless a change starts meanwhile. */
  refresh(): Promise<boolean>;
}

/** How long to wait for more writes before computing (a streamed chat or an import in chunks). */
export const SNAPSHOT_DELAY_MS = 100;

export function createSnapshotKeeper(deps: SnapshotDeps): SnapshotKeeper {
  let generation = 0;
  let running = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: { resolve(): void; reject(e: unknown): void }[] = [];

  async function refresh(): Promise<boolean> {
    const started = generation;
    if (running > 0) return false;
    const calendar = await deps.calendar();
    const now = deps.now();
    const dashboard = await loadDashboard(deps.db(), now, calendar);
    // A change began after this read started: its removal stands, and it schedules its own.
    if (generation !== started || running > 0) return false;
    try {
      await dashboardSnapshot.setValue({
        key: dashboardKey(now, calendar),
        computedAt: now,
        dashboard,
      });
    } catch (error) {
      // Storage full: the popup falls back to the query; nothing is lost.
      console.warn('[history] dashboard snapshot not stored', error);
      return false;
    }
    return true;
  }

  function schedule(delayMs = SNAPSHOT_DELAY_MS): Promise<void> {
    clearTimeout(timer);
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      timer = setTimeout(() => {
        const settle = waiting;
        waiting = [];
        refresh().then(
          () => settle.forEach((w) => w.resolve()),
          (e: unknown) => settle.forEach((w) => w.reject(e)),
        );
      }, delayMs);
    });
  }

  async function change<T>(work: () => Promise<T>): Promise<T> {
    generation++;
    running++;
    try {
      await dashboardSnapshot.removeValue().catch(() => undefined);
      return await work();
    } finally {
      running--;
      if (running === 0) schedule().catch((e) => console.warn('[history] snapshot', e));
    }
  }

  return { change, schedule, refresh };
}
