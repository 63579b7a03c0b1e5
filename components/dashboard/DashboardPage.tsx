/**
 * The full-page dashboard: all spend in one view. Chat turns and imported usage (agents, API
 * keys and bills) over a week, a month or all time: spend per day by kind, and split by kind,
 * source, agent, project and model, with cache reads apart and billed / API-equivalent / the
 * source's estimate / unpriced each labelled. Read from the day rollups only (utils/db/spend.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { historyDb } from '@/utils/db/schema';
import {
  loadSpend,
  pricedMicroUsd,
  SPEND_DIMENSIONS,
  type SpendBy,
  type SpendPeriod,
  type SpendRow,
  type SpendView,
} from '@/utils/db/spend';
import { formatNumber, t, type MessageKey } from '@/utils/i18n';
import {
  calendarSettings,
  resolveCalendar,
  type CalendarSettings,
  type CurrencySettings,
  type SyncedExchangeRates,
} from '@/utils/storage';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { useMoney, formatTokensShort, type Money } from '@/components/popup/money';
import { modelLabel } from '@/components/popup/Breakdowns';
import { siteLabel } from '@/components/popup/site-label';
import { KIND_COLOURS, SpendChart } from './SpendChart';
import './dashboard.css';

const PERIODS: SpendPeriod[] = ['week', 'month', 'all'];

function rowLabel(by: SpendBy, key: string): string {
  if (by === 'kind') return t(`dashboard.kind.${key}` as MessageKey);
  if (key === '') return by === 'model' ? modelLabel('') : t('dashboard.notNamed');
  if (by === 'source') return siteLabel(key);
  if (by === 'model') return key.includes('/') ? modelLabel(key) : key;
  return key;
}

/** Priced money, "≥" when some events are unpriced, "unpriced" when none is priced. */
function Money(props: { row: SpendRow; money: Money }) {
  const { row, money } = props;
  const priced = pricedMicroUsd(row);
  if (row.events > 0 && row.events === row.unpricedEvents) return <>{t('common.unpriced')}</>;
  return (
    <span
      title={
        row.unpricedEvents > 0
          ? t('popup.unpricedNotIncluded', { count: row.unpricedEvents })
          : undefined
      }
    >
      {row.unpricedEvents > 0 ? '≥' : ''}
      {money.format(priced)}
    </span>
  );
}

const cost = (micro: number, money: Money) => (micro ? money.format(micro) : '—');

function Cards(props: { view: SpendView; money: Money }) {
  const { view, money } = props;
  const r = view.totals;
  const card = (label: string, value: React.ReactNode, testid: string, note?: string) => (
    <div className="tm-dash-card" data-testid={testid} title={note}>
      <div className="tm-dash-card-label">{label}</div>
      <div className="tm-dash-card-value">{value}</div>
    </div>
  );
  return (
    <>
      <div className="tm-dash-cards">
        {card(
          t('dashboard.total'),
          <Money row={r} money={money} />,
          'dash-total',
          money.sumTitle ?? undefined,
        )}
        {card(
          t('dashboard.billed'),
          cost(r.billedMicroUsd, money),
          'dash-billed',
          t('dashboard.billedNote'),
        )}
        {card(t('dashboard.api'), cost(r.apiMicroUsd, money), 'dash-api', t('dashboard.apiNote'))}
        {card(
          t('dashboard.estimate'),
          cost(r.estimateMicroUsd, money),
          'dash-estimate',
          t('dashboard.estimateNote'),
        )}
        {card(
          t('dashboard.unpriced'),
          formatNumber(r.unpricedEvents),
          'dash-unpriced',
          t('dashboard.unpricedNote'),
        )}
      </div>
      <p className="tm-dash-tokens" data-testid="dash-tokens">
        {t('dashboard.tokens', {
          count: r.events,
          input: formatTokensShort(r.input),
          cacheRead: formatTokensShort(r.cacheRead),
          cacheWrite: formatTokensShort(r.cacheWrite),
          output: formatTokensShort(r.output),
          reasoning: formatTokensShort(r.reasoning),
        })}
      </p>
    </>
  );
}

