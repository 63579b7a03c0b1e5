/**
 * The popup's compact split of spend by kind (chat sites / agents / API keys and bills), folded
 * from the period's by-site slices it already has (imported usage is stored under its source
 * id), and the week's top agent and project from the importDays rollup.
 */
import { addInto, emptyTotals, type Slice, type Totals } from '@/utils/core/aggregate';
import { splitImports, type BreakdownRow } from '@/utils/db/import-breakdown';
import { kindOfSource, SPEND_KINDS, type SpendKind } from '@/utils/db/spend-kind';
import type { ImportDayRow } from '@/utils/db/types';

export function splitByKind(bySite: readonly Slice[]): Record<SpendKind, Totals> {
  const out = Object.fromEntries(SPEND_KINDS.map((k) => [k, emptyTotals()])) as Record<
    SpendKind,
    Totals
  >;
  for (const s of bySite) addInto(out[kindOfSource(s.key)], s.totals);
  return out;
}

/** Whether the split says anything the by-site list does not: some spend is not chat. */
export const hasImported = (split: Record<SpendKind, Totals>) =>
  split.agent.events + split.api.events > 0;

export interface TopImported {
  agent: BreakdownRow | null;
  project: BreakdownRow | null;
}

/** The largest agent and project of the rows (by priced cost, then events); "—" keys are skipped. */
export function topImported(rows: readonly ImportDayRow[]): TopImported {
  const split = splitImports(rows);
  const first = (list: BreakdownRow[]) => list.find((r) => r.key !== '—') ?? null;
  return { agent: first(split.agent), project: first(split.project) };
}
