/**
 * When an exchange rate is stale. Apart from fx.ts (the sync's parser, with its zod schema) so
 * that the popup's first paint, which formats money, does not load zod.
 */
import type { ExchangeRate } from './currency';

/** A rate older than this many days is shown as stale (ECB publishes on working days). */
export const STALE_RATE_DAYS = 7;

/** True when the rate is older than STALE_RATE_DAYS at `now`. */
export function isStaleRate(rate: ExchangeRate, now: number): boolean {
  return now - Date.parse(rate.date) > STALE_RATE_DAYS * 86_400_000;
}
