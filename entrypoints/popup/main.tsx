import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/Popup';
import { watchDashboard } from '@/components/popup/dashboard-store';
import { historyDb } from '@/utils/db/schema';

/** `?now=<epoch ms>` pins the clock (screenshots and e2e checks); otherwise the real time. */
function pageNow(): number {
  const pinned = Number(new URLSearchParams(location.search).get('now'));
  return Number.isFinite(pinned) && pinned > 0 ? pinned : Date.now();
}

// The numbers' query starts before React mounts (database open, query, the week-start setting
// read side by side), so it runs during the first render instead of after it. (Loading React
// lazily after starting the query was measured too: no faster, so the page stays one graph.)
const now = pageNow();
const numbers = watchDashboard(historyDb(), now, navigator.language, localStorage);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Popup now={now} numbers={numbers} />
  </StrictMode>,
);
