/**
 * State the content script reports (owner `content-script`): whether each site's adapter found
 * what it looks for. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

/**
 * Whether each site's adapter found what it looks for, as the content script last saw it: meant
 * for the popup, so a site whose markup changed shows "not detected" instead of a silent 0 (no
 * page reads it yet).
 */
export interface SiteHealth {
  health: 'ok' | 'partial' | 'not-detected' | 'error';
  note?: string;
  /** Epoch ms of the check. */
  at: number;
}

export const overlayHealth = /* @__PURE__ */ storage.defineItem<Record<string, SiteHealth>>(
  'local:overlayHealth',
  { fallback: {}, version: 1 },
);

/** Store one site's health; written only when it changes (or is an hour old), not per snapshot. */
export async function reportSiteHealth(site: string, health: SiteHealth): Promise<void> {
  const all = await overlayHealth.getValue();
  const previous = all[site];
  if (
    previous &&
    previous.health === health.health &&
    previous.note === health.note &&
    health.at - previous.at < 3_600_000
  )
    return;
  await overlayHealth.setValue({ ...all, [site]: health });
}
