import { useState } from 'react';
import {
  BUNDLED_RATES,
  FX_SOURCE,
  isStaleRate,
  rateFor,
  type ExchangeRate,
} from '@/utils/core/ratecard';
import { t } from '@/utils/i18n';
import { currencySettings, syncedExchangeRates } from '@/utils/storage';
import { setDisplayCurrency, setExchangeRate, clearExchangeRate } from '@/utils/storage/validated';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { Section, StatusLine, useAction } from './form';

type Run = ReturnType<typeof useAction>[1];

/**
 * The rate converting USD figures, as every page resolves it (the user's own, else the synced
 * one, else the bundled one), with its date and where it is from; "use the synced/bundled rate"
 * when it is the user's own.
 */
function RateInUse(props: {
  rate: ExchangeRate;
  fallback: ExchangeRate | null;
  now: number;
  run: Run;
}) {
  const { rate, fallback, now, run } = props;
  const source =
    rate.source === 'user'
      ? t('options.currency.yours')
      : rate.source === 'synced'
        ? t('options.currency.synced', { source: FX_SOURCE.name })
        : t('options.currency.bundled');
  const stale = rate.source !== 'user' && isStaleRate(rate, now);
  const back = fallback?.source === 'synced';
  return (
    <p data-testid="rate-in-use" data-source={rate.source} data-stale={stale || undefined}>
      {t('options.currency.rateInUse', {
        rate: String(rate.perUsd),
        currency: rate.currency,
        date: rate.date,
        source,
      })}
      {stale ? t('overlay.money.stale') : null}
      {rate.source === 'user' ? (
        <button
          className="tm-link"
          onClick={() =>
            run(
              async () => (
                await clearExchangeRate(rate.currency),
                t(back ? 'options.currency.backToSynced' : 'options.currency.backToBundled')
              ),
            )
          }
        >
          {t(back ? 'options.currency.useSynced' : 'options.currency.useBundled')}
        </button>
      ) : null}
    </p>
  );
}

/** The user's own rate for a currency, with its date (the entries outlive a switch to USD). */
function YourRateForm({
  currency,
  run,
  entry,
}: {
  currency: string;
  run: Run;
  entry: ReturnType<typeof useRateEntry>;
}) {
  const { rateText, setRateText, dateText, setDateText } = entry;
  return (
    <form
      className="tm-inline"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await setExchangeRate(currency, Number(rateText), dateText);
          return t('options.currency.rateSaved', { rate: rateText, currency, date: dateText });
        });
      }}
    >
      <label>
        {t('options.currency.yourRate')}{' '}
        <input
          value={rateText}
          onChange={(e) => setRateText(e.target.value)}
          placeholder="7.20"
          size={8}
          aria-label={t('options.currency.unitsPerUsd')}
        />{' '}
        {t('options.currency.perUsdOn', { currency })}
      </label>{' '}
      <input
        type="date"
        value={dateText}
        onChange={(e) => setDateText(e.target.value)}
        aria-label={t('options.currency.rateDate')}
      />{' '}
      <button type="submit">{t('options.currency.saveRate')}</button>
    </form>
  );
}

function useRateEntry() {
  const [rateText, setRateText] = useState('');
  const [dateText, setDateText] = useState(new Date().toISOString().slice(0, 10));
  return { rateText, setRateText, dateText, setDateText };
}

/** `now`: the clock a rate's age is judged by (tests pin it). */
export function CurrencySection({ now = Date.now() }: { now?: number } = {}) {
  const settings = useStorageItem(currencySettings);
  const synced = useStorageItem(syncedExchangeRates)?.rates ?? {};
  const [status, run] = useAction();
  const entry = useRateEntry();
  if (!settings) return null;
  const current = settings.currency;
  const rate = current === 'USD' ? null : rateFor(current, settings.rates, synced);
  const fallback = current === 'USD' ? null : rateFor(current, {}, synced);
  // Every currency a rate is known for: the bundled ones, the synced ones, the user's own.
  const choices = [
    'USD',
    ...[
      ...new Set([
        ...Object.keys(BUNDLED_RATES),
        ...Object.keys(synced),
        ...Object.keys(settings.rates),
      ]),
    ]
      .filter((c) => c !== 'USD')
      .sort(),
  ];
  if (!choices.includes(current)) choices.push(current);
  return (
    <Section id="currency" title={t('options.currency.title')} note={t('options.currency.note')}>
      <label>
        {t('options.currency.show')}{' '}
        <select
          value={current}
          data-testid="currency"
          onChange={(e) =>
            run(
              async () => (
                await setDisplayCurrency(e.target.value),
                t('options.currency.showing', { currency: e.target.value })
              ),
            )
          }
        >
          {choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      {rate ? (
        <RateInUse rate={rate} fallback={fallback} now={now} run={run} />
      ) : current !== 'USD' ? (
        <p data-testid="rate-in-use" data-source="none">
          {t('overlay.money.noRate', { error: t('popup.money.noRateFor', { currency: current }) })}
        </p>
      ) : null}
      {current !== 'USD' ? <YourRateForm currency={current} run={run} entry={entry} /> : null}
      <StatusLine status={status} />
    </Section>
  );
}
