/**
 * The popup's read path: everything it shows, from the day rollups of the last two months
 * (a few hundred rows even for heavy use), never a scan of all events. When the rollups were
 * computed in another time zone than the reader's (the user travelled; the background rebuilds
 * them on its next start), the same numbers are folded from the events of the range instead.
 */
import {
  breakdown,
  dailyCosts,
  foldEvents,
  makeDayKeyer,
  periodContaining,
  previousPeriod,
  summarize,
  topConversations,
  type CalendarOptions,
  type DayConversation,
  type DayTotal,
  type Period,
  type PeriodKind,
  type PeriodSummary,
  type Slice,
} from '@/utils/core/aggregate';
import { eventsBetween, hasEvents } from './event-store';
import type { HistoryDB } from './schema';
import type { ConversationRow } from './types';
import { ROLLUP_TIME_ZONE } from './write';

export interface ConversationSlice extends Slice {
  conversation: ConversationRow | undefined;
}

export interface PeriodView {
  summary: PeriodSummary;
  /** Cost per day (micro-USD), aligned with `summary.period.days`. */
  daily: number[];
  byModel: Slice[];
  bySite: Slice[];
  top: ConversationSlice[];
}

export interface Dashboard {
  now: number;
  calendar: CalendarOptions;
  views: Record<PeriodKind, PeriodView>;
  /** Where the numbers were folded from (rollups, or events when the time zone differs). */
  source: 'rollups' | 'events';
  /** Whether any event is stored (for the empty state; a count would scan 100k rows). */
  hasEvents: boolean;
}

const TOP_CONVERSATIONS = 5;

function rangeOf(now: number, calendar: CalendarOptions) {
  const periods = {
    day: periodContaining('day', now, calendar),
    week: periodContaining('week', now, calendar),
    month: periodContaining('month', now, calendar),
  } satisfies Record<PeriodKind, Period>;
  const previous = {
    day: previousPeriod(periods.day, calendar),
    week: previousPeriod(periods.week, calendar),
    month: previousPeriod(periods.month, calendar),
  } satisfies Record<PeriodKind, Period>;
  const all = [...Object.values(periods), ...Object.values(previous)];
  const first = all.reduce((a, p) => (p.days[0] < a ? p.days[0] : a), periods.day.days[0]);
  // Top conversations are shown for the current periods only: their rows start later.
  const firstShown = Object.values(periods).reduce(
    (a, p) => (p.days[0] < a ? p.days[0] : a),
    periods.day.days[0],
  );
  const start = Math.min(...all.map((p) => p.start));
  const end = Math.max(...all.map((p) => p.end));
  const last = periods.month.days[periods.month.days.length - 1];
  const lastDay = periods.week.days[6] > last ? periods.week.days[6] : last;
  return { periods, previous, first, firstShown, lastDay, start, end };
}

/** Fold the events of [start, end) into rollup rows in `timeZone` (the fallback path). */
export async function rollupsFromEvents(
  db: HistoryDB,
  start: number,
  end: number,
  timeZone: string,
): Promise<{ totals: DayTotal[]; conversations: DayConversation[] }> {
  const events = await eventsBetween(db, start, end);
  const keyer = makeDayKeyer(timeZone);
  const folded = foldEvents(
    events.map((source) => ({ source, day: keyer(source.time) })),
    new Map(),
    new Map(),
  );
  return { totals: [...folded.totals.values()], conversations: [...folded.conversations.values()] };
}

export async function loadDashboard(
  db: HistoryDB,
  now: number,
  calendar: CalendarOptions,
): Promise<Dashboard> {
  const range = rangeOf(now, calendar);
  return db.transaction(
    'r',
    [db.dayTotals, db.dayConversations, db.meta, db.events, db.eventBlocks, db.conversations],
    async () => {
      // One round of requests, not four in a row: the rollups are read while their time zone
      // is checked (they are thrown away in the rare case it differs).
      const [tz, rolledTotals, rolledConversations, anyEvent] = await Promise.all([
        db.meta.get(ROLLUP_TIME_ZONE),
        db.dayTotals.where('day').between(range.first, range.lastDay, true, true).toArray(),
        db.dayConversations
          .where('day')
          .between(range.firstShown, range.lastDay, true, true)
          .toArray(),
        hasEvents(db),
      ]);
      const rollupsMatch = tz === undefined || tz.value === calendar.timeZone;
      let totals: DayTotal[];
      let convRows: DayConversation[];
      if (rollupsMatch) {
        [totals, convRows] = [rolledTotals, rolledConversations];
      } else {
        ({ totals, conversations: convRows } = await rollupsFromEvents(
          db,
          range.start,
          range.end,
          calendar.timeZone,
        ));
      }
      const views = {} as Record<PeriodKind, PeriodView>;
      const wanted = new Set<string>();
      for (const kind of ['day', 'week', 'month'] as const) {
        const period = range.periods[kind];
        const top = topConversations(convRows, period, TOP_CONVERSATIONS);
        top.forEach((s) => wanted.add(s.key));
        views[kind] = {
          summary: summarize(totals, period, range.previous[kind]),
          daily: dailyCosts(totals, period),
          byModel: breakdown(totals, period, 'model'),
          bySite: breakdown(totals, period, 'site'),
          top: top.map((s) => ({ ...s, conversation: undefined })),
        };
      }
      const ids = [...wanted];
      const rows = await db.conversations.bulkGet(ids);
      const byId = new Map(ids.map((id, i) => [id, rows[i]]));
      for (const view of Object.values(views))
        for (const s of view.top) s.conversation = byId.get(s.key);
      return {
        now,
        calendar,
        views,
        source: rollupsMatch ? 'rollups' : 'events',
        hasEvents: anyEvent,
      };
    },
  );
}

/** Events of a period, for re-pricing on another model (a week is at most a few thousand). */
export { eventsBetween };
