/**
 * Money on screen: integer micro-USD converted to the display currency with its dated rate
 * (the rate-card helper's formatter); an unpriced amount is "unpriced", never $0. No React here:
 * the popup's first paint (first-paint.ts) formats with it before React has loaded.
 */
import { formatCost, rateFor } from '@/utils/core/ratecard/currency';
import type { CurrencySettings } from '@/utils/storage';
import { formatNumber, t } from '@/utils/i18n';

export interface Money {
  /** "$1.23" / "CN¥8.80". */
  format(microUsd: number): string;
  /** "7.1726 CNY/USD on 2025-02-25", or null for USD. */
  rateNote: string | null;
  currency: string;
  /** Units of the display currency per USD (1 for USD). */
  perUsd: number;
  /** False until the currency setting was read (numbers wait for it: no flash of USD). */
  loaded?: boolean;
}

export function makeMoney(settings: CurrencySettings | undefined, locale?: string): Money {
  const display = {
    currency: settings?.currency ?? 'USD',
    userRates: settings?.rates ?? {},
    locale,
  };
  const rate = display.currency === 'USD' ? null : rateFor(display.currency, display.userRates);
  return {
    format: (micro) => formatCost(micro, display).amount,
    rateNote: formatCost(0, display).rate,
    currency: rate ? rate.currency : 'USD',
    perUsd: rate ? rate.perUsd : 1,
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
