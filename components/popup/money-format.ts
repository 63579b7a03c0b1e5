/**
 * Money on screen: integer micro-USD converted to the display currency with the rate in use (the
 * user's own, else the one the rate-card sync fetched, else the bundled one, as the overlay
 * prices), its date shown and a stale rate said so; an unpriced amount is "unpriced", never $0.
 * The popup and dashboard figures are sums of history, so they are converted at that one rate
 * (a lab's list price in the currency applies to a single price, not to these sums); the title
 * says so. No React here: the popup's first paint (first-paint.ts) formats with it before React
 * has loaded.
 */
import { convertMicros, formatMoney, rateFor } from '@/utils/core/ratecard/currency';
import type { ExchangeRate } from '@/utils/core/ratecard/currency';
import { isStaleRate } from '@/utils/core/ratecard/stale-rate';
import type { CurrencySettings } from '@/utils/storage/settings/money';
import { formatNumber, t } from '@/utils/i18n';

export interface Money {
  /** "$1.23" / "CN¥8.80". */
  format(microUsd: number): string;
  /**
   * Where the figures come from, for a footer: "converted at 7.1726 CNY/USD on 2025-02-25
   * (stale rate)", or "no exchange rate for XAF: shown in USD"; null for USD.
   */
  rateNote: string | null;
  /** For a sum of history (a title): "history converted at today's rate, …"; null for USD. */
  sumTitle: string | null;
  /** The currency shown (USD when the one asked has no rate). */
  currency: string;
  /** Units of the display currency per USD (1 for USD). */
  perUsd: number;
  /** The rate in use (null for USD). */
  rate: ExchangeRate | null;
  /** False until the currency setting was read (numbers wait for it: no flash of USD). */
  loaded?: boolean;
}

export interface MoneyContext {
  /** Rates the rate-card sync fetched (state/exchange-rates.ts). */
  synced?: Record<string, ExchangeRate> | null;
  /** Epoch ms a rate's age is judged at (the page's pinned clock). */
  now?: number;
}

export function makeMoney(
  settings: CurrencySettings | undefined,
  locale?: string,
  context: MoneyContext = {},
): Money {
  const asked = settings?.currency ?? 'USD';
  const rate = asked === 'USD' ? null : rateFor(asked, settings?.rates, context.synced ?? {});
  const format = (micro: number) =>
    rate
      ? formatMoney(convertMicros(micro, rate), rate.currency, locale)
      : formatMoney(micro, 'USD', locale);
  if (!rate) {
    const rateNote =
      asked === 'USD'
        ? null
        : t('overlay.money.noRate', { error: t('popup.money.noRateFor', { currency: asked }) });
    return { format, rateNote, sumTitle: rateNote, currency: 'USD', perUsd: 1, rate: null };
  }
  const converted = t('overlay.money.converted', {
    rate: String(rate.perUsd),
    currency: rate.currency,
    date: rate.date,
  });
  const stale =
    rate.source !== 'user' && isStaleRate(rate, context.now ?? Date.now())
      ? t('overlay.money.stale')
      : '';
  const origin = t(`popup.money.origin.${rate.source}`);
  const rateNote = `${converted}${origin}${stale}`;
  return {
    format,
    rateNote,
    sumTitle: t('popup.money.sumTitle', { note: rateNote }),
    currency: rate.currency,
    perUsd: rate.perUsd,
    rate,
  };
}

export function formatTokensShort(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

export function formatChange(ratio: number | null): string {
  if (ratio === null) return t('popup.noSpendBefore');
  const pct = Math.round(ratio * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${formatNumber(Math.abs(pct))}%`;
}
