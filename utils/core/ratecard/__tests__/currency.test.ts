import { describe, expect, it } from 'vitest';
import {
  BUNDLED_RATES,
  BUNDLED_RATE_DATE,
  convertMicros,
  formatCost,
  formatMoney,
  isCurrencyCode,
  rateFor,
  type ExchangeRate,
} from '@/utils/core/ratecard';

describe('currency conversion', () => {
  it('bundles dated default rates for USD, CNY and EUR (and a few more)', () => {
    for (const code of ['USD', 'CNY', 'EUR', 'GBP', 'JPY']) {
      expect(BUNDLED_RATES[code]).toMatchObject({
        currency: code,
        date: BUNDLED_RATE_DATE,
        source: 'bundled',
      });
    }
    // CFETS central parity 2025-02-25: 100 USD = 717.26 CNY; 100 EUR = 753.22 CNY
    expect(BUNDLED_RATES.CNY.perUsd).toBe(7.1726);
    expect(BUNDLED_RATES.EUR.perUsd).toBeCloseTo(717.26 / 753.22, 6);
  });

  it('converts micro-USD exactly (integer micro-units of the target)', () => {
    // $0.2085 × 7.1726 = ¥1.4954871 → 1,495,487 micro-CNY (half up from .1)
    expect(convertMicros(208_500, BUNDLED_RATES.CNY)).toBe(1_495_487);
    expect(convertMicros(208_500, BUNDLED_RATES.USD)).toBe(208_500);
    expect(convertMicros(0, BUNDLED_RATES.EUR)).toBe(0);
  });

  it('prefers the user rate over the bundled one', () => {
    const mine: ExchangeRate = { currency: 'CNY', perUsd: 7, date: '2026-11-20', source: 'user' };
    expect(rateFor('CNY', { CNY: mine })).toBe(mine);
    expect(rateFor('CNY')).toBe(BUNDLED_RATES.CNY);
    expect(rateFor('BRL')).toBeNull();
  });
});

describe('formatCost', () => {
  it('shows USD as is, with no rate note', () => {
    expect(formatCost(208_500, { currency: 'USD' })).toMatchObject({
      amount: '$0.2085',
      rate: null,
      text: '$0.2085',
    });
  });

  it('shows the rate and its date next to every converted figure', () => {
    const f = formatCost(208_500, { currency: 'CNY', now: Date.parse('2025-02-26') });
    expect(f.amount).toBe('CN¥1.50');
    expect(f.rate).toBe(`7.1726 CNY/USD on ${BUNDLED_RATE_DATE}`);
    expect(f.text).toBe(`CN¥1.50 (7.1726 CNY/USD on ${BUNDLED_RATE_DATE})`);
  });

  it('says when a rate is stale (over a week old), and prefers a synced rate to the bundled one', () => {
    const old = formatCost(208_500, { currency: 'CNY', now: Date.parse('2026-12-01') });
    expect(old.rate).toBe(`7.1726 CNY/USD on ${BUNDLED_RATE_DATE}, stale`);
    const synced = formatCost(1_000_000, {
      currency: 'CNY',
      syncedRates: { CNY: { currency: 'CNY', perUsd: 7.05, date: '2026-11-30', source: 'synced' } },
      now: Date.parse('2026-12-01'),
    });
    expect(synced.text).toBe('CN¥7.05 (7.05 CNY/USD on 2026-11-30)');
  });

  it("says when the rate is the user's own", () => {
    const f = formatCost(1_000_000, {
      currency: 'EUR',
      userRates: { EUR: { currency: 'EUR', perUsd: 0.9, date: '2026-11-24', source: 'user' } },
    });
    expect(f.text).toBe('€0.9000 (0.9 EUR/USD on 2026-11-24 (your rate))');
  });

  it('marks a custom price', () => {
    expect(formatCost(1_000_000, { currency: 'USD' }, { override: true }).text).toBe(
      '$1.00 (custom price)',
    );
  });

  it('falls back to USD (and says so via `currency`) when no rate is known', () => {
    const f = formatCost(1_000_000, { currency: 'BRL' });
    expect(f).toMatchObject({ currency: 'USD', amount: '$1.00', rate: null });
  });

  it('keeps small costs readable', () => {
    expect(formatMoney(12_340_000, 'USD')).toBe('$12.34');
    expect(formatMoney(12_345, 'USD')).toBe('$0.0123');
    expect(formatMoney(123, 'USD')).toBe('$0.000123');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
  });

  it('knows ISO currency codes', () => {
    expect(isCurrencyCode('CNY')).toBe(true);
    expect(isCurrencyCode('cny')).toBe(false);
    expect(isCurrencyCode('XYZ1')).toBe(false);
    expect(isCurrencyCode('QQQ')).toBe(false);
  });
});
