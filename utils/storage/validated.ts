/**
 * Validated writes of the user settings (options page, compare page, background): a bad value
 * gets a clear message and nothing is stored. The one convention: each writer runs its value
 * through `parseOrThrow`, which throws "<what> not saved: <field>: <problem>".
 *
 * Apart from the items (settings/) and not re-exported by the storage index: this file loads
 * zod and the rate card, and the content scripts and the popup's first paint, which only read,
 * must not (a test checks the index stays zod-free).
 */
import {
  BUNDLED_RATES,
  isCurrencyCode,
  priceSetSchema,
  tierSchema,
  type PriceOverride,
  type PriceOverrides,
} from '@/utils/core/ratecard';
import { z } from '@/utils/core/ratecard/zod';
import type { Budgets } from '@/utils/core/aggregate/budgets';
import {
  budgetSettings,
  retentionSettings,
  subscriptionSettings,
  type Subscription,
} from './settings/history';
import { currencySettings, priceOverrides } from './settings/money';
import { syncedExchangeRates } from './state/exchange-rates';

/** The value as the schema parses it, or an Error "<what> not saved: <field>: <problem>". */
function parseOrThrow<S extends z.ZodType>(what: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${what} not saved: ${issue.path.join('.') || 'value'}: ${issue.message}`);
}

// ---- History settings ----

const limit = z.number().int().positive().max(1e15).nullable();
const limitsSchema = z.strictObject({ weeklyMicroUsd: limit, monthlyMicroUsd: limit });
const budgetsSchema = z.strictObject({
  weeklyMicroUsd: limit,
  monthlyMicroUsd: limit,
  sites: z.record(z.string().regex(/^[a-z0-9-]+$/), limitsSchema),
});

const subscriptionsSchema = z.record(
  z.string().regex(/^[a-z0-9-]+$/),
  z.strictObject({
    name: z.string().trim().min(1).max(80),
    monthlyMicroUsd: z.number().int().positive().max(1e12),
  }),
);

export async function saveBudgets(value: Budgets): Promise<void> {
  await budgetSettings.setValue(parseOrThrow('Budgets', budgetsSchema, value));
}

export async function saveSubscriptions(value: Record<string, Subscription>): Promise<void> {
  await subscriptionSettings.setValue(parseOrThrow('Subscriptions', subscriptionsSchema, value));
}

export async function saveRetention(months: number): Promise<void> {
  if (!Number.isInteger(months) || months < 0 || months > 600) {
    throw new Error('Retention must be a whole number of months (0 keeps everything)');
  }
  await retentionSettings.setValue({ months });
}

// ---- Display currency and exchange rates ----

const rateSchema = z.strictObject({
  currency: z.string().refine(isCurrencyCode, 'unknown currency code'),
  perUsd: z.number().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
  source: z.enum(['bundled', 'user']),
});

/**
 * Choose the display currency; a currency with no rate (the user's, synced or bundled) needs one
 * first.
 */
export async function setDisplayCurrency(currency: string): Promise<void> {
  const code = currency.trim().toUpperCase();
  if (!isCurrencyCode(code)) throw new Error(`Unknown currency code "${currency}"`);
  const current = await currencySettings.getValue();
  const synced = (await syncedExchangeRates.getValue().catch(() => null))?.rates ?? {};
  if (code !== 'USD' && !current.rates[code] && !synced[code] && !BUNDLED_RATES[code]) {
    throw new Error(`No exchange rate for ${code} yet: set one (units per 1 USD and its date)`);
  }
  await currencySettings.setValue({ ...current, currency: code });
}

/** Set the user's rate for a currency (units per 1 USD, dated). */
export async function setExchangeRate(currency: string, perUsd: number, date: string) {
  const rate = { currency: currency.trim().toUpperCase(), perUsd, date, source: 'user' as const };
  parseOrThrow('Exchange rate', rateSchema, rate);
  const current = await currencySettings.getValue();
  await currencySettings.setValue({
    ...current,
    rates: { ...current.rates, [rate.currency]: rate },
  });
}

/** Forget the user's rate (the synced or bundled one applies again). */
export async function clearExchangeRate(currency: string) {
  const current = await currencySettings.getValue();
  const rates = { ...current.rates };
  delete rates[currency];
  await currencySettings.setValue({ ...current, rates });
}

// ---- Custom prices ----

const priceOverrideSchema = z.strictObject({
  prices: priceSetSchema,
  tiers: z.array(tierSchema).optional(),
  setAt: z.string().optional(),
  note: z.string().max(200).optional(),
});

/** Set a custom price for a canonical model id (USD per 1M tokens, like the card). */
export async function setPriceOverride(modelId: string, override: PriceOverride) {
  const value = parseOrThrow('Custom price', priceOverrideSchema, {
    ...override,
    setAt: override.setAt ?? new Date().toISOString(),
  });
  const current = await priceOverrides.getValue();
  await priceOverrides.setValue({ ...current, [modelId]: value });
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
