import { afterEach, describe, expect, it } from 'vitest';
import { makeMoney } from '@/components/popup/money-format';
import type { ExchangeRate } from '@/utils/core/ratecard/currency';
import { setLocale } from '@/utils/i18n';

// A fixed clock: 2026-12-01, so the bundled rates (2025-02-25) are stale and a rate of
// 2026-11-30 is not.
const NOW = Date.UTC(2026, 11, 1, 12);
const synced: Record<string, ExchangeRate> = {
  CNY: { currency: 'CNY', perUsd: 7.05, date: '2026-11-30', source: 'synced' },
  EUR: { currency: 'EUR', perUsd: 0.86, date: '2026-11-30', source: 'synced' },
  ISK: { currency: 'ISK', perUsd: 138.5, date: '2026-11-30', source: 'synced' },
};
const mine: ExchangeRate = { currency: 'CNY', perUsd: 7.3, date: '2024-01-02', source: 'user' };

afterEach(() => setLocale('en'));

describe('popup and dashboard money (makeMoney)', () => {
  it('USD needs no rate and says nothing about one', () => {
    const money = makeMoney({ currency: 'USD', rates: {} }, 'en', { synced, now: NOW });
    expect(money.format(1_234_567)).toBe('$1.23');
    expect(money).toMatchObject({ rateNote: null, sumTitle: null, currency: 'USD', perUsd: 1 });
  });

  it('uses the synced rate over the bundled one, with its date, not stale', () => {
    const money = makeMoney({ currency: 'CNY', rates: {} }, 'en', { synced, now: NOW });
    expect(money.format(2_000_000)).toBe('CN¥14.10');
    expect(money.currency).toBe('CNY');
    expect(money.perUsd).toBe(7.05);
    expect(money.rateNote).toBe('converted at 7.05 CNY/USD on 2026-11-30 (synced rate)');
    // Sums of history: converted at today's rate, and the title says so.
    expect(money.sumTitle).toContain('today’s rate');
    expect(money.sumTitle).toContain('7.05 CNY/USD on 2026-11-30');
  });

  it('falls back to the bundled rate, and marks it stale a week after its date', () => {
    const money = makeMoney({ currency: 'CNY', rates: {} }, 'en', { synced: null, now: NOW });
    expect(money.format(1_000_000)).toBe('CN¥7.17');
    expect(money.rateNote).toBe(
      'converted at 7.1726 CNY/USD on 2025-02-25 (bundled rate) (stale rate)',
    );
    const fresh = makeMoney({ currency: 'CNY', rates: {} }, 'en', {
      now: Date.UTC(2025, 1, 28),
    });
    expect(fresh.rateNote).not.toContain('stale');
  });

  it('a rate synced eight days ago is stale too', () => {
    const money = makeMoney({ currency: 'EUR', rates: {} }, 'en', {
      synced,
      now: Date.UTC(2026, 11, 8, 12),
    });
    expect(money.rateNote).toBe(
      'converted at 0.86 EUR/USD on 2026-11-30 (synced rate) (stale rate)',
    );
  });

  it('the user’s own rate wins over the synced one and is never called stale', () => {
    const money = makeMoney({ currency: 'CNY', rates: { CNY: mine } }, 'en', { synced, now: NOW });
    expect(money.format(1_000_000)).toBe('CN¥7.30');
    expect(money.rateNote).toBe('converted at 7.3 CNY/USD on 2024-01-02 (your rate)');
  });

  it('a currency only the sync knows is converted with it', () => {
    const money = makeMoney({ currency: 'ISK', rates: {} }, 'en', { synced, now: NOW });
    expect(money.currency).toBe('ISK');
    expect(money.format(1_000_000)).toMatch(/^ISK\s?138\.50$/);
  });

  it('a currency with no rate at all is shown in USD and says so (never as another figure)', () => {
    const money = makeMoney({ currency: 'XAF', rates: {} }, 'en', { synced, now: NOW });
    expect(money.format(1_500_000)).toBe('$1.50');
    expect(money.currency).toBe('USD');
    expect(money.rateNote).toBe('no exchange rate for XAF: shown in USD');
    expect(money.sumTitle).toBe(money.rateNote);
  });

  it('says it in Chinese too', () => {
    setLocale('zh-CN');
    const money = makeMoney({ currency: 'CNY', rates: {} }, 'zh-CN', { synced, now: NOW });
    expect(money.format(1_000_000)).toBe('¥7.05');
    expect(money.rateNote).toBe('按 2026-11-30 的汇率 7.05 CNY/USD 换算（同步的汇率）');
    expect(makeMoney({ currency: 'XAF', rates: {} }, 'zh-CN', { now: NOW }).rateNote).toBe(
      '没有 XAF 的汇率：以美元显示',
    );
  });
});
