/** Display strings for comparison figures (pure; the page and the CLI table share them). */
import type { CompareRow } from './rows';

/** "0.09x", "1.00x", "3.47x", "12x"; below 0.01, "<0.01x". */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  if (ratio > 0 && ratio < 0.01) return '<0.01x';
  return ratio >= 10 ? `${Math.round(ratio)}x` : `${ratio.toFixed(2)}x`;
}

/** 200000 → "200K", 1048576 → "1M" (binary windows are shown the way labs name them). */
export function formatWindow(tokens: number): string {
  if (tokens >= 1_000_000) return `${+(tokens / 1_000_000).toFixed(2)}M`;
  if (tokens >= 1_000) return `${+(tokens / 1_000).toFixed(1)}K`;
  return String(tokens);
}

/** The price tier a row falls in: "flat", "≤ 200K" (base of a tiered price), "> 200K". */
export function formatTier(row: CompareRow): string {
  if (row.price.status !== 'priced') return '—';
  const { tierAbove, tiers } = row.price;
  if (tierAbove !== null) return `> ${formatWindow(tierAbove)}`;
  return tiers.length ? `≤ ${formatWindow(tiers[0])}` : 'flat';
}

/** "fits", "no room for the reply", "too long", "?" (window unknown), "…" (counting). */
export function formatFit(row: CompareRow): string {
  if (row.tokens === null) return '…';
  if (row.fitsContext === null) return '?';
  if (!row.fitsContext) return 'too long';
  return row.fitsWithReply === false ? 'no room for the reply' : 'fits';
}

/** "≈" for estimates, "~" for a related vocabulary, "" for exact counts. */
export function provenanceMark(row: CompareRow): string {
  return row.provenance === 'estimate' ? '≈' : row.provenance === 'vocab' ? '~' : '';
}
