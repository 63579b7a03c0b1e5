/**
 * "Look up a model" on the rate-card section: each priced field of each offer with its value,
 * the source that stated it and the source's date, its tiers, earlier prices, time rules, list
 * prices, and whether the user's own price or the live sync changed it. The background filters
 * the card in memory and answers at most LOOKUP_LIMIT models.
 */
import { useEffect, useId, useState } from 'react';
import type {
  FieldLine,
  LookupResult,
  OfferLine,
  PriceField,
  PriceSet,
  TimeRule,
} from '@/utils/core/ratecard';
import { formatNumber, t, type MessageKey } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';

const FIELD_KEYS: Record<PriceField, MessageKey> = {
  input: 'options.lookup.field.input',
  output: 'options.lookup.field.output',
  cacheRead: 'options.lookup.field.cacheRead',
  cacheWrite: 'options.lookup.field.cacheWrite',
  cacheWrite1h: 'options.lookup.field.cacheWrite1h',
  reasoning: 'options.lookup.field.reasoning',
  request: 'options.lookup.field.request',
};

const price = (value: number, currency: string) =>
  `${formatNumber(value, { maximumFractionDigits: 6 })} ${currency}`;

function priceList(prices: Partial<PriceSet>, currency: string): string {
  return Object.entries(prices)
    .filter(([, v]) => v !== undefined)
    .map(([f, v]) => `${t(FIELD_KEYS[f as PriceField])} ${price(v!, currency)}`)
    .join(', ');
}

