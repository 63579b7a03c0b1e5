// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { parseExchangeRates } from '@/utils/core/ratecard';
import { setLocale } from '@/utils/i18n';
import { currencySettings, syncedExchangeRates } from '@/utils/storage';
import { CurrencySection } from '../CurrencySection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.UTC(2026, 11, 1, 12);
// Frankfurter's documented shape, parsed as the sync parses it; the figures are examples.
const FRANKFURTER = {
  amount: 1,
  base: 'USD',
  date: '2026-11-30',
  rates: { BRL: 5.31, CNY: 7.05, EUR: 0.86, ISK: 138.5 },
};

async function storeSynced() {
  await syncedExchangeRates.setValue({
    rates: parseExchangeRates(FRANKFURTER, NOW),
    lastAttempt: NOW,
    error: null,
  });
}

async function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () => root.render(<CurrencySection now={NOW} />));
  // The storage items answer asynchronously.
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  return {
    host,
    choices: () => [...host.querySelectorAll('option')].map((o) => o.value),
    rate: () => host.querySelector('[data-testid="rate-in-use"]'),
    unmount: () => act(() => root.unmount()),
  };
}

afterEach(() => setLocale('en'));

describe('the currency section of the options page', () => {
  it('lists every currency the synced rates have, and shows the synced rate in use', async () => {
    await storeSynced();
    await currencySettings.setValue({ currency: 'CNY', rates: {} });
    const view = await render();
    expect(view.choices()[0]).toBe('USD');
    expect(view.choices()).toEqual(expect.arrayContaining(['BRL', 'ISK', 'CNY', 'JPY']));
    // Sorted after USD, each once
    expect(view.choices().slice(1)).toEqual([...new Set(view.choices().slice(1))].sort());
    expect(view.rate()!.textContent).toBe(
      'Rate in use: 7.05 CNY per USD, 2026-11-30 (synced from Frankfurter (ECB reference rates))',
    );
    expect(view.rate()!.getAttribute('data-source')).toBe('synced');
    expect(view.rate()!.hasAttribute('data-stale')).toBe(false);
    view.unmount();
  });

  it('shows the bundled rate, marked stale, when nothing was synced', async () => {
    await currencySettings.setValue({ currency: 'CNY', rates: {} });
    const view = await render();
    expect(view.choices()).not.toContain('ISK');
    expect(view.rate()!.textContent).toBe(
      'Rate in use: 7.1726 CNY per USD, 2025-02-25 (bundled) (stale rate)',
    );
    expect(view.rate()!.getAttribute('data-stale')).toBe('true');
    view.unmount();
  });

  it('the user’s own rate wins; dropping it goes back to the synced one', async () => {
    await storeSynced();
    await currencySettings.setValue({
      currency: 'CNY',
      rates: { CNY: { currency: 'CNY', perUsd: 7.3, date: '2024-01-02', source: 'user' } },
    });
    const view = await render();
    expect(view.rate()!.textContent).toMatch(/^Rate in use: 7.3 CNY per USD, 2024-01-02 \(yours\)/);
    const button = view.rate()!.querySelector('button')!;
    expect(button.textContent).toBe('use the synced rate');
    await act(async () => button.click());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect((await currencySettings.getValue()).rates).toEqual({});
    expect(view.rate()!.getAttribute('data-source')).toBe('synced');
    expect(view.host.textContent).toContain('Back to the synced rate.');
    view.unmount();
  });

  it('a currency left with no rate says it is shown in USD (in Chinese too)', async () => {
    await currencySettings.setValue({ currency: 'XAF', rates: {} });
    setLocale('zh-CN');
    const view = await render();
    expect(view.choices()).toContain('XAF');
    expect(view.rate()!.textContent).toBe('没有 XAF 的汇率：以美元显示');
    view.unmount();
  });
});
