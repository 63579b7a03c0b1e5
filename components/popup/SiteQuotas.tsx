import { siteQuotas } from '@/utils/storage/state/overlay';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { t } from '@/utils/i18n';
import { quotaLine } from '../overlay/quota';
import { siteLabel } from './site-label';

/**
 * The latest quota windows each site's own stream reported (Claude's 5-hour and 7-day use,
 * ChatGPT's feature limits), beside the sites' spend. Nothing shows until a site reported one.
 */
export function SiteQuotas() {
  const all = useStorageItem(siteQuotas);
  const sites = Object.entries(all ?? {}).filter(([, q]) => q.limits.length > 0);
  if (sites.length === 0) return null;
  return (
    <section className="tm-section" data-testid="site-quotas" title={t('overlay.quotaTitle')}>
      <h2>{t('popup.siteQuotas')}</h2>
      <ul className="tm-rows">
        {sites.map(([site, q]) => (
          <li key={site} data-testid="site-quota" data-site={site}>
            <span className="tm-row-label">{siteLabel(site)}</span>{' '}
            <span className="tm-row-tokens">{q.limits.map((w) => quotaLine(w)).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
