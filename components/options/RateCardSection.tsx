import { useEffect, useState } from 'react';
import type { RateCardStatus } from '@/utils/core/ratecard';
import { formatDateTime, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { Section, StatusLine, useAction } from './form';
import { ModelLookup } from './ModelLookup';
import { syncErrorsText, syncErrorText } from './sync-error';

const when = (ms: number | null) => (ms ? formatDateTime(ms) : t('common.never'));

export function RateCardSection() {
  const [status, setStatus] = useState<RateCardStatus | null>(null);
  const [line, run, busy] = useAction();
  useEffect(() => {
    sendMessage('getRateCardStatus', {})
      .then(setStatus)
      .catch(() => setStatus(null));
  }, []);
  return (
    <Section id="ratecard" title={t('options.ratecard.title')} note={t('options.ratecard.note')}>
      {status ? (
        <dl className="tm-dl" data-testid="ratecard-status">
          <dt>{t('options.ratecard.inUse')}</dt>
          <dd>
            {t('options.ratecard.summary', {
              origin: t(
                status.origin === 'bundled'
                  ? 'options.ratecard.bundled'
                  : 'options.ratecard.synced',
              ),
              count: status.models,
              version: status.version.slice(0, 10),
              created: status.createdAt,
            })}
          </dd>
          <dt>{t('options.ratecard.lastSync')}</dt>
          <dd>
            {when(status.lastSync)}
            {status.syncing ? t('options.ratecard.syncing') : ''}
          </dd>
          <dt>{t('options.ratecard.sources')}</dt>
          <dd>
            {Object.values(status.feeds).map((f) => (
              <div key={f.url}>
                {f.url}:{' '}
                {f.error ? (
                  <span className="tm-error">{syncErrorText(f.errorInfo, f.error)}</span>
                ) : (
                  t('options.ratecard.sourceOk', { when: when(f.lastSuccess) })
                )}
              </div>
            ))}
          </dd>
          <CardSources status={status} />
          {status.error ? (
            <>
              <dt>{t('options.ratecard.error')}</dt>
              <dd className="tm-error">
                {t('options.ratecard.keepsLast', {
                  error: syncErrorsText(status.errors, status.error),
                })}
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="tm-opt-note">{t('options.ratecard.unavailable')}</p>
      )}
      <button
        disabled={busy}
        data-testid="refresh-ratecard"
        onClick={() =>
          run(async () => {
            const next = await sendMessage('refreshRateCard', {});
            setStatus(next);
            return next.error
              ? t('options.ratecard.syncError', { error: syncErrorsText(next.errors, next.error) })
              : t('options.ratecard.refreshed');
          })
        }
      >
        {busy ? t('options.ratecard.refreshing') : t('options.ratecard.refresh')}
      </button>
      <StatusLine status={line} />
      <ModelLookup />
    </Section>
  );
}

/** Where the card's prices come from (each source with its data date) and the exchange rates. */
function CardSources({ status }: { status: RateCardStatus }) {
  return (
    <>
      <dt>{t('options.ratecard.cardSources')}</dt>
      <dd data-testid="ratecard-card-sources">
        {(status.cardSources ?? []).map((s) => (
          <div key={s.name}>
            {t('options.ratecard.cardSource', {
              name: s.name,
              date: s.fetchedAt.slice(0, 10),
              license: s.license,
            })}
          </div>
        ))}
      </dd>
      <dt>{t('options.ratecard.rates')}</dt>
      <dd data-testid="ratecard-rates">
        {status.exchangeRates?.date
          ? t('options.ratecard.ratesOk', { date: status.exchangeRates.date })
          : t('options.ratecard.ratesNone')}
        {status.exchangeRates?.error ? (
          <div className="tm-error">
            {syncErrorText(status.exchangeRates.errorInfo, status.exchangeRates.error)}
          </div>
        ) : null}
      </dd>
    </>
  );
}
