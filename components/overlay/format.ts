import type { TokenCount } from '@/utils/core/types';

/** USD from integer micro-dollars, with enough digits that a small draft is not shown as $0.00. */
export function formatUsdShort(micros: number): string {
  const dollars = micros / 1_000_000;
  if (micros === 0) return '$0';
  if (dollars >= 100) return `$${dollars.toFixed(0)}`;
  if (dollars >= 1) return `$${dollars.toFixed(2)}`;
  if (dollars >= 0.01) return `$${dollars.toFixed(3)}`;
  // Two significant digits below a cent: $0.00042.
  const digits = Math.min(6, 1 - Math.floor(Math.log10(dollars)));
  return `$${dollars.toFixed(digits)}`;
}

export function formatTokenCount(count: TokenCount | null | undefined): string {
  if (!count) return '…';
  if (count.provenance === 'unknown') return '?';
  const n = count.tokens.toLocaleString('en-US');
  return count.provenance === 'estimate' ? `≈${n}` : n;
}

const PROVENANCE_TEXT: Record<TokenCount['provenance'], string> = {
  site: 'exact, reported by the site',
  exact: "exact, the model's tokenizer",
  vocab: 'a closely related vocabulary',
  estimate: 'estimate',
  unknown: 'not shown by the site',
};

export function describeProvenance(count: TokenCount | null | undefined): string {
  if (!count) return 'counting';
  return `${PROVENANCE_TEXT[count.provenance]} (${count.family})`;
}

export function provenanceTag(count: TokenCount | null | undefined): string {
  if (!count) return '';
  return { site: 'site', exact: 'exact', vocab: 'vocab', estimate: '≈', unknown: '?' }[
    count.provenance
  ];
}
