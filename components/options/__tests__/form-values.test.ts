// What the options forms save, from what the user typed.
import { describe, expect, it } from 'vitest';
import { budgetsFromTexts } from '@/components/options/BudgetsSection';
import { parsePrice } from '@/components/options/CustomPricesSection';
import { subscriptionsFromTexts } from '@/components/options/SubscriptionsSection';

describe('budgetsFromTexts', () => {
  it('converts amounts from the display currency; empty means no budget; a site needs one', () => {
    const budgets = budgetsFromTexts(
      {
        total: { weekly: '10', monthly: '' },
        chatgpt: { weekly: '', monthly: '40' },
        claude: { weekly: '', monthly: '' },
      },
      2, // two display units per USD
    );
    expect(budgets).toEqual({
      weeklyMicroUsd: 5_000_000,
      monthlyMicroUsd: null,
      sites: { chatgpt: { weeklyMicroUsd: null, monthlyMicroUsd: 20_000_000 } },
    });
  });

  it('refuses text that is not an amount', () => {
    expect(() => budgetsFromTexts({ total: { weekly: 'ten', monthly: '' } }, 1)).toThrow(
      /not an amount/,
    );
  });
});

describe('subscriptionsFromTexts', () => {
  it('keeps sites with a price, naming an unnamed plan after the site', () => {
    const subs = subscriptionsFromTexts(
      { chatgpt: { name: ' Plus ', price: '20' }, claude: { name: 'Pro', price: '' } },
      1,
    );
    expect(Object.keys(subs)).toEqual(['chatgpt']);
    expect(subs.chatgpt).toEqual({ name: 'Plus', monthlyMicroUsd: 20_000_000 });
    expect(subscriptionsFromTexts({ chatgpt: { name: '', price: '1' } }, 1).chatgpt.name).toMatch(
      /subscription$/,
    );
  });
});

describe('parsePrice', () => {
  it('takes a price ≥ 0 and names the field when refusing one', () => {
    expect(parsePrice('Input', ' 1.25 ')).toBe(1.25);
    expect(parsePrice('Input', '0')).toBe(0);
    expect(() => parsePrice('Output', '')).toThrow(/^Output must be a price/);
    expect(() => parsePrice('Output', '-1')).toThrow();
    expect(() => parsePrice('Output', 'x')).toThrow();
  });
});
