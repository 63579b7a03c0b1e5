import { describe, expect, it } from 'vitest';
import { isStaleRate, parseExchangeRates } from '@/utils/core/ratecard';

// The shape of Frankfurter's `GET /v1/latest?base=USD` (ECB reference rates), written by hand
// from its documented form; the figures are examples, not a capture.
const NOW = Date.parse('2026-12-05T12:00:00Z');
const body = { amount: 1, base: 'USD', date: '2026-12-04', rates: { CNY: 7.08, EUR: 0.86 } };

describe('exchange rates from the sync', () => {
  it('parses rates per USD with their date, marked as synced', () => {
    const rates = parseExchangeRates(body, NOW);
    expect(rates.CNY).toEqual({
      currency: 'CNY',
      perUsd: 7.08,
      date: '2026-12-04',
      source: 'synced',
    });
    expect(isStaleRate(rates.CNY, NOW)).toBe(false);
    expect(isStaleRate(rates.CNY, Date.parse('2026-12-20'))).toBe(true);
  });

  it.each([
    [{ ...body, base: 'EUR' }, /base/],
    [{ ...body, rates: { CNY: -7 } }, /rates\.CNY/],
    [{ ...body, rates: { CNY: 0 } }, /rates\.CNY/],
    [{ ...body, rates: {} }, /no rates/],
    [{ ...body, date: '2027-01-01' }, /not a past day/],
    ['<html>', /\(root\)/],
  ])('rejects a bad payload with a message (%#)', (json, message) => {
    expect(() => parseExchangeRates(json, NOW)).toThrow(message);
  });

  it('rejects a rate that moved more than 10x from the last good one', () => {
    const previous = parseExchangeRates(body, NOW);
    expect(() => parseExchangeRates({ ...body, rates: { CNY: 708 } }, NOW, previous)).toThrow(
      /CNY moved from 7.08 to 708/,
    );
  });
});
