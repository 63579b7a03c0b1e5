import { paintFirst } from '@/components/popup/first-paint';
import { makeMoney } from '@/components/popup/money-format';
import { watchNumbers } from '@/components/popup/numbers-store';
import { intlLocale } from '@/utils/i18n';
import { initI18n } from '@/utils/i18n/browser';
import '@/components/popup/popup.css';
// The storage files, not the index: each item the index brings along is read on load.
import { POPUP_FIRST_ITEMS } from '@/components/popup/first-items';
import { pageNow, queryOnly } from '@/components/popup/page-clock';
import { earlyPaintMs, readItems, takeFirstRead } from '@/utils/storage/read-items';

// This module is small (no React): it reads the numbers (the background's snapshot in one
// storage read, or, when it does not fit this opening, the live query whose database code loads
// only then) and the currency, draws the period cards, and then loads React and the rest of the
// popup, which take over the page. `?source=query` skips the snapshot: the e2e check of the
// query path and the bench's baseline.
const now = pageNow(location.search);
// Every item the first paint needs, in one storage request, ahead of the reads the items' own
// definitions queue (each a round trip through the browser); fallbacks applied. The page's first
// script (page-start.js) sent that request before these modules arrived; else it is sent now.
const read = readItems(POPUP_FIRST_ITEMS, takeFirstRead());
// The language is read beside the numbers; the numbers' week start keeps the browser's own
// locale (a calendar setting, apart from the UI language).
const locale = initI18n(read.then(([language]) => language));
const numbers = watchNumbers(now, navigator.language, {
  queryOnly: queryOnly(location.search),
  firstRead: read.then(([, calendar, snapshot]) => [snapshot, calendar]),
});
const currency = read.then(([, , , c]) => c).catch(() => undefined);
const rates = read.then(([, , , , r]) => r).catch(() => undefined);
const health = read.then(([, , , , , h]) => h).catch(() => undefined);

/**
 * Runs `load` once the frame after now has been painted: requestAnimationFrame runs before that
 * paint, a task queued from it after. The timer covers a page that draws no frames (hidden).
 */
function afterNextPaint(load: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    load();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

let firstPaintMs: number | undefined;
// React and the rest of the popup are imported only once the cards are on screen (or known not
// to be drawable here): starting that import queues a dozen chunk requests on this thread,
// which would hold up both the storage replies and the cards' paint.
const app = Promise.all([numbers.ready, currency, rates, locale])
  .then(([, c, r]) => {
    const { dashboard } = numbers.getSnapshot();
    if (!dashboard || c === undefined) return;
    // The page's first script drew these very cards from this read (early-paint.ts): kept.
    const early = earlyPaintMs(dashboard);
    if (early !== undefined) {
      firstPaintMs = early;
      return;
    }
    paintFirst(
      document.getElementById('root')!,
      dashboard,
      makeMoney(c, intlLocale(), { synced: r?.rates, now }),
    );
    performance.mark('tm-numbers');
    firstPaintMs = Math.round(performance.now());
  })
  // A first paint that failed leaves the page to React.
  .catch(() => undefined)
  .then(() => new Promise<void>((resolve) => afterNextPaint(resolve)))
  .then(() => import('./app'));

Promise.all([app, numbers.ready, currency, rates, health, locale]).then(
  ([{ mountPopup }, , c, r, h]) => {
    mountPopup(now, numbers, { currency: c, rates: r, health: h, firstPaintMs });
  },
);
