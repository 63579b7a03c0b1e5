// @vitest-environment happy-dom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { paintFirst } from '@/components/popup/first-paint';
import { makeMoney } from '@/components/popup/money-format';
import { PeriodCards } from '@/components/popup/PeriodCards';
import { loadDashboard } from '@/utils/db/queries';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { generateEvents } from '../../../utils/db/__tests__/generate';

const NOW = Date.UTC(2026, 5, 17, 12);
const TZ = 'Europe/Berlin';

describe('the popup’s first paint (before React)', () => {
  it('draws the same period cards as the React popup, in the user’s currency', async () => {
    const db = new HistoryDB(`first-paint-${Math.random().toString(36).slice(2)}`);
    await recordEvents(db, generateEvents(800, { end: NOW, days: 60, seed: 21 }), {
      timeZone: TZ,
    });
    const dashboard = await loadDashboard(db, NOW, { timeZone: TZ, weekStart: 1 });
    await db.delete();
    const money = makeMoney({ currency: 'EUR', rates: {} }, 'en', {
      synced: { EUR: { currency: 'EUR', perUsd: 0.86, date: '2026-06-16', source: 'synced' } },
      now: NOW,
    });

    const root = document.createElement('div');
    root.append(document.createElement('p')); // whatever was there is replaced
    paintFirst(root, dashboard, money);
    const react = document.createElement('div');
    react.innerHTML = renderToStaticMarkup(
      <PeriodCards dashboard={dashboard} money={money} selected="week" onSelect={() => {}} />,
    );
    const cards = (el: Element) =>
      [...el.querySelectorAll('.tm-card')].map((c) => ({
        text: [...c.children].map((s) => s.textContent),
        selected: c.getAttribute('aria-selected'),
        change: c.querySelector('.tm-change')!.className.trim(),
        title: c.querySelector('.tm-change')!.getAttribute('title'),
        amountTitle: c.querySelector('.tm-amount')!.getAttribute('title'),
      }));
    expect(root.children).toHaveLength(1);
    expect(cards(root)).toHaveLength(3);
    expect(cards(root)).toEqual(cards(react));
    expect(root.textContent).toContain(
      money.format(dashboard.views.week.summary.totals.costMicroUsd),
    );
    // Sums of history at the synced rate, and each amount says how it was converted.
    expect(money.format(10_000_000)).toBe('€8.60');
    expect(cards(root)[0].amountTitle).toContain('0.86 EUR/USD on 2026-06-16 (synced rate)');
  });
});
