/**
 * Showing costs in another currency. Every source prices in USD, so a cost is converted from
 * micro-USD with a dated rate, and the rate and its date are shown next to every converted figure
 * (formatCost); the user can replace any rate in settings.
 */
import { toScaledBigInt, divRound } from './decimal';
import { isStaleRate } from './stale-rate';

export interface ExchangeRate {
  /** ISO 4217 code of the target currency. */
  currency: string;
  /** Units of `currency` per 1 USD, e.g. 7.1726 for CNY. */
  perUsd: number;
  /** Day the rate is from (YYYY-MM-DD). */
  date: string;
  /** 'bundled' (the default below), 'synced' (fx.ts, refreshed with the rate card) or 'user'. */
  source: 'bundled' | 'synced' | 'user';
}

/**
 * Bundled default rates, from the China Foreign Exchange Trade System's central parity rates of
 * 2025-02-25 (as published by Xinhua: 100 USD = 717.26 CNY, 100 EUR = 753.22 CNY, 100 JPY = 4.8137
 * CNY, 100 GBP = 908.65 CNY, …), converted to units per USD. They are dated on purpose: they age,
 * the date is shown, and the user can set today's rate.
 */
export const BUNDLED_RATE_DATE = '2025-02-25';
const PER_USD: Record<string, number> = {
  USD: 1,
  CNY: 7.1726,
  EUR: 0.952258,
  GBP: 0.789369,
  JPY: 149.0039,
  HKD: 7.775598,
  AUD: 1.56857,
  CAD: 1.419558,
  CHF: 0.89483,
  SGD: 1.334214,
  NZD: 1.733768,
  KRW: 1421.2507,
};
export const BUNDLED_RATES: Record<string, ExchangeRate> = Object.fromEntries(
  Object.entries(PER_USD).map(([currency, perUsd]) => [
    currency,
    { currency, perUsd, date: BUNDLED_RATE_DATE, source: 'bundled' as const },
  ]),
);

let known: Set<string> | undefined;

/** An ISO 4217 code the runtime knows (Intl formats any 3 letters, so its list is asked). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code) || code in PER_USD;
}

/**
 * The rate to use: the user's rate if set, else the synced one, else the bundled one, else null
 * (show USD). `userRates` may hold synced rates too: a user's rate wins over them.
 */
export function rateFor(
  currency: string,
  userRates: Record<string, ExchangeRate> = {},
  syncedRates: Record<string, ExchangeRate> = {},
): ExchangeRate | null {
  return userRates[currency] ?? syncedRates[currency] ?? BUNDLED_RATES[currency] ?? null;
}

/** micro-USD → micro-units of the rate's currency, exactly (integer, rounded half up). */
export function convertMicros(microUsd: number, rate: ExchangeRate): number {
  if (rate.currency === 'USD') return microUsd;
  const negative = microUsd < 0;
  const scaled = BigInt(Math.abs(microUsd)) * toScaledBigInt(rate.perUsd, 9);
  const result = Number(divRound(scaled, 1_000_000_000n));
  return negative ? -result : result;
}

/** Fraction digits that keep small costs readable: $12.34, $0.0123, $0.000123. */
function digitsFor(units: number): number {
  const abs = Math.abs(units);
  if (abs === 0 || abs >= 1) return 2;
  if (abs >= 0.01) return 4;
  return 6;
}

/** An amount in micro-units of `currency`, e.g. "$0.0123", "CN¥0.0871", "€1.20". */
export function formatMoney(micros: number, currency: string, locale = 'en'): string {
  const units = micros / 1_000_000;
  const digits = digitsFor(units);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(units);
}

export interface CostDisplay {
  /** Currency to show. */
  currency: string;
  /** User-edited rates by currency (fallback: synced, then bundled). */
  userRates?: Record<string, ExchangeRate>;
  /** Rates the sync fetched (fx.ts). */
  syncedRates?: Record<string, ExchangeRate>;
  /** Epoch ms to judge a rate's age by (a rate older than a week is marked stale). */
  now?: number;
  locale?: string;
}

export interface FormattedCost {
  /** The amount in the chosen currency, e.g. "CN¥0.0871". */
  amount: string;
  /** The rate and its date, e.g. "7.1726 CNY/USD on 2025-02-25"; null for USD. */
  rate: string | null;
  /** "custom price" for a user override; null otherwise. */
  mark: string | null;
  /** All of the above in one line, for places with room for only one string. */
  text: string;
  /** The currency actually shown (USD when no rate is known for the one asked). */
  currency: string;
}

/**
 * Format a cost for display: converted with its dated rate, the rate and date alongside, and
 * a user override marked as such.
 */
export function formatCost(
  microUsd: number,
  display: CostDisplay,
  options: { override?: boolean } = {},
): FormattedCost {
  const rate =
    display.currency === 'USD'
      ? null
      : rateFor(display.currency, display.userRates, display.syncedRates);
  const currency = rate ? rate.currency : 'USD';
  const amount = formatMoney(
    rate ? convertMicros(microUsd, rate) : microUsd,
    currency,
    display.locale,
  );
  const stale =
    rate && rate.source !== 'user' && isStaleRate(rate, display.now ?? Date.now()) ? ', stale' : '';
  const rateText = rate
    ? `${rate.perUsd} ${rate.currency}/USD on ${rate.date}${rate.source === 'user' ? ' (your rate)' : stale}`
    : null;
  const mark = options.override ? 'custom price' : null;
  const notes = [rateText, mark].filter(Boolean).join(', ');
  return { amount, rate: rateText, mark, text: notes ? `${amount} (${notes})` : amount, currency };
}
