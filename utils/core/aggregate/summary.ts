/**
 * What the popup shows, computed from rollup rows: totals per period with the change against
 * the previous period, daily series, breakdowns by model and by site, top conversations.
 */
import type { Period } from './periods';
import { addInto, emptyTotals, type DayConversation, type DayTotal, type Totals } from './rollup';

export interface Change {
  /** current − previous, micro-USD. */
  deltaMicroUsd: number;
  /** Relative change, or null when the previous period cost nothing (no ratio to show). */
  ratio: number | null;
}

export interface PeriodSummary {
  period: Period;
  totals: Totals;
  previous: Totals;
  change: Change;
}

export interface Slice {
  key: string;
  totals: Totals;
}

function inPeriod(day: string, period: Period): boolean {
  // Day keys are ISO dates, so string order is date order.
  return day >= period.days[0] && day <= period.days[period.days.length - 1];
}

export function totalsIn(rows: readonly (Totals & { day: string })[], period: Period): Totals {
  const sum = emptyTotals();
  for (const row of rows) if (inPeriod(row.day, period)) addInto(sum, row);
  return sum;
}

export function changeBetween(current: Totals, previous: Totals): Change {
  const deltaMicroUsd = current.costMicroUsd - previous.costMicroUsd;
  return {
    deltaMicroUsd,
    ratio: previous.costMicroUsd === 0 ? null : deltaMicroUsd / previous.costMicroUsd,
  };
}

export function summarize(
  rows: readonly DayTotal[],
  period: Period,
  previousPeriod: Period,
): PeriodSummary {
  const totals = totalsIn(rows, period);
  const previous = totalsIn(rows, previousPeriod);
  return { period, totals, previous, change: changeBetween(totals, previous) };
}

/** Cost per day of the period (micro-USD), aligned with `period.days`. */
export function dailyCosts(rows: readonly DayTotal[], period: Period): number[] {
  const index = new Map(period.days.map((d, i) => [d, i]));
  const out = period.days.map(() => 0);
  for (const row of rows) {
    const i = index.get(row.day);
    if (i !== undefined) out[i] += row.costMicroUsd;
  }
  return out;
}

function sortSlices(slices: Slice[]): Slice[] {
  return slices.sort(
    (a, b) =>
      b.totals.costMicroUsd - a.totals.costMicroUsd ||
      b.totals.input + b.totals.output - (a.totals.input + a.totals.output) ||
      a.key.localeCompare(b.key),
  );
}

/** Totals per model ("" = unresolved model) or per site over the period, largest cost first. */
export function breakdown(
  rows: readonly DayTotal[],
  period: Period,
  by: 'model' | 'site',
): Slice[] {
  const groups = new Map<string, Totals>();
  for (const row of rows) {
    if (!inPeriod(row.day, period)) continue;
    const key = row[by];
    let t = groups.get(key);
    if (!t) groups.set(key, (t = emptyTotals()));
    addInto(t, row);
  }
  return sortSlices([...groups].map(([key, totals]) => ({ key, totals })));
}

/** The `limit` conversations with the largest cost (then tokens) in the period. */
export function topConversations(
  rows: readonly DayConversation[],
  period: Period,
  limit: number,
): Slice[] {
  const groups = new Map<string, Totals>();
  for (const row of rows) {
    if (!inPeriod(row.day, period)) continue;
    let t = groups.get(row.conversation);
    if (!t) groups.set(row.conversation, (t = emptyTotals()));
    addInto(t, row);
  }
  return sortSlices([...groups].map(([key, totals]) => ({ key, totals }))).slice(0, limit);
}
