import { describe, expect, it } from 'vitest';
import {
  budgetSettings,
  currencySettings,
  priceOverrides,
  retentionSettings,
  subscriptionSettings,
  syncedExchangeRates,
} from '@/utils/storage';
import {
  clearExchangeRate,
  getValidOverrides,
  removePriceOverride,
  saveBudgets,
  saveRetention,
  saveSubscriptions,
  setDisplayCurrency,
  setExchangeRate,
  setPriceOverride,
} from '@/utils/storage/validated';

describe('rate-card settings', () => {
  it('defaults to USD with no custom rates or prices', async () => {
    expect(await currencySettings.getValue()).toEqual({ currency: 'USD', rates: {} });
    expect(await priceOverrides.getValue()).toEqual({});
  });

  it('switches to a currency with a bundled rate', async () => {
    await setDisplayCurrency('cny');
    expect((await currencySettings.getValue()).currency).toBe('CNY');
  });

  it('rejects an unknown currency with a clear message and keeps the setting', async () => {
    await expect(setDisplayCurrency('ZZZ1')).rejects.toThrow(/Unknown currency code "ZZZ1"/);
    await expect(setDisplayCurrency('BRL')).rejects.toThrow(/No exchange rate for BRL yet/);
    expect((await currencySettings.getValue()).currency).toBe('USD');
  });

  it('switches to a currency only the synced rates have', async () => {
    await syncedExchangeRates.setValue({
      rates: { BRL: { currency: 'BRL', perUsd: 5.3, date: '2026-11-30', source: 'synced' } },
      lastAttempt: null,
      error: null,
    });
    await setDisplayCurrency('brl');
    expect(await currencySettings.getValue()).toEqual({ currency: 'BRL', rates: {} });
    await expect(setDisplayCurrency('ISK')).rejects.toThrow(/No exchange rate for ISK yet/);
  });

  it('stores a dated user rate, which makes any ISO currency available', async () => {
    await setExchangeRate('brl', 5.8, '2026-11-24');
    await setDisplayCurrency('BRL');
    expect(await currencySettings.getValue()).toEqual({
      currency: 'BRL',
      rates: { BRL: { currency: 'BRL', perUsd: 5.8, date: '2026-11-24', source: 'user' } },
    });
    await clearExchangeRate('BRL');
    expect((await currencySettings.getValue()).rates).toEqual({});
  });

  it.each([
    ['a zero rate', 'EUR', 0, '2026-11-24', /perUsd/],
    ['a NaN rate', 'EUR', Number.NaN, '2026-11-24', /perUsd/],
    ['a bad date', 'EUR', 0.9, '24/11/2026', /YYYY-MM-DD/],
    ['an unknown currency', 'QQQ', 1, '2026-11-24', /unknown currency code/],
  ])('rejects %s', async (_label, code, rate, date, message) => {
    await expect(setExchangeRate(code, rate, date)).rejects.toThrow(message);
    expect((await currencySettings.getValue()).rates).toEqual({});
  });

  it('stores a custom price, dated, and removes it', async () => {
    await setPriceOverride('anthropic/claude-sonnet-4-5', {
      prices: { input: 2.4, output: 12 },
      note: 'enterprise deal',
    });
    const stored = (await getValidOverrides())['anthropic/claude-sonnet-4-5'];
    expect(stored).toMatchObject({ prices: { input: 2.4, output: 12 }, note: 'enterprise deal' });
    expect(stored.setAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await removePriceOverride('anthropic/claude-sonnet-4-5');
    expect(await getValidOverrides()).toEqual({});
  });

  it('rejects a negative custom price and stores nothing', async () => {
    await expect(
      setPriceOverride('openai/gpt-5', { prices: { input: -1, output: 10 } }),
    ).rejects.toThrow(/Custom price not saved: prices.input/);
    expect(await priceOverrides.getValue()).toEqual({});
  });

  it('skips a corrupt stored override instead of pricing with it', async () => {
    await priceOverrides.setValue({
      'openai/gpt-5': { prices: { input: 1, output: 8 } },
      'openai/o3': { prices: { input: 'cheap' } } as never,
    });
    expect(Object.keys(await getValidOverrides())).toEqual(['openai/gpt-5']);
  });
});

describe('history settings', () => {
  it('stores valid budgets, subscriptions and retention', async () => {
    const budgets = {
      weeklyMicroUsd: 5_000_000,
      monthlyMicroUsd: null,
      sites: { claude: { weeklyMicroUsd: null, monthlyMicroUsd: 20_000_000 } },
    };
    await saveBudgets(budgets);
    expect(await budgetSettings.getValue()).toEqual(budgets);
    await saveSubscriptions({ chatgpt: { name: ' ChatGPT Plus ', monthlyMicroUsd: 20_000_000 } });
    expect(await subscriptionSettings.getValue()).toEqual({
      chatgpt: { name: 'ChatGPT Plus', monthlyMicroUsd: 20_000_000 },
    });
    await saveRetention(12);
    expect(await retentionSettings.getValue()).toEqual({ months: 12 });
  });

  it('rejects a bad value with the field named and stores nothing', async () => {
    await expect(
      saveBudgets({ weeklyMicroUsd: -1, monthlyMicroUsd: null, sites: {} }),
    ).rejects.toThrow(/^Budgets not saved: weeklyMicroUsd: /);
    await expect(
      saveBudgets({
        weeklyMicroUsd: null,
        monthlyMicroUsd: null,
        sites: { 'Not An Id': { weeklyMicroUsd: 1, monthlyMicroUsd: null } },
      }),
    ).rejects.toThrow(/^Budgets not saved: sites/);
    expect(await budgetSettings.getValue()).toEqual({
      weeklyMicroUsd: null,
      monthlyMicroUsd: null,
      sites: {},
    });
    await expect(
      saveSubscriptions({ chatgpt: { name: '  ', monthlyMicroUsd: 1 } }),
    ).rejects.toThrow(/^Subscriptions not saved: chatgpt.name: /);
    expect(await subscriptionSettings.getValue()).toEqual({});
    for (const months of [-1, 1.5, 601]) {
      await expect(saveRetention(months)).rejects.toThrow(/whole number of months/);
    }
    expect(await retentionSettings.getValue()).toEqual({ months: 0 });
  });
});