function Fields({ fields, currency }: { fields: FieldLine[]; currency: string }) {
  return (
    <table className="tm-lookup-fields">
      <thead>
        <tr>
          <th scope="col">{t('options.lookup.col.field')}</th>
          <th scope="col">{t('options.lookup.col.price')}</th>
          <th scope="col">{t('options.lookup.col.source')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.field} data-field={f.field}>
            <th scope="row">{t(FIELD_KEYS[f.field])}</th>
            <td>
              {f.value === null
                ? t('options.lookup.billedAs', { field: t(FIELD_KEYS[f.billedAs ?? 'input']) })
                : price(f.value, currency)}
            </td>
            <td data-testid="lookup-field-source">
              {f.value === null
                ? t('options.lookup.notStated')
                : f.since
                  ? t('options.lookup.sourceSince', { source: f.source, since: f.since })
                  : t('options.lookup.sourceRead', { source: f.source, date: f.date ?? '?' })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ruleText(rule: TimeRule, currency: string): string {
  const days = rule.days.join(',');
  const windows = rule.windows.map((w) => `${w.start}-${w.end}`).join(', ');
  const effect =
    rule.multiplier !== undefined
      ? t('options.lookup.ruleTimes', { multiplier: rule.multiplier })
      : priceList(rule.prices ?? {}, currency);
  return t('options.lookup.rule', {
    label: rule.label,
    days,
    windows,
    zone: rule.zone,
    effect,
    since: rule.since,
    until: rule.until ?? '—',
  });
}

/** A source with the date of its data, when the card states one the text does not already give. */
function dated(source: string, date: string | undefined): string {
  return date && !source.includes(date.slice(0, 10))
    ? t('options.lookup.sourceRead', { source, date: date.slice(0, 10) })
    : source;
}

/** Earlier prices, time-of-day rules and list prices in other currencies, each with its source and date. */
function Timeline({ offer }: { offer: OfferLine }) {
  return (
    <>
      {offer.history.length ? (
        <ul data-testid="lookup-history" aria-label={t('options.lookup.history')}>
          {offer.history.map((p) => (
            <li key={p.until}>
              {t('options.lookup.period', {
                from: p.from ?? '…',
                until: p.until,
                prices: priceList(p.prices, offer.currency),
                source: dated(p.source, p.date ?? undefined),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {offer.timeRules.length ? (
        <ul data-testid="lookup-rules" aria-label={t('options.lookup.rules')}>
          {offer.timeRules.map((r) => (
            <li key={r.label + r.since}>
              {ruleText(r, offer.currency)}
              <div className="tm-opt-note">
                {t('options.lookup.from', { source: dated(r.source, r.sourceDate) })}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {offer.listPrices.length ? (
        <ul data-testid="lookup-list-prices" aria-label={t('options.lookup.listPrices')}>
          {offer.listPrices.map((l) => (
            <li key={l.currency + l.since}>
              {t('options.lookup.listPrice', {
                currency: l.currency,
                since: l.since,
                prices: priceList(l.prices, l.currency),
                source: dated(l.source, l.sourceDate),
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Offer({ offer }: { offer: OfferLine }) {
  return (
    <div className="tm-lookup-offer" data-testid="lookup-offer" data-offer={offer.kind}>
      <h4>
        {t(
          offer.kind === 'openrouter'
            ? 'options.lookup.offerOpenrouter'
            : 'options.lookup.offerDefault',
        )}
        {': '}
        {t('options.lookup.offerFrom', {
          source: offer.source,
          id: offer.sourceId,
          date: offer.fetchedAt,
        })}
      </h4>
      {offer.free ? <p>{t('options.lookup.free', { source: offer.source })}</p> : null}
      <Fields fields={offer.fields} currency={offer.currency} />
      {offer.tiers.map((tier) => (
        <div key={tier.above} data-testid="lookup-tier">
          <p>
            {t(tier.taken ? 'options.lookup.tierTaken' : 'options.lookup.tier', {
              above: tier.above,
              source: tier.source,
              date: tier.date ?? '?',
            })}
          </p>
          <Fields fields={tier.fields} currency={offer.currency} />
        </div>
      ))}
      <Timeline offer={offer} />
      {offer.freeVariant ? <p>{t('options.lookup.freeVariant')}</p> : null}
      {offer.sync ? (
        <p data-testid="lookup-sync">
          {offer.sync.kind === 'new'
            ? t('options.lookup.syncNew')
            : t('options.lookup.syncChanged', {
                date: offer.sync.bundledDate ?? '?',
                prices: priceList(offer.sync.bundled ?? {}, offer.currency),
              })}
        </p>
      ) : null}
    </div>
  );
}

export function ModelLookup() {
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query.trim()) {
      setResult(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      sendMessage('lookupModels', { query })
        .then((r) => {
          if (!live) return;
          setResult(r);
          setError(null);
        })
        .catch((e: unknown) => {
          if (live) setError(e instanceof Error ? e.message : String(e));
        });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return (
    <div className="tm-lookup" data-testid="model-lookup">
      <h3>
        <label htmlFor={inputId}>{t('options.lookup.title')}</label>
      </h3>
      <input
        id={inputId}
        type="search"
        value={query}
        autoComplete="off"
        placeholder={t('options.lookup.placeholder')}
        aria-describedby={`${inputId}-count`}
        data-testid="lookup-input"
        onChange={(e) => setQuery(e.target.value)}
      />
      <p id={`${inputId}-count`} role="status" aria-live="polite" data-testid="lookup-count">
        {error
          ? t('options.lookup.error', { error })
          : result && query.trim()
            ? result.total > result.models.length
              ? t('options.lookup.countSome', { count: result.total, shown: result.models.length })
              : t('options.lookup.count', { count: result.total })
            : ''}
      </p>
      {result && query.trim()
        ? result.models.map((m) => (
            <article key={m.id} data-testid="lookup-model" data-model={m.id}>
              <h4>
                {m.name} <code>{m.id}</code>
              </h4>
              {m.override ? (
                <p data-testid="lookup-override">
                  {t('options.lookup.override', {
                    prices: priceList(m.override.prices, 'USD'),
                    date: m.override.setAt?.slice(0, 10) ?? '?',
                  })}
                </p>
              ) : null}
              {m.offers.map((o) => (
                <Offer key={o.kind} offer={o} />
              ))}
            </article>
          ))
        : null}
    </div>
  );
}
