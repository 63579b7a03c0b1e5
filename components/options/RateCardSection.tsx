import { useEffect, useState } from 'react';
import type { RateCardStatus } from '@/utils/core/ratecard';
import { sendMessage } from '@/utils/messaging';
import { Section, StatusLine, useAction } from './form';

const when = (ms: number | null) => (ms ? new Date(ms).toLocaleString() : 'never');

export function RateCardSection() {
  const [status, setStatus] = useState<RateCardStatus | null>(null);
  const [line, run, busy] = useAction();
  useEffect(() => {
    sendMessage('getRateCardStatus', {})
      .then(setStatus)
      .catch(() => setStatus(null));
  }, []);
  return (
    <Section
      id="ratecard"
      title="Rate card"
      note="Prices come from models.dev (labs’ list prices) and OpenRouter; the extension ships a snapshot and syncs every 12 hours."
    >
      {status ? (
        <dl className="tm-dl" data-testid="ratecard-status">
          <dt>Card in use</dt>
          <dd>
            {status.origin === 'bundled' ? 'bundled snapshot' : 'synced'} · {status.models} models ·
            version {status.version.slice(0, 10)} · created {status.createdAt}
          </dd>
          <dt>Last sync</dt>
          <dd>
            {when(status.lastSync)}
            {status.syncing ? ' (syncing…)' : ''}
          </dd>
          <dt>Sources</dt>
          <dd>
            {Object.values(status.feeds).map((f) => (
              <div key={f.url}>
                {f.url}:{' '}
                {f.error ? (
                  <span className="tm-error">{f.error}</span>
                ) : (
                  `ok, ${when(f.lastSuccess)}`
                )}
              </div>
            ))}
          </dd>
          {status.error ? (
            <>
              <dt>Error</dt>
              <dd className="tm-error">{status.error} (the last good card stays in use)</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="tm-opt-note">Status not available.</p>
      )}
      <button
        disabled={busy}
        data-testid="refresh-ratecard"
        onClick={() =>
          run(async () => {
            const next = await sendMessage('refreshRateCard', {});
            setStatus(next);
            return next.error
              ? `Sync finished with an error: ${next.error}`
              : 'Rate card refreshed.';
          })
        }
      >
        {busy ? 'Refreshing…' : 'Refresh now'}
      </button>
      <StatusLine status={line} />
    </Section>
  );
}
