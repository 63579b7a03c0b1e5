import { describe, expect, it } from 'vitest';
import { badgeAmount, budgetsToNotify, evaluateBudgets, worstLevel } from '@/utils/core/aggregate';
import { amountText, parseAmount } from '@/components/options/form';

const spend = (week: number, month: number, sites: Record<string, number> = {}) => ({
  week: { totalMicroUsd: week, bySite: sites },
  month: { totalMicroUsd: month, bySite: sites },
});

describe('budgets', () => {
  it('levels: ok below 80%, warn from 80%, over from 100%', () => {
    const b = { weeklyMicroUsd: 1_000_000, monthlyMicroUsd: null, sites: {} };
    expect(worstLevel(evaluateBudgets(b, spend(799_999, 0)))).toBe('ok');
    expect(worstLevel(evaluateBudgets(b, spend(800_000, 0)))).toBe('warn');
    expect(worstLevel(evaluateBudgets(b, spend(1_000_000, 0)))).toBe('over');
    expect(worstLevel(evaluateBudgets({ ...b, weeklyMicroUsd: null }, spend(9e9, 9e9)))).toBe(
      'none',
    );
  });

  it('takes the worst of total and per-site, weekly and monthly', () => {
    const b = {
      weeklyMicroUsd: 10_000_000,
      monthlyMicroUsd: 100_000_000,
      sites: { claude: { weeklyMicroUsd: 1_000_000, monthlyMicroUsd: null } },
    };
    const states = evaluateBudgets(b, spend(2_000_000, 2_000_000, { claude: 900_000 }));
    expect(states.map((s) => [s.id, s.level])).toEqual([
      ['week:total', 'ok'],
      ['month:total', 'ok'],
      ['week:site:claude', 'warn'],
    ]);
    expect(worstLevel(states)).toBe('warn');
  });

  it('notifies a crossed budget once per period', () => {
    const b = { weeklyMicroUsd: 1, monthlyMicroUsd: 1, sites: {} };
    const states = evaluateBudgets(b, spend(5, 5));
    const ids = { week: 'week:2026-06-15', month: 'month:2026-06-01' };
    expect(budgetsToNotify(states, ids, {}).map((s) => s.id)).toEqual([
      'week:total',
      'month:total',
    ]);
    expect(
      budgetsToNotify(states, ids, { 'week:total': ids.week, 'month:total': ids.month }),
    ).toEqual([]);
    expect(
      budgetsToNotify(
        states,
        { ...ids, week: 'week:2026-06-22' },
        {
          'week:total': ids.week,
          'month:total': ids.month,
        },
      ).map((s) => s.id),
    ).toEqual(['week:total']);
  });

  it.each([
    [0, '0'],
    [0.042, '.04'],
    [0.5, '.50'],
    [3.14159, '3.1'],
    [12.4, '12'],
    [999.4, '999'],
    [999.6, '1.0k'],
    [12_345, '12k'],
    [2_500_000, '3M'],
  ])('badge text for %d is %s (at most 4 characters)', (units, text) => {
    expect(badgeAmount(units)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(4);
  });
});

describe('amounts typed in the options page', () => {
  it('converts the display currency to micro-USD', () => {
    expect(parseAmount('20', 1)).toBe(20_000_000);
    expect(parseAmount(' 1,234.50 ', 1)).toBe(1_234_500_000);
    expect(parseAmount('143.45', 7.1726)).toBe(Math.round((143.45 / 7.1726) * 1e6));
    expect(parseAmount('', 1)).toBeNull();
    expect(() => parseAmount('12abc', 1)).toThrow(/"12abc" is not an amount/);
    expect(() => parseAmount('-5', 1)).toThrow(/not an amount/);
    expect(() => parseAmount('0', 1)).toThrow(/more than zero/);
    expect(amountText(20_000_000, 7.1726)).toBe('143.45');
    expect(amountText(null, 1)).toBe('');
  });
});
