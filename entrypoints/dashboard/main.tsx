import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DashboardPage } from '@/components/dashboard/DashboardPage';
import { LocaleRoot } from '@/components/hooks/use-locale';
import type { SpendPeriod } from '@/utils/db/spend';
import { initI18n } from '@/utils/i18n/browser';

const params = new URLSearchParams(location.search);
/** `?now=<epoch ms>` pins the clock (e2e checks and the bench); otherwise the real time. */
const pinned = Number(params.get('now'));
const now = Number.isFinite(pinned) && pinned > 0 ? pinned : Date.now();
const asked = params.get('period');
const period: SpendPeriod = asked === 'month' || asked === 'all' ? asked : 'week';

initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleRoot>
        <DashboardPage now={now} initialPeriod={period} />
      </LocaleRoot>
    </StrictMode>,
  ),
);
