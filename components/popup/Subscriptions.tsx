/** The month's API-equivalent value per site against the subscription price the user entered. */
import { browser } from 'wxt/browser';
import type { Slice } from '@/utils/core/aggregate';
import { formatNumber, t } from '@/utils/i18n';
import { subscriptionSettings } from '@/utils/storage';
import type { Money } from './money';
import { siteLabel } from './site-label';
import { useStorageItem } from '@/components/hooks/use-storage-item';

export function Subscriptions(props: { bySite: Slice[]; money: Money }) {
  const { bySite, money } = props;
  const subs = useStorageItem(subscriptionSettings);
  const entries = Object.entries(subs ?? {});
  return (
    <section className="tm-section" data-testid="subscriptions">
      <h2>{t('popup.subscriptions')}</h2>
      {entries.length === 0 ? (
        <p className="tm-empty">
          {t('popup.subscriptionsEmptyBefore')}{' '}
          <a href="#" onClick={(e) => (e.preventDefault(), browser.runtime.openOptionsPage())}>
            {t('popup.subscriptionsEmptyLink')}
          </a>{' '}
          {t('popup.subscriptionsEmptyAfter')}
        </p>
      ) : (
        <ul className="tm-rows">
          {entries.map(([site, sub]) => {
            const used = bySite.find((s) => s.key === site)?.totals.costMicroUsd ?? 0;
            const ratio = used / sub.monthlyMicroUsd;
            return (
              <li key={site} data-testid="subscription" data-site={site} data-micro-usd={used}>
                <span className="tm-row-label">
                  {siteLabel(site)} · {sub.name}
                </span>
                <span
                  className={`tm-row-bar ${ratio >= 1 ? 'tm-good' : ''}`}
                  style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }}
                />
                <span className="tm-row-value">
                  {t('popup.subscriptionOf', {
                    used: money.format(used),
                    price: money.format(sub.monthlyMicroUsd),
                  })}
                </span>
                <span className="tm-row-tokens">
                  {formatNumber(ratio, { style: 'percent', maximumFractionDigits: 0 })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
