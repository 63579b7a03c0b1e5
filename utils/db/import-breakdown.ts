/**
 * Imported usage split by source, agent, project and model, from the importDays rollup (never a
 * scan of the events): tokens by class with cache reads apart, and cost by kind (billed,
 * API-equivalent, the aggregator's estimate) with unpriced events counted, never as $0.
 */
import type { HistoryDB } from './schema';
import { SPEND_FIELDS, zeroSpend } from './spend-months';
import type { ImportDayRow } from './types';

export interface BreakdownRow {
  key: string;
  events: number;
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  billedMicroUsd: number;
  apiMicroUsd: number;
  estimateMicroUsd: number;
  unpricedEvents: number;
}

export type BreakdownBy = 'source' | 'agent' | 'project' | 'model';

/** Fold rollup rows into one row per value of each dimension, largest cost first. */
export function splitImports(rows: readonly ImportDayRow[]): Record<BreakdownBy, BreakdownRow[]> {
  const out = {} as Record<BreakdownBy, BreakdownRow[]>;
  for (const by of ['source', 'agent', 'project', 'model'] as const) {
    const groups = new Map<string, BreakdownRow>();
    for (const r of rows) {
      const key = r[by] || '—';
      let g = groups.get(key);
      if (!g) {
        g = { key, ...zeroSpend() };
        groups.set(key, g);
      }
      for (const f of SPEND_FIELDS) g[f] += r[f];
    }
    const cost = (g: BreakdownRow) => g.billedMicroUsd + g.apiMicroUsd + g.estimateMicroUsd;
    out[by] = [...groups.values()].sort((a, b) => cost(b) - cost(a) || b.events - a.events);
  }
  return out;
}

/** The split of the days from `fromDay` (YYYY-MM-DD, local) on. */
export async function loadImportBreakdown(db: HistoryDB, fromDay: string) {
  return splitImports(await db.importDays.where('day').aboveOrEqual(fromDay).toArray());
}
