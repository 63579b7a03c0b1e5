import {
  calendarSettings,
  type WeekStartChoice,
  privacySettings,
  siteSettings,
} from '@/utils/storage';
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
    <Section
      id="sites"
      title="Sites"
      note="Token Meter counts and records only on the sites switched on here."
    >
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
    <Section
      id="privacy"
      title="Privacy and calendar"
      note="Everything stays in this browser. Only counts, models and costs are stored unless you turn text on."
    >
      <label>
        <input
          type="checkbox"
          data-testid="store-text"
          checked={privacy.storePromptText}
          onChange={(e) => privacySettings.setValue({ storePromptText: e.target.checked })}
        />{' '}
        Store prompt and reply text and conversation titles in the history (off by default)
      </label>
      <p>
        <label>
          Weeks start on{' '}
          <select
            value={calendar.weekStart}
            data-testid="week-start"
            onChange={(e) =>
              calendarSettings.setValue({ weekStart: e.target.value as WeekStartChoice })
            }
          >
            <option value="locale">my locale’s first day ({navigator.language})</option>
            <option value="monday">Monday</option>
            <option value="sunday">Sunday</option>
            <option value="saturday">Saturday</option>
          </select>
        </label>{' '}
        · time zone {Intl.DateTimeFormat().resolvedOptions().timeZone}
      </p>
    </Section>
  );
}
