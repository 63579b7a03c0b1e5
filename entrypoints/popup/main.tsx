import { paintFirst } from '@/components/popup/first-paint';
import { makeMoney } from '@/components/popup/money-format';
import { watchNumbers } from '@/components/popup/numbers-store';
import { intlLocale } from '@/utils/i18n';
import { initI18n } from '@/utils/i18n/browser';
import '@/components/popup/popup.css';
// The storage files, not the index: each item the index brings along is read on load.
import { currencySettings } from '@/utils/storage/settings/money';
import { syncedExchangeRates } from '@/utils/storage/state/exchange-rates';
import { historyHealth } from '@/utils/storage/state/history';

const params = new URLSearchParams(location.search);

/** `?now=<epoch ms>` pins the clock (screenshots and e2e checks); otherwise the real time. */
function pageNow(): number {
  const pinned = Number(params.get('now'));
  return Number.isFinite(pinned) && pinned > 0 ? pinned : Date.now();
}

// This module is small (no React): it reads the numbers (the background's snapshot in one
// storage read, or, when it does not fit this opening, the live query whose database code loads
// only then) and the currency, draws the period cards, and meanwhile loads React and the rest of
// the popup, which take over the page. `?source=query` skips the snapshot: the e2e check of the
// query path and the bench's baseline.
const now = pageNow();
// The language (a storage read) is read beside the numbers; the numbers' week start keeps the
// browser's own locale (a calendar setting, apart from the UI language).
const locale = initI18n();
const numbers = watchNumbers(now, navigator.language, {
  queryOnly: params.get('source') === 'query',
});
const currency = currencySettings.getValue().catch(() => undefined);
const rates = syncedExchangeRates.getValue().catch(() => undefined);
const health = historyHealth.getValue().catch(() => undefined);
const app = import('./app');

let firstPaintMs: number | undefined;
Promise.all([numbers.ready, currency, rates, locale]).then(([, c, r]) => {
  const { dashboard } = numbers.getSnapshot();
  // React may have been quicker (a warm opening); then it has drawn everything already.
  const root = document.getElementById('root')!;
  if (!dashboard || c === undefined || root.dataset.mounted !== undefined) return;
  paintFirst(root, dashboard, makeMoney(c, intlLocale(), { synced: r?.rates, now }));
  performance.mark('tm-numbers');
  firstPaintMs = Math.round(performance.now());
});

Promise.all([app, numbers.ready, currency, rates, health, locale]).then(
  ([{ mountPopup }, , c, r, h]) => {
    document.getElementById('root')!.dataset.mounted = '';
    mountPopup(now, numbers, { currency: c, rates: r, health: h, firstPaintMs });
  },
);
