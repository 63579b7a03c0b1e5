/**
 * User settings about money (owner `user`, options page): the display currency, the user's
 * exchange rates and custom prices. The popup's first paint loads this file. Validated writes in
 * ../validated.ts. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';
// Types only: the rate-card index brings zod and the whole card.
import type { ExchangeRate } from '@/utils/core/ratecard/currency';
import type { PriceOverrides } from '@/utils/core/ratecard/price';

export interface CurrencySettings {
  /** ISO 4217 code shown in the UI; prices stay in USD underneath. */
  currency: string;
  /** Rates the user set, by currency (they replace the bundled, dated defaults). */
  rates: Record<string, ExchangeRate>;
}

/** Validated writes: setDisplayCurrency, setExchangeRate, clearExchangeRate in ../validated.ts. */
export const currencySettings = /* @__PURE__ */ storage.defineItem<CurrencySettings>(
  'local:currency',
  { fallback: { currency: 'USD', rates: {} }, version: 1 },
);

/**
 * Custom prices (a negotiated rate) by canonical model id. Written through setPriceOverride and
 * removePriceOverride, read for pricing through getValidOverrides (../validated.ts), which skips a
 * corrupt entry rather than price with it.
 */
export const priceOverrides = /* @__PURE__ */ storage.defineItem<PriceOverrides>(
  'local:priceOverrides',
  { fallback: {}, version: 1 },
);
