/**
 * The popup's numbers as a live query that starts before React renders: the entrypoint calls
 * `watchDashboard` first thing, so reading the week-start setting, opening the database and the
 * query itself overlap with loading React and its first render instead of following them. The
 * numbers shown are always for the user's week start (never first the locale's, then the
 * setting's); the query re-runs on every write (Dexie's live query) and when the setting changes.
 */
import { liveQuery, type Subscription } from 'dexie';
import { loadDashboard, type Dashboard } from '@/utils/db/queries';
import type { HistoryDB } from '@/utils/db/schema';
import { calendarSettings, resolveCalendar, type WeekStartChoice } from '@/utils/storage';
import { createStateCell } from './state-cell';

export interface DashboardState {
  /** The latest numbers; the previous ones stay while a new week start is queried. */
  dashboard?: Dashboard;
  error?: string;
}

export interface DashboardStore {
  getSnapshot(): DashboardState;
  subscribe(listener: () => void): () => void;
  stop(): void;
}

/** Where the last confirmed week start is kept, read synchronously at the next opening. */
export type WeekStartCache = Pick<Storage, 'getItem' | 'setItem'>;
const CACHE_KEY = 'tm.weekStart';
const CHOICES: readonly WeekStartChoice[] = ['locale', 'monday', 'sunday', 'saturday'];

/**
 * Start the dashboard's live query. The week start is a setting in extension storage, a
 * round trip of 10-20 ms; `cache` (the page's localStorage) holds the one confirmed at the last
 * opening, so the query starts at once with it. A result is published only for the week start
 * the setting confirms: a stale guess is re-queried, never shown.
 */
export function watchDashboard(
  db: HistoryDB,
  now: number,
  locale: string,
  cache?: WeekStartCache,
): DashboardStore {
  const cell = createStateCell<DashboardState>({});
  const set = cell.set;
  let query: Subscription | undefined;
  let running: WeekStartChoice | undefined;
  let confirmed: WeekStartChoice | undefined;
  let unconfirmed: Dashboard | undefined;
  let stopped = false;
  const follow = (weekStart: WeekStartChoice) => {
    query?.unsubscribe();
    unconfirmed = undefined;
    running = weekStart;
    if (stopped) return;
    const calendar = resolveCalendar(weekStart, locale);
    query = liveQuery(async () => {
      performance.mark('tm-query-start');
      const dashboard = await loadDashboard(db, now, calendar);
      performance.mark('tm-query-done');
      return dashboard;
    }).subscribe({
      next: (dashboard) => {
        if (confirmed === weekStart) set({ dashboard });
        else unconfirmed = dashboard;
      },
      error: (e: unknown) =>
        set({ ...cell.get(), error: e instanceof Error ? e.message : String(e) }),
    });
  };
  const confirm = (weekStart: WeekStartChoice) => {
    confirmed = weekStart;
    try {
      cache?.setItem(CACHE_KEY, weekStart);
    } catch {
      // A full or unavailable localStorage only costs the next opening the storage round trip.
    }
    if (running !== weekStart) follow(weekStart);
    else if (unconfirmed) set({ dashboard: unconfirmed });
  };

  let cached: string | null = null;
  try {
    cached = cache?.getItem(CACHE_KEY) ?? null;
  } catch {
    // No cache: wait for the setting.
  }
  if (CHOICES.includes(cached as WeekStartChoice)) follow(cached as WeekStartChoice);
  else db.open().catch(() => undefined); // open while the setting is read
  let changed = false;
  const unwatch = calendarSettings.watch((choice) => {
    changed = true;
    confirm(choice?.weekStart ?? 'locale');
  });
  calendarSettings.getValue().then(
    (choice) => changed || confirm(choice.weekStart),
    () => changed || confirm('locale'),
  );
  return {
    getSnapshot: cell.get,
    subscribe: cell.subscribe,
    stop() {
      stopped = true;
      unwatch();
      query?.unsubscribe();
    },
  };
}
