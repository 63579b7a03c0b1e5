/**
 * Sorting and filtering comparison rows. Rows without a value for the sorted column (counting,
 * unpriced, unknown window) always go last, whatever the direction, so "cheapest first" never
 * puts an unpriced model on top as if it were free.
 */
import type { ModelSummary } from '../ratecard/index';
import type { Region } from './defaults';
import type { CompareRow } from './rows';

export type SortKey =
  'name' | 'provider' | 'tokens' | 'input' | 'output' | 'total' | 'ratio' | 'context' | 'tier';
export type SortDir = 'asc' | 'desc';

export const SORT_KEYS: readonly SortKey[] = [
  'name',
  'provider',
  'tokens',
  'input',
  'output',
  'total',
  'ratio',
  'context',
  'tier',
];

function valueOf(row: CompareRow, key: SortKey): number | string | null {
  const p = row.price.status === 'priced' ? row.price : null;
  switch (key) {
    case 'name':
      return row.name.toLowerCase();
    case 'provider':
      return row.provider;
    case 'tokens':
      return row.tokens;
    case 'input':
      return p?.inputMicros ?? null;
    case 'output':
      return p?.outputMicros ?? null;
    case 'total':
      return p?.totalMicros ?? null;
    case 'ratio':
      return row.ratio;
    case 'context':
      return row.contextWindow;
    case 'tier':
      // Base rate first, then by the threshold crossed.
      return p ? (p.tierAbove ?? 0) : null;
  }
}

/** A sorted copy. Ties keep a stable order: by name, then id. */
export function sortRows(rows: readonly CompareRow[], key: SortKey, dir: SortDir): CompareRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = valueOf(a, key);
    const vb = valueOf(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      return sign * (va < vb ? -1 : 1);
    }
    return a.name.localeCompare(b.name, 'en') || a.model.localeCompare(b.model, 'en');
  });
}

export interface RowFilter {
  /** Providers to keep (empty or missing: all). */
  providers?: readonly string[];
  regions?: readonly Region[];
}

export function filterRows(rows: readonly CompareRow[], filter: RowFilter): CompareRow[] {
  const providers = filter.providers?.length ? new Set(filter.providers) : null;
  const regions = filter.regions?.length ? new Set(filter.regions) : null;
  return rows.filter(
    (r) =>
      r.current ||
      ((!providers || providers.has(r.provider)) && (!regions || regions.has(r.region))),
  );
}

/**
 * Models of the card matching a search: every word of the query must start a word of the id,
 * name or provider (case-insensitive; `/ . - _ :` and spaces all separate words, so "sonnet 4.5"
 * finds "claude-sonnet-4-5" but not "claude-sonnet-4-20250514"). Best first: a name that starts
 * with the query, then shorter names.
 */
export function searchModels(
  models: readonly ModelSummary[],
  query: string,
  limit = 20,
): ModelSummary[] {
  const fold = (s: string) =>
    s
      .toLowerCase()
      .replace(/[\s/._:-]+/g, ' ')
      .trim();
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const joined = words.join(' ');
  return models
    .map((m) => ({
      m,
      hay: fold(`${m.id} ${m.name} ${m.provider}`).split(' '),
      name: fold(m.name),
    }))
    .filter(({ hay }) => words.every((w) => hay.some((h) => h.startsWith(w))))
    .sort(
      (a, b) =>
        Number(b.name.startsWith(joined)) - Number(a.name.startsWith(joined)) ||
        Number(b.name.includes(joined)) - Number(a.name.includes(joined)) ||
        a.name.length - b.name.length ||
        a.m.id.localeCompare(b.m.id, 'en'),
    )
    .slice(0, limit)
    .map(({ m }) => m);
}
