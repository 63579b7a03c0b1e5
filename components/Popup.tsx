/**
 * The toolbar popup: spend today / this week / this month with the change against the previous
 * period, a daily chart, breakdowns by model and site, top conversations, "on another model" and
 * subscriptions. The numbers come from the background's precomputed snapshot when it fits this
 * opening, else from a live query over IndexedDB (components/popup/numbers-store.ts).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import type { PeriodKind } from '@/utils/core/aggregate';
import {
  type CurrencySettings,
  historyHealth,
  type HistoryHealth,
  type SyncedExchangeRates,
} from '@/utils/storage';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { NumbersStore } from './popup/numbers-store';
import { Breakdown, modelLabel, TopConversations } from './popup/Breakdowns';
import { DailyChart } from './popup/DailyChart';
import { useMoney } from './popup/money';
import { OtherModel } from './popup/OtherModel';
import { PeriodCards } from './popup/PeriodCards';
import { siteLabel } from './popup/site-label';
import { StorageFullBanner } from './popup/StorageFullBanner';
import { SiteQuotas } from './popup/SiteQuotas';
import { Subscriptions } from './popup/Subscriptions';
import { SourceSplit } from './popup/SourceSplit';
import { splitByKind } from './popup/source-split';
import { SiteCounting } from './any-field/SiteCounting';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import './popup/popup.css';

/** The full-page dashboard (entrypoints/dashboard): all spend, chat and imported, by period. */
export const DASHBOARD_URL = (period?: 'week' | 'month' | 'all') =>
  browser.runtime.getURL(`/dashboard.html${period ? `?period=${period}` : ''}`);

/** What the entrypoint read and drew before React loaded. */
export interface FirstRead {
  currency?: CurrencySettings;
  rates?: SyncedExchangeRates;
  health?: HistoryHealth;
  /** When the period cards were drawn before React (first-paint.ts), ms after opening. */
  firstPaintMs?: number;
}

/** The background's version once it answers a ping, or why it did not. */
function useBackground() {
  const [version, setVersion] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sendMessage('ping', { from: 'popup' })
      .then((r) => setVersion(r.version))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return { version, error };
}

/**
 * Time from opening to numbers on screen (read by the e2e test and shown on hover): when the
 * entrypoint drew the cards before React, that moment. `appMs`: when React had drawn the whole
 * popup with its numbers (after the first paint, if any).
 */
function useReadyTiming(ready: boolean, firstPaintMs: number | undefined) {
  const [readyMs, setReadyMs] = useState<number | null>(null);
  const [appMs, setAppMs] = useState<number | null>(null);
  useEffect(() => {
    if (ready && readyMs === null) {
      if (firstPaintMs === undefined) performance.mark('tm-numbers');
      const at = Math.round(performance.now());
      setReadyMs(firstPaintMs ?? at);
      setAppMs(at);
    }
  }, [ready, readyMs, firstPaintMs]);
  return { readyMs, appMs };
}

type Dashboard = NonNullable<ReturnType<NumbersStore['getSnapshot']>['dashboard']>;

