/**
 * All imported spend split by source, agent, project and model, read from the
 * importDays rollup: cache reads apart from input, billed apart from API-equivalent and from an
 * aggregator's estimate; unpriced events counted, never shown as $0.
 */
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { historyDb } from '@/utils/db/schema';
import { loadImportBreakdown, type BreakdownBy } from '@/utils/db/import-breakdown';
import { formatCurrency, formatNumber, t } from '@/utils/i18n';
import { useHistoryQuery } from './history-query';

const DIMENSIONS: BreakdownBy[] = ['source', 'agent', 'project', 'model'];

const usd = (micro: number) => formatCurrency(micro / 1e6, 'USD');

export function ImportBreakdown() {
  const [by, setBy] = useState<BreakdownBy>('source');
  const split = useHistoryQuery(() => loadImportBreakdown(historyDb(), '0000-01-01'));
  const rows = split?.[by] ?? [];
  const link = (
    <p>
      <a
        href={browser.runtime.getURL('/dashboard.html?period=all')}
        target="_blank"
        rel="noreferrer"
        data-testid="open-dashboard"
      >
        {t('options.usage.dashboardLink')}
      </a>
    </p>
  );
  if (split && split.source.length === 0) return link;
  return (
    <div data-testid="import-breakdown">
      {link}
      <p>
        {t('options.usage.splitBy')}{' '}
        {DIMENSIONS.map((d) => (
          <label key={d}>
            <input type="radio" checked={by === d} onChange={() => setBy(d)} />{' '}
            {t(`options.usage.by.${d}`)}{' '}
          </label>
        ))}
      </p>
      <table className="tm-opt-table">
        <thead>
          <tr>
            <th>{t(`options.usage.by.${by}`)}</th>
            <th>{t('options.usage.col.events')}</th>
            <th>{t('options.usage.col.input')}</th>
            <th>{t('options.usage.col.cacheRead')}</th>
            <th>{t('options.usage.col.output')}</th>
            <th>{t('options.usage.col.billed')}</th>
            <th>{t('options.usage.col.api')}</th>
            <th>{t('options.usage.col.estimate')}</th>
            <th>{t('options.usage.col.unpriced')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td>{formatNumber(r.events)}</td>
              <td>{formatNumber(r.input + r.cacheWrite)}</td>
              <td>{formatNumber(r.cacheRead)}</td>
              <td>{formatNumber(r.output + r.reasoning)}</td>
              <td>{r.billedMicroUsd ? usd(r.billedMicroUsd) : '—'}</td>
              <td>{r.apiMicroUsd ? usd(r.apiMicroUsd) : '—'}</td>
              <td>{r.estimateMicroUsd ? usd(r.estimateMicroUsd) : '—'}</td>
              <td>{r.unpricedEvents ? formatNumber(r.unpricedEvents) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="tm-opt-note">{t('options.usage.splitNote')}</p>
    </div>
  );
}
