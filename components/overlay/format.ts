import type { TokenCount } from '@/utils/core/types';
import type { TurnRow } from '@/utils/overlay/types';
import type { LocalMoney } from '@/utils/overlay/types';
import { isStaleRate } from '@/utils/core/ratecard/stale-rate';
import { formatNumber, t, type MessageKey } from '@/utils/i18n';

/**
 * USD from integer micro-dollars, with enough digits that a small draft is not shown as $0.00,
 * written by Intl in the UI's locale (`$0.0012` in English, `US$0.0012` in Chinese). Always USD:
 * the figure is what the rate card says, not converted.
 */
export function formatUsdShort(micros: number): string {
  return formatMoneyShort(micros, 'USD');
}

/**
 * A cost as shown: in the user's currency when the background priced it in it (`local`), else
 * the card's USD figure.
 */
export function formatCostShort(usdMicros: number, local?: LocalMoney): string {
  return local ? formatMoneyShort(local.micros, local.currency) : formatUsdShort(usdMicros);
}

/**
 * Where a figure in the user's currency comes from, in words: the lab's list price and its
 * source, or the rate, its day and origin (a rate older than a week says "stale").
 */
export function localMoneyNote(local: LocalMoney, now = Date.now()): string {
  if (local.basis === 'list price') {
    return t('overlay.money.listPrice', { currency: local.currency, source: local.source });
  }
  const rate = local.rate;
  const text = rate
    ? t('overlay.money.converted', {
        rate: String(rate.perUsd),
        currency: local.currency,
        date: rate.date,
      })
    : local.source;
  const stale =
    rate &&
    rate.source !== 'user' &&
    isStaleRate({ ...rate, currency: local.currency, source: 'synced' }, now)
      ? t('overlay.money.stale')
      : '';
  const mixed = local.basis === 'mixed' ? t('overlay.money.mixed') : '';
  return `${mixed}${text}${stale}`;
}

/** Micro-units of any currency, with the digits formatUsdShort uses for USD. */
export function formatMoneyShort(micros: number, currency: string): string {
  const dollars = micros / 1_000_000;
  const usd = (digits: number) =>
    formatNumber(dollars, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  if (micros === 0) return usd(0);
  if (dollars >= 100) return usd(0);
  if (dollars >= 1) return usd(2);
  if (dollars >= 0.01) return usd(3);
  // Two significant digits below a cent: $0.00042.
  return usd(Math.min(6, 1 - Math.floor(Math.log10(dollars))));
}

export function formatTokenCount(count: TokenCount | null | undefined): string {
  if (!count) return '…';
  if (count.provenance === 'unknown') return '?';
  const n = formatNumber(count.tokens);
  return count.provenance === 'estimate' ? `≈${n}` : n;
}

export function describeProvenance(count: TokenCount | null | undefined): string {
  if (!count) return t('overlay.provenance.counting');
  return t('overlay.provenance.withFamily', {
    text: t(`overlay.provenance.${count.provenance}`),
    family: count.family,
  });
}

export function provenanceTag(count: TokenCount | null | undefined): string {
  if (!count) return '';
  const p = count.provenance;
  return p === 'estimate' ? '≈' : p === 'unknown' ? '?' : t(`overlay.tag.${p}`);
}

/** The meter's notes (why there is no number) in the UI's language; an unknown note as is. */
const NOTE_KEYS: Record<string, MessageKey> = {
  unpriced: 'overlay.note.unpriced',
  counting: 'overlay.note.counting',
  'engine unavailable': 'overlay.note.engineDown',
  'composer not found': 'overlay.note.composerMissing',
};

export function noteText(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  const key = NOTE_KEYS[note];
  return key ? t(key) : note;
}

/**
 * Where the conversation's reply figures come from: replies whose numbers are the site's own
 * (its stream reported them), replies counted here, and whether any counted one is an estimate
 * rather than a tokenizer's count.
 */
export interface FigureSources {
  site: number;
  counted: number;
  estimate: boolean;
}

export function figureSources(rows: readonly TurnRow[]): FigureSources {
  const out: FigureSources = { site: 0, counted: 0, estimate: false };
  for (const row of rows) {
    if (row.exact) {
      out.site++;
      continue;
    }
    out.counted++;
    if (row.input?.provenance === 'estimate' || row.output?.provenance === 'estimate')
      out.estimate = true;
  }
  return out;
}

/** The pill's short mark for the conversation's figures (empty: no reply yet). */
export function figureSourcesShort(f: FigureSources): string {
  if (f.site === 0 && f.counted === 0) return '';
  if (f.counted === 0) return t('overlay.figures.siteShort');
  const counted = f.estimate
    ? t('overlay.figures.estimatedShort')
    : t('overlay.figures.countedShort');
  if (f.site === 0) return counted;
  return t('overlay.figures.mixedShort', { site: f.site, counted: f.counted });
}

/** The long form: how many replies carry the site's numbers, how many were counted here. */
export function figureSourcesText(f: FigureSources): string {
  return t('overlay.figures.text', {
    site: f.site,
    counted: f.counted,
    how: f.estimate ? t('overlay.figures.howEstimate') : t('overlay.figures.howTokenizer'),
  });
}