/** The numbers, once loaded: period cards, daily chart, breakdowns, other model, subscriptions. */
function PopupNumbers(props: {
  dashboard: Dashboard;
  kind: PeriodKind;
  onKind: (kind: PeriodKind) => void;
  now: number;
  money: ReturnType<typeof useMoney>;
}) {
  const { dashboard, kind, money } = props;
  const view = dashboard.views[kind];
  const chartView = dashboard.views[kind === 'month' ? 'month' : 'week'];
  return (
    <>
      <PeriodCards dashboard={dashboard} money={money} selected={kind} onSelect={props.onKind} />
      <SourceSplit
        split={splitByKind(view.bySite)}
        week={dashboard.views.week.summary.period}
        revision={dashboard.views.week.summary.totals.events}
        money={money}
        dashboardUrl={DASHBOARD_URL(kind === 'month' ? 'month' : 'week')}
      />
      {!dashboard.hasEvents ? (
        <p className="tm-empty" data-testid="empty">
          {t('popup.emptyHistory')}{' '}
          <a href={browser.runtime.getURL('/welcome.html')} target="_blank" rel="noreferrer">
            {t('popup.welcomeLink')}
          </a>
        </p>
      ) : null}
      <section className="tm-section">
        <div className="tm-chart-head">
          <h2>{t(kind === 'month' ? 'popup.dailySpend.month' : 'popup.dailySpend.week')}</h2>
        </div>
        <DailyChart
          days={chartView.summary.period.days}
          valuesMicroUsd={chartView.daily}
          money={money}
        />
      </section>
      <Breakdown
        title={t('popup.byModel')}
        slices={view.byModel}
        money={money}
        labelOf={modelLabel}
        testid="by-model"
      />
      <Breakdown
        title={t('popup.bySite')}
        slices={view.bySite}
        money={money}
        labelOf={siteLabel}
        testid="by-site"
      />
      <SiteQuotas />
      <TopConversations slices={view.top} money={money} />
      <OtherModel
        week={dashboard.views.week.summary.period}
        now={props.now}
        money={money}
        revision={dashboard.views.week.summary.totals.events}
      />
      <Subscriptions bySite={dashboard.views.month.bySite} money={money} />
    </>
  );
}

/**
 * `now` is the instant the periods are counted at; `numbers` the dashboard's store, started by
 * the entrypoint before this renders; `first` what it read meanwhile (so the first render
 * already has the currency and the storage health).
 */
export function Popup(props: { now: number; numbers: NumbersStore; first?: FirstRead }) {
  const { now, numbers, first } = props;
  const { version, error } = useBackground();
  const [kind, setKind] = useState<PeriodKind>('week');
  const health = useStorageItem(historyHealth, first?.health);
  const money = useMoney({ currency: first?.currency, rates: first?.rates }, now);
  const {
    dashboard,
    error: loadError,
    from,
  } = useSyncExternalStore(numbers.subscribe, numbers.getSnapshot);
  const { readyMs, appMs } = useReadyTiming(!!dashboard && !!money.loaded, first?.firstPaintMs);

  return (
    <main
      className="tm-popup"
      data-ready-ms={readyMs ?? undefined}
      data-source={dashboard ? (from === 'snapshot' ? 'snapshot' : dashboard.source) : undefined}
      data-first-paint-ms={first?.firstPaintMs}
      data-app-ms={appMs ?? undefined}
    >
      <h1>
        Token Meter
        <span className="tm-head-links">
          <a href={DASHBOARD_URL()} target="_blank" rel="noreferrer" data-testid="open-dashboard">
            {t('popup.dashboard')}
          </a>
          <a href="#" onClick={(e) => (e.preventDefault(), browser.runtime.openOptionsPage())}>
            {t('popup.options')}
          </a>
        </span>
      </h1>
      <StorageFullBanner health={health} advice={t('popup.storageFullAdvice')} />
      {loadError ? (
        <p className="tm-banner" role="alert">
          {t('popup.historyUnreadable', { error: loadError })}
        </p>
      ) : null}
      {!dashboard ||
      !dashboard.views[kind] ||
      !dashboard.views[kind === 'month' ? 'month' : 'week'] ||
      !money.loaded ? (
        <p className="tm-empty">{t('popup.loadingHistory')}</p>
      ) : (
        <PopupNumbers dashboard={dashboard} kind={kind} onKind={setKind} now={now} money={money} />
      )}
      <SiteCounting />
      <footer className="tm-footer">
        {error ? (
          <span role="alert">{t('popup.backgroundUnreachable', { error })}</span>
        ) : (
          <span data-testid="popup-status">
            {version ? t('popup.ready', { version }) : t('popup.loading')}
          </span>
        )}
        <span title={readyMs !== null ? t('popup.numbersShown', { ms: readyMs }) : undefined}>
          {t('popup.apiEquivalent')}
          {money.rateNote ? ` · ${money.rateNote}` : ''}
          {dashboard?.source === 'events' ? ` · ${t('popup.fromEvents')}` : ''}
        </span>
      </footer>
    </main>
  );
}
