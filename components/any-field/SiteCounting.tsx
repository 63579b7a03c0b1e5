/**
 * Popup section: "count tokens in this site's text fields" for the active tab (opt-in, one site
 * at a time: its host permission is asked for at the moment of the click and given back when
 * turned off), the model counted on there, and the default model the selection menu uses.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { disableSite, enableSite, setSiteModel } from '@/utils/any-field/enable';
import { siteFor, type SiteEligibility } from '@/utils/any-field/origin';
import { anyFieldSites, defaultModel } from '@/utils/storage';
import { t, type MessageKey } from '@/utils/i18n';

/** The reasons utils/any-field gives (plain English there) in the UI's language. */
export const REASON_KEYS: Record<string, MessageKey> = {
  'This tab has no page address the extension may read.': 'popup.siteCounting.noAddress',
  'Browser and extension pages cannot be counted on.': 'popup.siteCounting.browserPage',
  'This page has no host name.': 'popup.siteCounting.noHost',
  'This chat site already has its own counter.': 'popup.siteCounting.ownCounter',
  'Permission not granted: nothing was changed.': 'popup.siteCounting.notGranted',
};

function reasonText(reason: string): string {
  const key = REASON_KEYS[reason];
  return key ? t(key) : reason;
}
import { sendMessage } from '@/utils/messaging';

interface Choice {
  id: string;
  name: string;
}

/** The active tab (its id and whether its site can be counted on) and the card's models. */
function useTabAndModels() {
  const [tab, setTab] = useState<{ id?: number; site: SiteEligibility } | null>(null);
  const [models, setModels] = useState<Choice[]>([]);
  useEffect(() => {
    // The tab's address is readable here because opening the popup grants `activeTab`.
    browser.tabs.query({ active: true, currentWindow: true }).then(
      ([active]) => setTab({ id: active?.id, site: siteFor(active?.url) }),
      () => setTab({ site: siteFor(null) }),
    );
    sendMessage('getModels', {}).then(
      (r) => setModels(r.models.map((m) => ({ id: m.id, name: m.name }))),
      () => setModels([]),
    );
  }, []);
  return { tab, models };
}

/** The models as options, with the selected one first if the card does not list it. */
function modelOptions(models: Choice[], selected: string | null | undefined) {
  const list =
    models.some((m) => m.id === selected) || !selected
      ? models
      : [{ id: selected, name: selected }, ...models];
  return list.map((m) => (
    <option key={m.id} value={m.id}>
      {m.name}
    </option>
  ));
}

/** Turning counting on for this site asks for its host permission; off gives it back. */
function useToggle(tabId: number | undefined, setMessage: (message: string | null) => void) {
  const [busy, setBusy] = useState(false);
  const onToggle = (pattern: string, on: boolean) => {
    setMessage(null);
    setBusy(true);
    // No await before the request: the permission prompt needs the click's user gesture.
    const done = on
      ? enableSite(pattern, tabId, null).then((r) => {
          if (!r.enabled) setMessage(reasonText(r.reason));
        })
      : disableSite(pattern);
    done
      .catch((e: unknown) => setMessage(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return { busy, onToggle };
}

export function SiteCounting() {
  const { tab, models } = useTabAndModels();
  const [message, setMessage] = useState<string | null>(null);
  const { busy, onToggle } = useToggle(tab?.id, setMessage);
  const sites = useStorageItem(anyFieldSites);
  const fallback = useStorageItem(defaultModel);

  const site = tab?.site;
  const entry = site?.ok ? sites?.[site.pattern] : undefined;
  return (
    <section className="tm-section" data-testid="site-counting">
      <h2>{t('popup.siteCounting')}</h2>
      {!site ? (
        <p className="tm-note">…</p>
      ) : !site.ok ? (
        <p className="tm-note" data-testid="site-counting-unavailable">
          {reasonText(site.reason)}
        </p>
      ) : (
        <>
          <label>
            <input
              type="checkbox"
              data-testid="site-counting-toggle"
              checked={entry !== undefined}
              disabled={busy}
              onChange={(e) => onToggle(site.pattern, e.currentTarget.checked)}
            />{' '}
            {t('popup.siteCounting.toggle')} <strong>{site.host}</strong>
          </label>
          {entry ? (
            <div className="tm-controls">
              {t('popup.siteCounting.model')}{' '}
              <select
                data-testid="site-counting-model"
                aria-label={t('popup.siteCounting.model')}
                value={entry.model ?? fallback ?? ''}
                onChange={(e) => void setSiteModel(site.pattern, e.currentTarget.value)}
              >
                {modelOptions(models, entry.model ?? fallback)}
              </select>
            </div>
          ) : (
            <p className="tm-note">{t('popup.siteCounting.asks')}</p>
          )}
        </>
      )}
      <div className="tm-controls">
        {t('popup.siteCounting.selectionModel')}{' '}
        <select
          data-testid="default-model"
          aria-label={t('popup.siteCounting.selectionModel')}
          value={fallback ?? ''}
          onChange={(e) => void defaultModel.setValue(e.currentTarget.value)}
        >
          {modelOptions(models, fallback)}
        </select>
      </div>
      {message ? (
        <p className="tm-banner" role="alert">
          {message}
        </p>
      ) : null}
    </section>
  );
}
