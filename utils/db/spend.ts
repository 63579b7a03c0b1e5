/**
 * All spend in one view (the dashboard page): chat turns from the `dayTotals` rollup and
 * imported usage (agents, aggregators, API reports) from the `importDays` rollup, folded over a
 * week, a month or all time. Never a scan of the events: whole calendar months are read from the
 * month rollup (`spendMonths`, the same day rows summed per month: spend-months.ts) and only the
 * days of a period outside whole months from the day rollups, so a week reads a few dozen rows,
 * a month or all time a few per month, with a million events.
 *
 * Imported events sit in both day rollups (`dayTotals` under `site = <source id>`, so that the
 * popup and budgets count them); here they are taken from `importDays` only, which keeps their
 * cost by kind (billed / API-equivalent / the aggregator's estimate / unpriced) and cache reads
 * and writes apart. A chat turn's cost is API-equivalent; a chat turn the card could not price
 * is counted as unpriced, never as $0.
 */
import {
  addDays,
  dayKey,
  localDateOf,
  parseDayKey,
  periodContaining,
  type CalendarOptions,
  type DayTotal,
} from '@/utils/core/aggregate';
import type { HistoryDB } from './schema';
import { isImportSource, kindOfSource, type SpendKind } from './spend-kind';
import { monthOf, pricedOf, SPEND_FIELDS, spendOfDayTotal, zeroSpend } from './spend-months';
import type { ImportDayRow, SpendMonthRow, SpendValues } from './types';
import { ROLLUP_TIME_ZONE } from './write';

export * from './spend-kind';

export type SpendPeriod = 'week' | 'month' | 'all';
/** One line of the view: a dimension's key and what it counts. */
export interface SpendRow extends SpendValues {
  key: string;
}

export type SpendBy = 'kind' | 'source' | 'agent' | 'project' | 'model';
export const SPEND_DIMENSIONS: readonly SpendBy[] = ['kind', 'source', 'agent', 'project', 'model'];

export interface SpendView {
  period: SpendPeriod;
  /** Day keys shown, in order (empty for "all" with no history). */
  days: string[];
  /** Priced cost per day by kind (micro-USD), aligned with `days`. */
  daily: Record<SpendKind, number[]>;
  totals: SpendRow;
  split: Record<SpendBy, SpendRow[]>;
  /** Rollup rows read (what the first view costs). */
  rowsRead: number;
  /** The time zone the rollups were counted in, when it is not the reader's (else null). */
  otherTimeZone: string | null;
}

export const emptySpendRow = (key: string): SpendRow => ({ key, ...zeroSpend() });

/** Priced money of a row: billed + API-equivalent + estimate (unpriced events add nothing). */
export const pricedMicroUsd = (r: SpendRow) => pricedOf(r);

function addRow(target: SpendRow, add: SpendValues): void {
  for (const f of SPEND_FIELDS) target[f] += add[f];
}

/** The days a period covers; for "all", from the first day with data to today. */
export function spendDays(
  period: SpendPeriod,
  now: number,
  calendar: CalendarOptions,
  firstDay: string | null,
): string[] {
  if (period !== 'all') return periodContaining(period, now, calendar).days;
  const today = dayKey(localDateOf(now, calendar.timeZone));
  if (firstDay === null || firstDay > today) return [];
  const out: string[] = [];
  for (let d = parseDayKey(firstDay), k = firstDay; k <= today; d = addDays(d, 1), k = dayKey(d))
    out.push(k);
  return out;
}

const dayOfMonth = (month: string, index: number) =>
  `${month}-${String(index + 1).padStart(2, '0')}`;

/** The first day with an event in month rows (null when there is none). */
export function firstDayOf(rows: readonly SpendMonthRow[]): string | null {
  let first: string | null = null;
  for (const r of rows) {
    if (first !== null && r.month > first) continue;
    const i = r.dayEvents.findIndex((n) => n > 0);
    if (i < 0) continue;
    const day = dayOfMonth(r.month, i);
    if (first === null || day < first) first = day;
  }
  return first;
}

/** The months every day of which is in `days` (read from the month rollup). */
export function wholeMonths(days: readonly string[]): Set<string> {
  const count = new Map<string, number>();
  for (const d of days) count.set(monthOf(d), (count.get(monthOf(d)) ?? 0) + 1);
  const out = new Set<string>();
  for (const [month, n] of count) {
    const { year, month: m } = parseDayKey(`${month}-01`);
    if (n === new Date(Date.UTC(year, m, 0)).getUTCDate()) out.add(month);
  }
  return out;
}

/**
 * Fold rollup rows into the view: day rows of `days` (rows outside `days` are ignored, except
 * for "all", where a day after today cannot be shown on the chart but is still counted) and
 * month rows, each counted whole (the caller reads only months inside the period).
 */
