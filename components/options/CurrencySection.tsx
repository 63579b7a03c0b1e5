import { useState } from 'react';
import { BUNDLED_RATES, rateFor } from '@/utils/core/ratecard';
import { t } from '@/utils/i18n';
import { currencySettings } from '@/utils/storage';
import { setDisplayCurrency, setExchangeRate, clearExchangeRate } from '@/utils/storage/validated';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { Section, StatusLine, useAction } from './form';

type Run = ReturnType<typeof useAction>[1];

/** The rate converting USD figures, and "use bundled" when it is the user's own. */
function RateInUse({ rate, run }: { rate: NonNullable<ReturnType<typeof rateFor>>; run: Run }) {
  return (
    <p data-testid="rate-in-use">
      {t('options.currency.rateInUse', {
        rate: String(rate.perUsd),
        currency: rate.currency,
        date: rate.date,
        source: t(rate.source === 'user' ? 'options.currency.yours' : 'options.currency.bundled'),
      })}
      {rate.source === 'user' ? (
        <button
          className="tm-link"
          onClick={() =>
            run(
              async () => (
                await clearExchangeRate(rate.currency),
                t('options.currency.backToBundled')
              ),
            )
          }
        >
          {t('options.currency.useBundled')}
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

export function CurrencySection() {
  const settings = useStorageItem(currencySettings);
  const [status, run] = useAction();
  const entry = useRateEntry();
  if (!settings) return null;
  const current = settings.currency;
  const rate = current === 'USD' ? null : rateFor(current, settings.rates);
  const choices = [
    ...new Set(['USD', ...Object.keys(BUNDLED_RATES), ...Object.keys(settings.rates)]),
  ];
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
      {rate ? <RateInUse rate={rate} run={run} /> : null}
      {current !== 'USD' ? <YourRateForm currency={current} run={run} entry={entry} /> : null}
      <StatusLine status={status} />
    </Section>
  );
}
