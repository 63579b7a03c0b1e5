import {
  calendarSettings,
  type WeekStartChoice,
  privacySettings,
  siteSettings,
} from '@/utils/storage';
import { t } from '@/utils/i18n';
import { siteLabel } from '../popup/site-label';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { Section } from './form';

export function SitesSection(props: { sites: string[] }) {
  const sites = useStorageItem(siteSettings);
  if (!sites) return null;
  const toggle = (site: string, on: boolean) =>
    siteSettings.setValue({
      ...sites,
      disabled: on
        ? sites.disabled.filter((s) => s !== site)
        : [...new Set([...sites.disabled, site])],
    });
  return (
    <Section id="sites" title={t('options.sites.title')} note={t('options.sites.note')}>
      <ul className="tm-checks">
        {props.sites.map((site) => (
          <li key={site}>
            <label>
              <input
                type="checkbox"
                data-testid={`site-${site}`}
                checked={!sites.disabled.includes(site)}
                onChange={(e) => toggle(site, e.target.checked)}
              />{' '}
              {siteLabel(site)}
            </label>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function PrivacySection() {
  const privacy = useStorageItem(privacySettings);
  const calendar = useStorageItem(calendarSettings);
  if (!privacy || !calendar) return null;
  return (
    <Section id="privacy" title={t('options.privacy.title')} note={t('options.privacy.note')}>
      <label>
        <input
          type="checkbox"
          data-testid="store-text"
          checked={privacy.storePromptText}
          onChange={(e) => privacySettings.setValue({ storePromptText: e.target.checked })}
        />{' '}
        {t('options.privacy.storeText')}
      </label>
      <p>
        <label>
          {t('options.privacy.weekStart')}{' '}
          <select
            value={calendar.weekStart}
            data-testid="week-start"
            onChange={(e) =>
              calendarSettings.setValue({ weekStart: e.target.value as WeekStartChoice })
            }
          >
            <option value="locale">
              {t('options.privacy.weekLocale', { locale: navigator.language })}
            </option>
            <option value="monday">{t('options.privacy.monday')}</option>
            <option value="sunday">{t('options.privacy.sunday')}</option>
            <option value="saturday">{t('options.privacy.saturday')}</option>
          </select>
        </label>{' '}
        ·{' '}
        {t('options.privacy.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
      </p>
    </Section>
  );
}
