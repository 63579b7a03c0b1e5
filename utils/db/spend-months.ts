/**
 * The month rollup (`spendMonths`): a whole month, or all time, in a few rows per month instead
 * of one per day, source and model. It is folded from the day rollups' own rows, never from the
 * events a second way: the writers fold each batch into `dayTotals` and `importDays` and hand the
 * same day deltas here (sign 1 to add, -1 to take out), in the same transaction; the schema
 * upgrade that adds the table folds the stored day rows with the same function. So a month row is
 * always the sum of its day rows, counted the dashboard's way: chat from `dayTotals` (rows whose
 * site is an import source are left out: their events are counted from `importDays`).
 */
import type { DayTotal } from '@/utils/core/aggregate';
import type { HistoryDB } from './schema';
import { isImportSource } from './spend-kind';
import type { ImportDayRow, SpendMonthRow, SpendValues } from './types';

export const SPEND_FIELDS = [
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
] as const satisfies readonly (keyof SpendValues)[];

export const zeroSpend = (): SpendValues =>
  Object.fromEntries(SPEND_FIELDS.map((f) => [f, 0])) as unknown as SpendValues;

/** Priced money: billed + API-equivalent + estimate (unpriced events add nothing). */
export const pricedOf = (v: SpendValues) => v.billedMicroUsd + v.apiMicroUsd + v.estimateMicroUsd;

/** A chat day rollup row in the dashboard's terms: its cost is API-equivalent. */
export function spendOfDayTotal(r: DayTotal): SpendValues {
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

/** "YYYY-MM" of a day key. */
export const monthOf = (day: string) => day.slice(0, 7);
/** Index of a day key in its month row's per-day arrays. */
export const dayIndex = (day: string) => Number(day.slice(8, 10)) - 1;

export const spendMonthId = (
  month: string,
  source: string,
  agent: string,
  project: string,
  model: string,
) => `${month}|${source}|${agent}|${project}|${model}`;

interface Dims {
  source: string;
  agent: string;
  project: string;
  model: string;
}

function emptyMonth(month: string, d: Dims): SpendMonthRow {
  return {
    id: spendMonthId(month, d.source, d.agent, d.project, d.model),
    month,
    source: d.source,
    agent: d.agent,
    project: d.project,
    model: d.model,
    ...zeroSpend(),
    dayEvents: new Array<number>(31).fill(0),
    dayMicroUsd: new Array<number>(31).fill(0),
  };
}

function addDay(
  rows: Map<string, SpendMonthRow>,
  day: string,
  d: Dims,
  v: SpendValues,
  sign: 1 | -1,
): void {
  const month = monthOf(day);
  const id = spendMonthId(month, d.source, d.agent, d.project, d.model);
  let row = rows.get(id);
  if (!row) rows.set(id, (row = emptyMonth(month, d)));
  for (const f of SPEND_FIELDS) row[f] += sign * v[f];
  const i = dayIndex(day);
  row.dayEvents[i] += sign * v.events;
  row.dayMicroUsd[i] += sign * pricedOf(v);
}

/**
 * Fold day rollup rows into month rows in `rows` (made on first use): chat rows of `dayTotals`
 * (those of import sources are skipped) and rows of `importDays`, added (1) or taken out (-1).
 */
export function addDaysToMonths(
  rows: Map<string, SpendMonthRow>,
  chat: Iterable<DayTotal>,
  imports: Iterable<ImportDayRow>,
  sign: 1 | -1 = 1,
): void {
  for (const r of chat) {
    if (isImportSource(r.site)) continue;
    const dims = { source: r.site, agent: '', project: '', model: r.model };
    addDay(rows, r.day, dims, spendOfDayTotal(r), sign);
  }
  for (const r of imports) addDay(rows, r.day, r, r, sign);
}

/** Add day deltas to the stored month rows (inside a write transaction over `spendMonths`). */
export async function foldSpendMonths(
  db: HistoryDB,
  chat: Iterable<DayTotal>,
  imports: Iterable<ImportDayRow>,
  sign: 1 | -1,
): Promise<void> {
  const deltas = new Map<string, SpendMonthRow>();
  addDaysToMonths(deltas, chat, imports, sign);
  if (deltas.size === 0) return;
  const ids = [...deltas.keys()];
  const existing = await db.spendMonths.bulkGet(ids);
  const put: SpendMonthRow[] = [];
  const gone: string[] = [];
  ids.forEach((id, n) => {
    const delta = deltas.get(id)!;
    const old = existing[n];
    if (!old) {
      if (delta.events > 0) put.push(delta);
      return;
    }
    const row = { ...old, dayEvents: [...old.dayEvents], dayMicroUsd: [...old.dayMicroUsd] };
    for (const f of SPEND_FIELDS) row[f] += delta[f];
    for (let i = 0; i < 31; i++) {
      row.dayEvents[i] += delta.dayEvents[i];
      row.dayMicroUsd[i] += delta.dayMicroUsd[i];
    }
    if (row.events <= 0) gone.push(id);
    else put.push(row);
  });
  if (put.length) await db.spendMonths.bulkPut(put);
  if (gone.length) await db.spendMonths.bulkDelete(gone);
}
