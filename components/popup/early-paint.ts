/**
 * The popup's numbers drawn by the page's first script (page-start.js: a classic file the HTML
 * loads ahead of the modules, built from entrypoints/page-start.ts), as soon as its one storage
 * read is back: the module files (six, ~75 KB) each take as long to arrive as that script, and
 * they run only once the last is in. The cards are drawn by the same code the modules draw them
 * with (paintFirst, makeMoney, t()), with the same rules for using the snapshot (its key must be
 * this opening's: day, week start, time zone), so the modules find the same DOM and keep it;
 * React replaces it on mount as before. When the snapshot does not fit, or the read is stale
 * or not back before the modules take it, nothing is drawn here: the modules' path is unchanged.
 * Keep it small: what this file imports is parsed on every opening (the script's size is in
 * `npm run bench -- popup`); the catalogs are cut to the first paint's strings at build time.
 */
import {
  intlLocale,
  loadCatalog,
  resolveLocale,
  setLocale,
  type LocaleSetting,
} from '@/utils/i18n';
import { uiLanguages } from '@/utils/i18n/languages';
import type { EarlyRead, PageScope } from '@/utils/page-start';
import type { Dashboard } from '@/utils/db/queries';
// Types only from the items' files: their values would bring WXT storage into this script.
import type { CalendarSettings } from '@/utils/storage/settings/history';
import type { CurrencySettings } from '@/utils/storage/settings/money';
import { dashboardKey, resolveCalendar } from '@/utils/storage/snapshot-key';
import type { SyncedExchangeRates } from '@/utils/storage/state/exchange-rates';
import type { DashboardSnapshot } from '@/utils/storage/state/history';
import { NUMBERS_TIMING, paintFirst } from './first-paint';
import { makeMoney, type Money } from './money-format';
import { pageNow, queryOnly } from './page-clock';

export interface EarlyEnv {
  /** The page's query string (`?now=`, `?source=query`). */
  search: string;
  /** The browser's languages, most preferred first (for the UI language, as initI18n). */
  languages: readonly string[];
  /** The locale whose week start `weekStart: 'locale'` means (navigator.language, as the modules). */
  calendarLocale: string;
  /** The real clock, epoch ms. */
  now: number;
}

export interface EarlyNumbers {
  dashboard: Dashboard;
  money: Money;
  locale: string;
}

/**
 * What the first paint would draw from these stored values (keyed as in storage, the popup's
 * first-paint items), with the UI language switched to the user's; null when the snapshot is
 * not this opening's (the modules then decide, and may query).
 */
export async function earlyNumbers(
  values: Record<string, unknown>,
  env: EarlyEnv,
): Promise<EarlyNumbers | null> {
  if (queryOnly(env.search)) return null;
  const now = pageNow(env.search, env.now);
  const snapshot = values.dashboardSnapshot as DashboardSnapshot | null | undefined;
  const calendar = values.calendar as CalendarSettings | undefined;
  const key = dashboardKey(
    now,
    resolveCalendar(calendar?.weekStart ?? 'locale', env.calendarLocale),
  );
  if (!snapshot || snapshot.key !== key) return null;
  const locale = resolveLocale(values.language as LocaleSetting | undefined, env.languages);
  await loadCatalog(locale);
  setLocale(locale, env.languages);
  const rates = values.exchangeRates as SyncedExchangeRates | undefined;
  const money = makeMoney(values.currency as CurrencySettings | undefined, intlLocale(), {
    synced: rates?.rates,
    now,
  });
  return { dashboard: snapshot.dashboard, money, locale };
}

export interface EarlyScope extends PageScope {
  document: Document;
  location: { search: string };
  navigator?: { languages?: readonly string[]; language?: string };
  chrome?: PageScope['chrome'] & { i18n?: { getUILanguage?(): string } };
  browser?: PageScope['browser'] & { i18n?: { getUILanguage?(): string } };
}

/** `id`'s element, now or once the parser has put it in the page. */
function whenElement(document: Document, id: string): Promise<HTMLElement> {
  const found = document.getElementById(id);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const el = document.getElementById(id);
      if (!el) return;
      observer.disconnect();
      resolve(el);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  });
}

/**
 * On the popup (its first read started by startPage): draw the cards into `#root` once the read
 * is back, unless the modules have taken the read by then or one of its keys changed since.
 * Sets `tmEarlyPaint` when drawn (the modules keep the cards: earlyPaintMs in read-items.ts). Never throws: the modules' own
 * path is the fallback.
 */
export function paintPopupEarly(scope: EarlyScope, realNow: () => number = Date.now): void {
  const first: EarlyRead | undefined = scope.tmFirstRead;
  if (!first) return;
  const i18n = (scope.browser ?? scope.chrome)?.i18n;
  const env = (): EarlyEnv => ({
    search: scope.location.search,
    languages: uiLanguages(i18n, scope.navigator),
    calendarLocale: scope.navigator?.language ?? 'en',
    now: realNow(),
  });
  const usable = () => !first.changed && !first.taken;
  first.read
    .then((values) => (usable() ? earlyNumbers(values, env()) : null))
    .then(async (numbers) => {
      if (!numbers) return;
      const root = await whenElement(scope.document, 'root');
      if (!usable()) return;
      paintFirst(root, numbers.dashboard, numbers.money);
      scope.document.documentElement.lang = numbers.locale;
      performance.mark(NUMBERS_TIMING);
      scope.tmEarlyPaint = { ms: Math.round(performance.now()), dashboard: numbers.dashboard };
    })
    .catch(() => undefined);
}
