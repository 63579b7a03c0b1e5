// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { paintPopupEarly, type EarlyScope } from '@/components/popup/early-paint';
import { paintFirst } from '@/components/popup/first-paint';
import { firstPaintCatalog } from '@/components/popup/first-paint-messages';
import { makeMoney } from '@/components/popup/money-format';
import { loadDashboard, type Dashboard } from '@/utils/db/queries';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { addCatalogs, intlLocale, setLocale, type Locale } from '@/utils/i18n';
import { initI18n } from '@/utils/i18n/browser';
import { CATALOGS } from '@/utils/i18n/catalogs';
import type { EarlyRead } from '@/utils/page-start';
import { dashboardKey, resolveCalendar } from '@/utils/storage/snapshot-key';
import { earlyPaintMs } from '@/utils/storage/read-items';
import { generateEvents } from '../../../utils/db/__tests__/generate';

const NOW = Date.UTC(2026, 5, 17, 12);
const DAY = 86_400_000;
const EUR = { currency: 'EUR', perUsd: 0.86, date: '2026-06-16', source: 'synced' } as const;

let dashboard: Dashboard;
beforeAll(async () => {
  const db = new HistoryDB(`early-paint-${Math.random().toString(36).slice(2)}`);
  await recordEvents(db, generateEvents(600, { end: NOW, days: 60, seed: 7 }), {
    timeZone: 'UTC',
  });
  dashboard = await loadDashboard(db, NOW, { timeZone: 'UTC', weekStart: 1 });
  await db.delete();
});

afterEach(() => {
  addCatalogs(CATALOGS);
  setLocale('en');
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

/** The popup's first-paint items as the first script reads them (storage keys, raw values). */
function stored(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    language: 'zh-CN',
    calendar: { weekStart: 'monday' },
    dashboardSnapshot: {
      key: dashboardKey(NOW, resolveCalendar('monday', 'en-GB')),
      computedAt: NOW,
      dashboard,
    },
    currency: { currency: 'EUR', rates: {} },
    exchangeRates: { rates: { EUR }, lastAttempt: NOW, error: null },
    ...overrides,
  };
}

/** A popup page's scope after startPage: `#root` in the body, the read in flight. */
function page(values: Record<string, unknown>, search = `?now=${NOW}`, withRoot = true) {
  vi.stubGlobal('navigator', { languages: ['en-GB'], language: 'en-GB' });
  let resolve!: (v: Record<string, unknown>) => void;
  const first: EarlyRead = {
    read: new Promise((r) => (resolve = r)),
    changed: false,
    stop: () => undefined,
  };
  const root = document.createElement('div');
  root.id = 'root';
  if (withRoot) document.body.append(root);
  const scope = {
    browser: fakeBrowser,
    document,
    location: { search },
    navigator: globalThis.navigator,
    tmFirstRead: first,
  } as unknown as EarlyScope;
  return { scope, first, root, answer: () => resolve(values) };
}

/** Let the read's promise chain (and the catalog's load) settle. */
const settle = () => new Promise((r) => setTimeout(r, 20));

/** What the popup's modules draw from the same values (main.tsx: initI18n, makeMoney, paintFirst). */
async function modulesDraw(values: Record<string, unknown>): Promise<string> {
  await initI18n(Promise.resolve(values.language as Locale));
  const root = document.createElement('div');
  const rates = values.exchangeRates as { rates: Record<string, typeof EUR> };
  paintFirst(
    root,
    dashboard,
    makeMoney(values.currency as { currency: string; rates: Record<string, never> }, intlLocale(), {
      synced: rates.rates,
      now: NOW,
    }),
  );
  return root.innerHTML;
}

/** Run the first script's paint with only the strings its build carries. */
function withFirstPaintCatalogs(): void {
  addCatalogs({
    en: firstPaintCatalog(CATALOGS.en),
    'zh-CN': firstPaintCatalog(CATALOGS['zh-CN']),
  } as typeof CATALOGS);
}

describe("the popup's numbers drawn by the page's first script", () => {
  it('draws what the modules draw from the same read: amounts, labels, currency, language', async () => {
    for (const language of ['zh-CN', 'en', 'auto']) {
      const values = stored({ language });
      const { scope, root, answer } = page(values);
      withFirstPaintCatalogs();
      paintPopupEarly(scope);
      answer();
      await settle();
      const early = root.innerHTML;
      addCatalogs(CATALOGS);
      setLocale('en');
      const modules = await modulesDraw(values);
      expect(early).toBe(modules);
      expect(root.querySelectorAll('[elementtiming="tm-numbers"]')).toHaveLength(3);
      expect(root.textContent).toContain('€');
      if (language === 'zh-CN') {
        expect(root.textContent).toContain(CATALOGS['zh-CN']['popup.period.week']);
        expect(document.documentElement.lang).toBe('zh-CN');
      } else {
        expect(root.textContent).toContain(CATALOGS.en['popup.period.week']);
      }
      // The modules keep these cards: the very dashboard of the read was drawn.
      expect(earlyPaintMs(dashboard, scope)).toBeTypeOf('number');
      expect(earlyPaintMs({ ...dashboard }, scope)).toBeUndefined();
      document.body.replaceChildren();
    }
  });

  it('draws in USD without stored currency settings, as the items fall back', async () => {
    const values = stored({ currency: undefined, exchangeRates: undefined, language: undefined });
    const { scope, root, answer } = page(values);
    paintPopupEarly(scope);
    answer();
    await settle();
    expect(root.textContent).toContain('$');
    expect(root.textContent).not.toContain('€');
    expect(root.textContent).toContain(CATALOGS.en['popup.period.day']);
  });

  it('draws into #root once the parser has put it in the page', async () => {
    const { scope, root, answer } = page(stored(), `?now=${NOW}`, false);
    paintPopupEarly(scope);
    answer();
    await settle();
    expect(root.childElementCount).toBe(0);
    document.body.append(root);
    await settle();
    expect(root.querySelectorAll('.tm-card')).toHaveLength(3);
  });

  it('draws nothing when the snapshot is not for this opening', async () => {
    const cases: [string, Record<string, unknown>, string?][] = [
      ['a day later', stored(), `?now=${NOW + DAY}`],
      ['another week start', stored({ calendar: { weekStart: 'sunday' } })],
      ['no snapshot', stored({ dashboardSnapshot: null })],
      ['the query path asked for', stored(), `?now=${NOW}&source=query`],
    ];
    for (const [what, values, search] of cases) {
      const { scope, root, answer } = page(values, search);
      paintPopupEarly(scope);
      answer();
      await settle();
      expect(root.childElementCount, what).toBe(0);
      expect(scope.tmEarlyPaint, what).toBeUndefined();
      document.body.replaceChildren();
    }
  });

  it('draws nothing once the modules took the read, or when one of its keys changed', async () => {
    for (const flag of ['taken', 'changed'] as const) {
      const { scope, first, root, answer } = page(stored());
      paintPopupEarly(scope);
      first[flag] = true;
      answer();
      await settle();
      expect(root.childElementCount, flag).toBe(0);
      document.body.replaceChildren();
    }
  });
});
