/**
 * Today / this week / this month as ranges of local days and of instants, in the user's time
 * zone, and the period before each (for "change against the previous period").
 */
import {
  addDays,
  addMonths,
  dayKey,
  daysBetween,
  isoWeekday,
  localDateOf,
  startOfLocalDay,
  type IsoWeekday,
  type LocalDate,
} from './calendar';

export type PeriodKind = 'day' | 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** First local day, inclusive. */
  first: LocalDate;
  /** Local day after the last one (exclusive). */
  after: LocalDate;
  /** Day keys of every day in the period, in order. */
  days: string[];
  /** Epoch ms of the first instant, inclusive. */
  start: number;
  /** Epoch ms of the first instant after the period (exclusive). */
  end: number;
}

export interface CalendarOptions {
  timeZone: string;
  weekStart: IsoWeekday;
}

function firstDayOf(kind: PeriodKind, d: LocalDate, weekStart: IsoWeekday): LocalDate {
  if (kind === 'day') return d;
  if (kind === 'month') return { year: d.year, month: d.month, day: 1 };
  const back = (isoWeekday(d) - weekStart + 7) % 7;
  return addDays(d, -back);
}

function nextStart(kind: PeriodKind, first: LocalDate): LocalDate {
  if (kind === 'day') return addDays(first, 1);
  if (kind === 'week') return addDays(first, 7);
  return addMonths(first, 1);
}

function makePeriod(kind: PeriodKind, first: LocalDate, timeZone: string): Period {
  const after = nextStart(kind, first);
  const count = daysBetween(first, after);
  const days = Array.from({ length: count }, (_, i) => dayKey(addDays(first, i)));
  return {
    kind,
    first,
    after,
    days,
    start: startOfLocalDay(first, timeZone),
    end: startOfLocalDay(after, timeZone),
  };
}

/** The day, week or month containing the instant `now`. */
export function periodContaining(kind: PeriodKind, now: number, opts: CalendarOptions): Period {
  const today = localDateOf(now, opts.timeZone);
  return makePeriod(kind, firstDayOf(kind, today, opts.weekStart), opts.timeZone);
}

/** The period just before `period`, of the same kind. */
export function previousPeriod(period: Period, opts: CalendarOptions): Period {
  const first =
    period.kind === 'day'
      ? addDays(period.first, -1)
      : period.kind === 'week'
        ? addDays(period.first, -7)
        : addMonths(period.first, -1);
  return makePeriod(period.kind, first, opts.timeZone);
}

/** A stable id for a period, used to notify about a budget once per period. */
export function periodId(period: Period): string {
  return `${period.kind}:${dayKey(period.first)}`;
}
