/**
 * The exchange rates the rate-card sync fetched (owner `background`, written by
 * utils/background/ratecard.ts), apart from state/background.ts because the pages read them too:
 * the popup, the dashboard, the compare and options pages show money with the rate in use
 * (the user's own, else these, else the bundled ones). A few hundred bytes. Conventions:
 * ../index.ts.
 */
import { storage } from 'wxt/utils/storage';
import type { ExchangeRate } from '@/utils/core/ratecard/currency';
import type { SyncErrorInfo } from '@/utils/core/ratecard/status';

export interface SyncedExchangeRates {
  /** Rates per USD by currency, with the day they are from (null until a sync succeeds). */
  rates: Record<string, ExchangeRate> | null;
  /** Epoch ms of the last attempt, and its error (null when it succeeded). */
  lastAttempt: number | null;
  error: string | null;
  /** The same error as a code (absent in values stored before codes existed). */
  errorInfo?: SyncErrorInfo | null;
}

/** Exchange rates the rate-card sync fetched (utils/core/ratecard/fx.ts); the last good ones. */
export const syncedExchangeRates = /* @__PURE__ */ storage.defineItem<SyncedExchangeRates>(
  'local:exchangeRates',
  { fallback: { rates: null, lastAttempt: null, error: null }, version: 1 },
);
