/**
 * The display currency and the user's exchange rates: only the storage item, no validation, so
 * the popup reads it without loading zod or the rate card (validated writes are in
 * ratecard-settings.ts).
 */
import { storage } from 'wxt/utils/storage';
import type { ExchangeRate } from '@/utils/core/ratecard/currency';

export interface CurrencySettings {
  /** ISO 4217 code shown in the UI; prices stay in USD underneath. */
  currency: string;
  /** Rates the user set, by currency (they replace the bundled, dated defaults). */
  rates: Record<string, ExchangeRate>;
}

export const currencySettings = storage.defineItem<CurrencySettings>('local:currency', {
  fallback: { currency: 'USD', rates: {} },
  version: 1,
});