function SplitTable(props: { by: SpendBy; rows: SpendRow[]; money: Money }) {
  const { by, rows, money } = props;
  if (rows.length === 0) return <p className="tm-dash-empty">{t('dashboard.nothing')}</p>;
  return (
    <table className="tm-dash-table" data-testid={`split-${by}`}>
      <thead>
        <tr>
          <th>{t(`dashboard.by.${by}`)}</th>
          <th className="num">{t('dashboard.col.spend')}</th>
          <th className="num">{t('options.usage.col.billed')}</th>
          <th className="num">{t('options.usage.col.api')}</th>
          <th className="num">{t('options.usage.col.estimate')}</th>
          <th className="num">{t('options.usage.col.unpriced')}</th>
          <th className="num">{t('options.usage.col.events')}</th>
          <th className="num">{t('dashboard.col.input')}</th>
          <th className="num">{t('options.usage.col.cacheRead')}</th>
          <th className="num">{t('dashboard.col.cacheWrite')}</th>
          <th className="num">{t('options.usage.col.output')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key} data-micro-usd={pricedMicroUsd(r)}>
            <td title={r.key}>
              {by === 'kind' ? (
                <span
                  className="tm-dash-swatch"
                  style={{ background: KIND_COLOURS[r.key as 'chat'] }}
                />
              ) : null}
              {rowLabel(by, r.key)}
            </td>
            <td className="num">
              <Money row={r} money={money} />
            </td>
            <td className="num">{cost(r.billedMicroUsd, money)}</td>
            <td className="num">{cost(r.apiMicroUsd, money)}</td>
            <td className="num">{cost(r.estimateMicroUsd, money)}</td>
            <td className="num">{r.unpricedEvents ? formatNumber(r.unpricedEvents) : '—'}</td>
            <td className="num">{formatNumber(r.events)}</td>
            <td className="num">{formatTokensShort(r.input)}</td>
            <td className="num">{formatTokensShort(r.cacheRead)}</td>
            <td className="num">{formatTokensShort(r.cacheWrite)}</td>
            <td className="num">{formatTokensShort(r.output + r.reasoning)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Milliseconds from opening to the first view on screen (the bench and the e2e test read it). */
function useReadyMs(ready: boolean) {
  const [ms, setMs] = useState<number | null>(null);
  useEffect(() => {
    if (ready && ms === null) setMs(Math.round(performance.now()));
  }, [ready, ms]);
  return ms;
}

function Header(props: { period: SpendPeriod; onPeriod: (p: SpendPeriod) => void }) {
  return (
    <header className="tm-dash-head">
      <h1>{t('dashboard.title')}</h1>
      <nav className="tm-dash-periods" role="group" aria-label={t('dashboard.period')}>
        {PERIODS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={p === props.period}
            data-testid={`period-${p}`}
            onClick={() => props.onPeriod(p)}
          >
            {t(`dashboard.period.${p}`)}
          </button>
        ))}
      </nav>
      <a href="#" onClick={(e) => (e.preventDefault(), browser.runtime.openOptionsPage())}>
        {t('popup.options')}
      </a>
    </header>
  );
}

function Body(props: { view: SpendView; money: Money }) {
  const { view, money } = props;
  const [by, setBy] = useState<SpendBy>('kind');
  return (
    <>
      {view.otherTimeZone ? (
        <p className="tm-dash-note">{t('dashboard.otherTimeZone', { zone: view.otherTimeZone })}</p>
      ) : null}
      <Cards view={view} money={money} />
      <section>
        <h2>{t('dashboard.perDay')}</h2>
        <ul className="tm-dash-legend">
          {(['chat', 'agent', 'api'] as const).map((k) => (
            <li key={k}>
              <span className="tm-dash-swatch" style={{ background: KIND_COLOURS[k] }} />
              {t(`dashboard.kind.${k}`)}
            </li>
          ))}
        </ul>
        {view.days.length ? (
          <SpendChart days={view.days} daily={view.daily} money={money} />
        ) : (
          <p className="tm-dash-empty">{t('dashboard.nothing')}</p>
        )}
      </section>
      <section>
        <h2>
          {t('dashboard.splitBy')}{' '}
          {SPEND_DIMENSIONS.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={d === by}
              data-testid={`by-${d}`}
              onClick={() => setBy(d)}
            >
              {t(`dashboard.by.${d}`)}
            </button>
          ))}
        </h2>
        <SplitTable by={by} rows={view.split[by]} money={money} />
        <p className="tm-dash-note">{t('dashboard.note')}</p>
      </section>
    </>
  );
}

/** The page: the period's view from the rollups, kept live while imports and turns land. */
export function DashboardPage(props: {
  now: number;
  initialPeriod: SpendPeriod;
  /** What the entrypoint read before React: the settings and the first view. */
  first?: {
    calendar?: CalendarSettings;
    currency?: CurrencySettings;
    rates?: SyncedExchangeRates;
    view?: SpendView;
  };
}) {
  const { now, first } = props;
  const [period, setPeriod] = useState<SpendPeriod>(props.initialPeriod);
  const money = useMoney({ currency: first?.currency, rates: first?.rates }, now);
  const weekStart = useStorageItem(calendarSettings, first?.calendar)?.weekStart;
  const calendar = useMemo(
    () => (weekStart ? resolveCalendar(weekStart, navigator.language) : undefined),
    [weekStart],
  );
  const [error, setError] = useState<string | null>(null);
  const view = useLiveQuery(
    () =>
      calendar
        ? loadSpend(historyDb(), period, now, calendar).catch((e: unknown) => {
            setError(e instanceof Error ? e.message : String(e));
            return undefined;
          })
        : undefined,
    [period, calendar, now],
  );
  // Until the live query answers, the view the entrypoint read (same period, same calendar).
  const latest = view ?? (first?.view?.period === period ? first.view : undefined);
  const shown = latest && latest.period === period && money.loaded ? latest : undefined;
  const readyMs = useReadyMs(!!shown);
  return (
    <main className="tm-dash" data-ready-ms={readyMs ?? undefined} data-rows-read={shown?.rowsRead}>
      <Header period={period} onPeriod={setPeriod} />
      {error ? (
        <p className="tm-dash-banner" role="alert">
          {t('popup.historyUnreadable', { error })}
        </p>
      ) : null}
      {!shown ? (
        <p className="tm-dash-empty">{t('popup.loadingHistory')}</p>
      ) : (
        <Body view={shown} money={money} />
      )}
      <footer className="tm-dash-note">
        {money.rateNote ? `${money.rateNote} · ` : ''}
        {t('dashboard.fromRollups', { count: shown?.rowsRead ?? 0 })}
      </footer>
    </main>
  );
}
