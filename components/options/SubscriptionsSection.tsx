import { useEffect, useState } from 'react';
import { subscriptionSettings, type Subscription } from '@/utils/storage';
import { saveSubscriptions } from '@/utils/storage/validated';
import { t } from '@/utils/i18n';
import type { Money } from '../popup/money';
import { siteLabel } from '../popup/site-label';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { amountText, parseAmount, Section, StatusLine, useAction } from './form';

/** Sites listed first; the rest fold away under "More sites". */
const MAIN_SITES = 8;

type Texts = Record<string, { name: string; price: string }>;

/** The subscriptions the texts say (a site without a price has none; an unnamed plan is named). */
export function subscriptionsFromTexts(texts: Texts, perUsd: number): Record<string, Subscription> {
  const next: Record<string, Subscription> = {};
  for (const [site, text] of Object.entries(texts)) {
    const price = parseAmount(text.price, perUsd);
    if (price === null) continue;
    next[site] = {
      name: text.name.trim() || t('options.subscriptions.defaultName', { site: siteLabel(site) }),
      monthlyMicroUsd: price,
    };
  }
  return next;
}

/** One site's plan name and monthly price. */
function SubscriptionRow(props: {
  site: string;
  texts: Texts;
  onTexts: (texts: Texts) => void;
  currency: string;
}) {
  const { site, texts } = props;
  const change = (field: 'name' | 'price', value: string) =>
    props.onTexts({
      ...texts,
      [site]: { ...(texts[site] ?? { name: '', price: '' }), [field]: value },
    });
  return (
    <tr>
      <th scope="row">{siteLabel(site)}</th>
      <td>
        <input
          aria-label={t('options.subscriptions.planLabel', { site: siteLabel(site) })}
          value={texts[site]?.name ?? ''}
          placeholder={t('options.subscriptions.planPlaceholder')}
          size={12}
          onChange={(e) => change('name', e.target.value)}
        />
      </td>
      <td>
        <input
          aria-label={t('options.subscriptions.priceLabel', { site: siteLabel(site) })}
          data-testid={`subscription-${site}`}
          value={texts[site]?.price ?? ''}
          placeholder={t('options.budgets.none')}
          size={8}
          onChange={(e) => change('price', e.target.value)}
        />{' '}
        {props.currency}
      </td>
    </tr>
  );
}

export function SubscriptionsSection(props: { money: Money; sites: string[] }) {
  const { money, sites } = props;
  const stored = useStorageItem(subscriptionSettings);
  const [texts, setTexts] = useState<Texts | null>(null);
  const [status, run] = useAction();
  useEffect(() => {
    if (stored && texts === null)
      setTexts(
        Object.fromEntries(
          Object.entries(stored).map(([s, v]) => [
            s,
            { name: v.name, price: amountText(v.monthlyMicroUsd, money.perUsd) },
          ]),
        ),
      );
  }, [stored, texts, money.perUsd]);
  if (!texts) return null;
  const save = () =>
    run(async () => {
      const next = subscriptionsFromTexts(texts, money.perUsd);
      await saveSubscriptions(next);
      return t('options.subscriptions.saved', { count: Object.keys(next).length });
    });
  const rowOf = (site: string) => (
    <SubscriptionRow
      key={site}
      site={site}
      texts={texts}
      onTexts={setTexts}
      currency={money.currency}
    />
  );
  return (
    <Section
      id="subscriptions"
      title={t('options.subscriptions.title')}
      note={t('options.subscriptions.note')}
    >
      <table className="tm-table">
        <thead>
          <tr>
            <th>{t('options.subscriptions.site')}</th>
            <th>{t('options.subscriptions.plan')}</th>
            <th>{t('options.subscriptions.perMonth')}</th>
          </tr>
        </thead>
        <tbody>{sites.slice(0, MAIN_SITES).map(rowOf)}</tbody>
      </table>
      <details>
        <summary>{t('options.subscriptions.more', { count: sites.length - MAIN_SITES })}</summary>
        <table className="tm-table">
          <tbody>{sites.slice(MAIN_SITES).map(rowOf)}</tbody>
        </table>
      </details>
      <p>
        <button onClick={save} data-testid="save-subscriptions">
          {t('options.subscriptions.save')}
        </button>
      </p>
      <StatusLine status={status} testid="subscriptions-status" />
    </Section>
  );
}
