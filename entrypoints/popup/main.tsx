import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/Popup';
import { watchNumbers } from '@/components/popup/numbers-store';
import { currencySettings } from '@/utils/currency-settings';
import { historyHealth } from '@/utils/history-settings';

const params = new URLSearchParams(location.search);

/** `?now=<epoch ms>` pins the clock (screenshots and e2e checks); otherwise the real time. */
function pageNow(): number {
  const pinned = Number(params.get('now'));
  return Number.isFinite(pinned) && pinned > 0 ? pinned : Date.now();
}

// The numbers are read before React mounts: the background's snapshot (one storage read) or,
// when it does not fit this opening, the live query (its database code is loaded only then).
// `?source=query` skips the snapshot: the e2e check of the query path and the bench's baseline.
const now = pageNow();
const numbers = watchNumbers(now, navigator.language, {
  queryOnly: params.get('source') === 'query',
});
// Read with the snapshot, side by side: the first render has the numbers in the right currency
// (one render with everything, not a "Loading" pass and another for each setting).
const currency = currencySettings.getValue().catch(() => undefined);
const health = historyHealth.getValue().catch(() => undefined);

Promise.all([numbers.ready, currency, health]).then(([, c, h]) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Popup now={now} numbers={numbers} first={{ currency: c, health: h }} />
    </StrictMode>,
  ),
);