export function foldSpend(
  period: SpendPeriod,
  days: string[],
  chatRows: readonly DayTotal[],
  importRows: readonly ImportDayRow[],
  monthRows: readonly SpendMonthRow[] = [],
): Omit<SpendView, 'rowsRead' | 'otherTimeZone'> {
  const index = new Map(days.map((d, i) => [d, i]));
  const daily = {
    chat: days.map(() => 0),
    agent: days.map(() => 0),
    api: days.map(() => 0),
  } satisfies Record<SpendKind, number[]>;
  const totals = emptySpendRow('');
  const groups = Object.fromEntries(
    SPEND_DIMENSIONS.map((by) => [by, new Map<string, SpendRow>()]),
  ) as Record<SpendBy, Map<string, SpendRow>>;
  const add = (by: SpendBy, key: string, row: SpendValues) => {
    const map = groups[by];
    let g = map.get(key);
    if (!g) map.set(key, (g = emptySpendRow(key)));
    addRow(g, row);
  };
  const inRange = (day: string) => period === 'all' || index.has(day);
  const onDay = (kind: SpendKind, day: string, micro: number) => {
    const i = index.get(day);
    if (i !== undefined) daily[kind][i] += micro;
  };
  /** One row of any rollup: chat rows have no agent or project. */
  const count = (
    kind: SpendKind,
    source: string,
    model: string,
    row: SpendValues,
    by?: { agent: string; project: string },
  ) => {
    addRow(totals, row);
    add('kind', kind, row);
    add('source', source, row);
    if (by) {
      add('agent', by.agent, row);
      add('project', by.project, row);
    }
    add('model', model, row);
  };
  for (const r of chatRows) {
    if (isImportSource(r.site) || !inRange(r.day)) continue;
    count('chat', r.site, r.model, spendOfDayTotal(r));
    onDay('chat', r.day, r.costMicroUsd);
  }
  for (const r of importRows) {
    if (!inRange(r.day)) continue;
    const kind = kindOfSource(r.source);
    count(kind, r.source, r.model, r, r);
    onDay(kind, r.day, pricedOf(r));
  }
  for (const r of monthRows) {
    const kind = kindOfSource(r.source);
    count(kind, r.source, r.model, r, kind === 'chat' ? undefined : r);
    r.dayMicroUsd.forEach((micro, i) => micro && onDay(kind, dayOfMonth(r.month, i), micro));
  }
  const order = (a: SpendRow, b: SpendRow) =>
    pricedMicroUsd(b) - pricedMicroUsd(a) || b.events - a.events || (a.key < b.key ? -1 : 1);
  const split = Object.fromEntries(
    SPEND_DIMENSIONS.map((by) => [by, [...groups[by].values()].sort(order)]),
  ) as Record<SpendBy, SpendRow[]>;
  return { period, days, daily, totals, split };
}

/**
 * Read the rollups of the period (and nothing else) and fold them: its whole months from the
 * month rollup, its other days from the day rollups; all time from the month rollup alone.
 */
export async function loadSpend(
  db: HistoryDB,
  period: SpendPeriod,
  now: number,
  calendar: CalendarOptions,
): Promise<SpendView> {
  return db.transaction('r', [db.dayTotals, db.importDays, db.spendMonths, db.meta], async () => {
    let chatRows: DayTotal[] = [];
    let importRows: ImportDayRow[] = [];
    let monthRows: SpendMonthRow[];
    let days: string[];
    let rowsRead: number;
    const tz = db.meta.get(ROLLUP_TIME_ZONE);
    if (period === 'all') {
      monthRows = await db.spendMonths.toArray();
      days = spendDays(period, now, calendar, firstDayOf(monthRows));
      rowsRead = monthRows.length;
    } else {
      days = spendDays(period, now, calendar, null);
      const whole = wholeMonths(days);
      const edges = days.filter((d) => !whole.has(monthOf(d)));
      const [a, b] = [edges[0], edges[edges.length - 1]];
      [monthRows, chatRows, importRows] = await Promise.all([
        whole.size
          ? db.spendMonths
              .where('month')
              .anyOf([...whole])
              .toArray()
          : [],
        a ? db.dayTotals.where('day').between(a, b, true, true).toArray() : [],
        a ? db.importDays.where('day').between(a, b, true, true).toArray() : [],
      ]);
      rowsRead = monthRows.length + chatRows.length + importRows.length;
      // A day row inside a whole month read above would be counted twice.
      chatRows = chatRows.filter((r) => !whole.has(monthOf(r.day)));
      importRows = importRows.filter((r) => !whole.has(monthOf(r.day)));
    }
    const zone = (await tz)?.value;
    return {
      ...foldSpend(period, days, chatRows, importRows, monthRows),
      rowsRead,
      otherTimeZone: typeof zone === 'string' && zone !== calendar.timeZone ? zone : null,
    };
  });
}
