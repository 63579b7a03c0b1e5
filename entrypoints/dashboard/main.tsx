import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DashboardPage } from '@/components/dashboard/DashboardPage';
import { LocaleRoot } from '@/components/hooks/use-locale';
import { historyDb } from '@/utils/db/schema';
import { loadSpend, type SpendPeriod } from '@/utils/db/spend';
import { initI18n } from '@/utils/i18n/browser';
import { calendarSettings, resolveCalendar } from '@/utils/storage/settings/history';
import { currencySettings } from '@/utils/storage/settings/money';
import { syncedExchangeRates } from '@/utils/storage/state/exchange-rates';
import { sendMessage } from '@/utils/messaging';

const params = new URLSearchParams(location.search);
/** `?now=<epoch ms>` pins the clock (e2e checks and the bench); otherwise the real time. */
const pinned = Number(params.get('now'));
const now = Number.isFinite(pinned) && pinned > 0 ? pinned : Date.now();
const asked = params.get('period');
const period: SpendPeriod = asked === 'month' || asked === 'all' ? asked : 'week';

// The settings, the database and the first view's query start at once, beside the language:
// the first render already has its numbers (the page then follows changes live).
const calendar = calendarSettings.getValue().catch(() => undefined);
const currency = currencySettings.getValue().catch(() => undefined);
const rates = syncedExchangeRates.getValue().catch(() => undefined);
const view = calendar
  .then((c) =>
    loadSpend(
      historyDb(),
      period,
      now,
      resolveCalendar(c?.weekStart ?? 'locale', navigator.language),
    ),
  )
  .catch(() => undefined);

Promise.all([initI18n(), calendar, currency, rates, view]).then(([, c, money, r, first]) => {
  // After the first view: a scheduled re-scan of granted folders that is due runs now.
  setTimeout(() => void sendMessage('rescanFolders', {}).catch(() => undefined), 0);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleRoot>
        <DashboardPage
          now={now}
          initialPeriod={period}
          first={{ calendar: c, currency: money, rates: r, view: first }}
        />
      </LocaleRoot>
    </StrictMode>,
  );
});
