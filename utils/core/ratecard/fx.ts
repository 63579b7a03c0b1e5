/**
 * Exchange rates refreshed by the rate-card sync from a free, keyless public source: Frankfurter
 * (the European Central Bank's daily reference rates), `GET /v1/latest?base=USD` →
 * `{amount: 1, base: "USD", date: "YYYY-MM-DD", rates: {CNY: 7.1, EUR: 0.92, …}}`. Validated like
 * the price feeds: a payload that is not that shape, a non-positive rate, a date in the future, or
 * a rate that moved more than 10x from the last good one is rejected and the last good rates kept.
 */
import { z } from './zod';
import type { ExchangeRate } from './currency';

export { STALE_RATE_DAYS, isStaleRate } from './stale-rate';

export const FX_SOURCE = {
  name: 'Frankfurter (ECB reference rates)',
  url: 'https://api.frankfurter.dev/v1/latest?base=USD',
  license: 'ECB reference rates, free to reuse',
} as const;

const payloadSchema = z.looseObject({
  base: z.literal('USD'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
});

/** Parse a Frankfurter answer into rates per USD; throws an Error with a message for the status. */
export function parseExchangeRates(
  json: unknown,
  now: number,
  previous: Record<string, ExchangeRate> = {},
): Record<string, ExchangeRate> {
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${FX_SOURCE.name}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { date, rates } = parsed.data;
  if (!Number.isFinite(Date.parse(date)) || Date.parse(date) > now + 86_400_000) {
    throw new Error(`${FX_SOURCE.name}: date ${date} is not a past day`);
  }
  if (Object.keys(rates).length === 0) throw new Error(`${FX_SOURCE.name}: no rates`);
  const out: Record<string, ExchangeRate> = {};
  for (const [currency, perUsd] of Object.entries(rates)) {
    const old = previous[currency]?.perUsd;
    if (old && (perUsd / old > 10 || old / perUsd > 10)) {
      throw new Error(
        `${FX_SOURCE.name}: ${currency} moved from ${old} to ${perUsd} per USD (more than 10x)`,
      );
    }
    out[currency] = { currency, perUsd, date, source: 'synced' };
  }
  return out;
}
