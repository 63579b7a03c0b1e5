/**
 * All spend in one view (the dashboard page): chat turns from the `dayTotals` rollup and
 * imported usage (agents, aggregators, API reports) from the `importDays` rollup, folded over a
 * week, a month or all time. Never a scan of the events: the first view reads only rollup rows
 * (a few per day and source), so it stays fast with a million events.
 *
 * Imported events sit in both rollups (`dayTotals` under `site = <source id>`, so that the popup
 * and budgets count them); here they are taken from `importDays` only, which keeps their cost by
 * kind (billed / API-equivalent / the aggregator's estimate / unpriced) and cache reads and
 * writes apart. A chat turn's cost is API-equivalent; a chat turn the card could not price is
 * counted as unpriced, never as $0.
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
import type { ImportDayRow } from './types';
import { ROLLUP_TIME_ZONE } from './write';

export * from './spend-kind';

export type SpendPeriod = 'week' | 'month' | 'all';
/** Chat sites; agents (their own logs and the aggregators that read those logs); API keys and bills. */
export interface SpendRow {
  key: string;
  events: number;
  /** Uncached input. */
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  /** What the source says was charged. */
  billedMicroUsd: number;
  /** Priced on the rate card (chat turns; imported usage with no stated cost). */
  apiMicroUsd: number;
  /** An aggregator's own estimate, for models the card does not know. */
  estimateMicroUsd: number;
  unpricedEvents: number;
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

const FIELDS = [
  'events',
  'input',
  'cacheRead',
  'cacheWrite',
  'output',
  'reasoning',
  'billedMicroUsd',
  'apiMicroUsd',
  'estimateMicroUsd',
  'unpricedEvents',
] as const;

export const emptySpendRow = (key: string): SpendRow => ({
  key,
  ...(Object.fromEntries(FIELDS.map((f) => [f, 0])) as Omit<SpendRow, 'key'>),
});

/** Priced money of a row: billed + API-equivalent + estimate (unpriced events add nothing). */
export const pricedMicroUsd = (r: SpendRow) =>
  r.billedMicroUsd + r.apiMicroUsd + r.estimateMicroUsd;

function addRow(target: SpendRow, add: Omit<SpendRow, 'key'>): void {
  for (const f of FIELDS) target[f] += add[f];
}

/** A chat rollup row in the dashboard's terms (imported sources are read from importDays). */
function fromDayTotal(r: DayTotal): Omit<SpendRow, 'key'> {
  return {
    events: r.events,
    input: r.input,
    cacheRead: 0,
    cacheWrite: 0,
    output: r.output,
    reasoning: r.reasoning,
    billedMicroUsd: 0,
    apiMicroUsd: r.costMicroUsd,
    estimateMicroUsd: 0,
    unpricedEvents: r.events - r.pricedEvents,
  };
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

/**
 * Fold chat and imported rollup rows of `days` into the view. Rows outside `days` are ignored
 * (a day after today cannot be shown on the chart but is still counted in "all").
 */
export function foldSpend(
  period: SpendPeriod,
  days: string[],
  chatRows: readonly DayTotal[],
  importRows: readonly ImportDayRow[],
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
  const add = (by: SpendBy, key: string, row: Omit<SpendRow, 'key'>) => {
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
  for (const r of chatRows) {
    if (isImportSource(r.site) || !inRange(r.day)) continue;
    const row = fromDayTotal(r);
    addRow(totals, row);
    add('kind', 'chat', row);
    add('source', r.site, row);
    add('model', r.model, row);
    onDay('chat', r.day, r.costMicroUsd);
  }
  for (const r of importRows) {
    if (!inRange(r.day)) continue;
    const kind = kindOfSource(r.source);
    addRow(totals, r);
    add('kind', kind, r);
    add('source', r.source, r);
    add('agent', r.agent, r);
    add('project', r.project, r);
    add('model', r.model, r);
    onDay(kind, r.day, r.billedMicroUsd + r.apiMicroUsd + r.estimateMicroUsd);
  }
  const order = (a: SpendRow, b: SpendRow) =>
    pricedMicroUsd(b) - pricedMicroUsd(a) || b.events - a.events || (a.key < b.key ? -1 : 1);
  const split = Object.fromEntries(
    SPEND_DIMENSIONS.map((by) => [by, [...groups[by].values()].sort(order)]),
  ) as Record<SpendBy, SpendRow[]>;
  return { period, days, daily, totals, split };
}

/** Read the rollups of the period (and nothing else) and fold them. */
export async function loadSpend(
  db: HistoryDB,
  period: SpendPeriod,
  now: number,
  calendar: CalendarOptions,
): Promise<SpendView> {
  return db.transaction('r', [db.dayTotals, db.importDays, db.meta], async () => {
    let chatRows: DayTotal[];
    let importRows: ImportDayRow[];
    let days: string[];
    const tz = db.meta.get(ROLLUP_TIME_ZONE);
    if (period === 'all') {
      [chatRows, importRows] = await Promise.all([db.dayTotals.toArray(), db.importDays.toArray()]);
      let first: string | null = null;
      for (const r of chatRows) if (first === null || r.day < first) first = r.day;
      for (const r of importRows) if (first === null || r.day < first) first = r.day;
      days = spendDays(period, now, calendar, first);
    } else {
      days = spendDays(period, now, calendar, null);
      const [a, b] = [days[0], days[days.length - 1]];
      [chatRows, importRows] = await Promise.all([
        db.dayTotals.where('day').between(a, b, true, true).toArray(),
        db.importDays.where('day').between(a, b, true, true).toArray(),
      ]);
    }
    const zone = (await tz)?.value;
    return {
      ...foldSpend(period, days, chatRows, importRows),
      rowsRead: chatRows.length + importRows.length,
      otherTimeZone: typeof zone === 'string' && zone !== calendar.timeZone ? zone : null,
    };
  });
}
