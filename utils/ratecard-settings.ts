/**
 * Rate-card settings: validated writes of the display currency and exchange rates (the item is in
 * currency-settings.ts, zod-free for the popup), and custom prices (a negotiated rate) per model. Values are validated on the way in (clear message, nothing
 * stored) and on the way out (a corrupt entry is skipped, never priced).
 */
import { storage } from 'wxt/utils/storage';
import { z } from '@/utils/core/ratecard/zod';
import {
  BUNDLED_RATES,
  isCurrencyCode,
  priceSetSchema,
  tierSchema,
  type PriceOverride,
  type PriceOverrides,
} from '@/utils/core/ratecard';
import { currencySettings } from '@/utils/currency-settings';

export const priceOverrides = storage.defineItem<PriceOverrides>('local:priceOverrides', {
  fallback: {},
  version: 1,
});

const rateSchema = z.strictObject({
  currency: z.string().refine(isCurrencyCode, 'unknown currency code'),
  perUsd: z.number().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
  source: z.enum(['bundled', 'user']),
});

export const priceOverrideSchema = z.strictObject({
  prices: priceSetSchema,
  tiers: z.array(tierSchema).optional(),
  setAt: z.string().optional(),
  note: z.string().max(200).optional(),
});

function message(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'value'}: ${issue.message}`;
}

/** Choose the display currency; a currency with no bundled rate needs a rate first. */
export async function setDisplayCurrency(currency: string): Promise<void> {
  const code = currency.trim().toUpperCase();
  if (!isCurrencyCode(code)) throw new Error(`Unknown currency code "${currency}"`);
  const current = await currencySettings.getValue();
  if (code !== 'USD' && !current.rates[code] && !BUNDLED_RATES[code]) {
    throw new Error(`No exchange rate for ${code} yet: set one (units per 1 USD and its date)`);
  }
  await currencySettings.setValue({ ...current, currency: code });
}

/** Set the user's rate for a currency (units per 1 USD, dated). */
export async function setExchangeRate(currency: string, perUsd: number, date: string) {
  const rate = { currency: currency.trim().toUpperCase(), perUsd, date, source: 'user' as const };
  const parsed = rateSchema.safeParse(rate);
  if (!parsed.success) throw new Error(`Exchange rate not saved: ${message(parsed.error)}`);
  const current = await currencySettings.getValue();
  await currencySettings.setValue({
    ...current,
    rates: { ...current.rates, [rate.currency]: rate },
  });
}

/** Forget the user's rate (the bundled one applies again). */
export async function clearExchangeRate(currency: string) {
  const current = await currencySettings.getValue();
  const rates = { ...current.rates };
  delete rates[currency];
  await currencySettings.setValue({ ...current, rates });
}

/** Set a custom price for a canonical model id (USD per 1M tokens, like the card). */
export async function setPriceOverride(modelId: string, override: PriceOverride) {
  const parsed = priceOverrideSchema.safeParse({
    ...override,
    setAt: override.setAt ?? new Date().toISOString(),
  });
  if (!parsed.success) throw new Error(`Custom price not saved: ${message(parsed.error)}`);
  const current = await priceOverrides.getValue();
  await priceOverrides.setValue({ ...current, [modelId]: parsed.data });
}

export async function removePriceOverride(modelId: string) {
  const current = { ...(await priceOverrides.getValue()) };
  delete current[modelId];
  await priceOverrides.setValue(current);
}

/** The stored overrides that are valid (a corrupt entry is skipped rather than priced). */
export async function getValidOverrides(): Promise<PriceOverrides> {
  const stored = await priceOverrides.getValue();
  const valid: PriceOverrides = {};
  for (const [id, value] of Object.entries(stored ?? {})) {
    const parsed = priceOverrideSchema.safeParse(value);
    if (parsed.success) valid[id] = parsed.data;
  }
  return valid;
}
