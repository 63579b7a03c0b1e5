/**
 * Where the popup's numbers come from. First the background's snapshot (one read of extension
 * storage, with the week-start setting in the same round): shown when its key is the one this
 * popup computes for its own clock, time zone and week start. Otherwise (first run, a day
 * rollover not yet seen by the background, a write in progress, another time zone) the full live
 * query over IndexedDB, whose code (Dexie, queries) is loaded only then. A later snapshot with the
 * right key replaces the query's numbers and stops it.
 */
import type { Dashboard } from '@/utils/db/queries';
// The storage files, not the index: the popup's first paint loads this module, and each item
// the index brings along is read from storage on load.
import {
  calendarSettings,
  resolveCalendar,
  type CalendarSettings,
  type WeekStartChoice,
} from '@/utils/storage/settings/history';
import {
  dashboardKey,
  dashboardSnapshot,
  type DashboardSnapshot,
} from '@/utils/storage/state/history';
import type { DashboardState, DashboardStore } from './dashboard-store';
import { createStateCell, type StateCell } from './state-cell';

export type NumbersSource = 'snapshot' | 'query';

export interface NumbersState extends DashboardState {
  /** Which path the shown numbers came from (the query's own `source` says rollups or events). */
  from?: NumbersSource;
}

export interface NumbersStore extends DashboardStore {
  getSnapshot(): NumbersState;
  /** Settles once the snapshot and the week-start setting were read (numbers shown or queried). */
  ready: Promise<void>;
}

export interface NumbersOptions {
  /** Skip the snapshot (the e2e check of the query path, and the bench's baseline). */
  queryOnly?: boolean;
  /**
   * The snapshot and the calendar setting, already being read (the popup reads every item its
   * first paint needs in one storage request); otherwise read here.
   */
  firstRead?: Promise<[DashboardSnapshot | null, CalendarSettings]>;
  /** Start the full query (tests pass their own database). */
  startQuery?: (now: number, locale: string) => Promise<DashboardStore>;
}

async function startDefaultQuery(now: number, locale: string): Promise<DashboardStore> {
  const [{ watchDashboard }, { historyDb }] = await Promise.all([
    import('./dashboard-store'),
    import('@/utils/db/schema'),
  ]);
  return watchDashboard(historyDb(), now, locale, globalThis.localStorage);
}

/**
 * The live query, started at most once at a time: its numbers are published into `cell` as they
 * come; `stop` drops it (a snapshot with the right key arrived, or the popup closed).
 */
function queryRunner(
  startQuery: NonNullable<NumbersOptions['startQuery']>,
  now: number,
  locale: string,
  cell: StateCell<NumbersState>,
  stopped: () => boolean,
) {
  let query: Promise<DashboardStore> | undefined;
  let unsubscribeQuery: (() => void) | undefined;
  return {
    stop() {
      const running = query;
      query = undefined;
      unsubscribeQuery?.();
      unsubscribeQuery = undefined;
      running?.then((q) => q.stop()).catch(() => undefined);
    },
    run() {
      if (query || stopped()) return;
      performance.mark('tm-query-fallback');
      query = startQuery(now, locale);
      const mine = query;
      mine.then(
        (q) => {
          if (query !== mine) return q.stop();
          const publish = () => {
            const s = q.getSnapshot();
            if (s.dashboard || s.error) cell.set({ ...s, from: 'query' });
          };
          unsubscribeQuery = q.subscribe(publish);
          publish();
        },
        (e: unknown) =>
          cell.set({ ...cell.get(), error: e instanceof Error ? e.message : String(e) }),
      );
    },
  };
}

export function watchNumbers(
  now: number,
  locale: string,
  options: NumbersOptions = {},
): NumbersStore {
  const cell = createStateCell<NumbersState>({});
  let stopped = false;
  let choice: WeekStartChoice | undefined;
  let snapshot: DashboardSnapshot | null = null;
  const query = queryRunner(
    options.startQuery ?? startDefaultQuery,
    now,
    locale,
    cell,
    () => stopped,
  );

  /** Show the snapshot if it is the one for this popup; else make sure the query runs. */
  const decide = () => {
    if (stopped || choice === undefined) return;
    const key = dashboardKey(now, resolveCalendar(choice, locale));
    if (!options.queryOnly && snapshot?.key === key) {
      query.stop();
      performance.mark('tm-snapshot-used');
      if (cell.get().dashboard !== snapshot.dashboard || cell.get().from !== 'snapshot')
        cell.set({ dashboard: snapshot.dashboard as Dashboard, from: 'snapshot' });
    } else {
      // No snapshot while the background writes one (it follows in ~0.1 s): keep what is shown
      // meanwhile if it is current, else query.
      if (snapshot === null && cell.get().from === 'snapshot' && cell.get().dashboard) return;
      query.run();
    }
  };

  performance.mark('tm-numbers-start');
  const firstRead =
    options.firstRead ??
    Promise.all([
      options.queryOnly ? Promise.resolve(null) : dashboardSnapshot.getValue(),
      calendarSettings.getValue(),
    ]);
  const ready = firstRead.then(
    ([snap, calendar]) => {
      performance.mark('tm-storage-read');
      snapshot = options.queryOnly ? null : snap;
      choice = calendar.weekStart;
      decide();
    },
    () => {
      choice = 'locale';
      query.run();
    },
  );
  const unwatchSnapshot = options.queryOnly
    ? () => undefined
    : dashboardSnapshot.watch((snap) => {
        snapshot = snap;
        decide();
      });
  const unwatchCalendar = calendarSettings.watch((c) => {
    choice = c?.weekStart ?? 'locale';
    decide();
  });

  return {
    ready,
    getSnapshot: cell.get,
    subscribe: cell.subscribe,
    stop() {
      stopped = true;
      unwatchSnapshot();
      unwatchCalendar();
      query.stop();
    },
  };
}
