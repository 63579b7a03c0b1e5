/**
 * Per-site overlay preferences: the model the user picked when a site's label is unknown (or
 * wrong), and where the badge sits. Kept apart from utils/settings.ts (owned by the foundation)
 * because only the overlay reads them.
 */
import { storage } from 'wxt/utils/storage';

export interface OverlaySiteSettings {
  /** Canonical rate-card id chosen by the user, overriding the detected model. */
  modelOverride?: string;
  /** Badge offset from its default place by the composer, in CSS px. */
  offset?: { x: number; y: number };
  /** Collapsed to a small dot (still counting). */
  collapsed?: boolean;
}

export type OverlaySettings = Record<string, OverlaySiteSettings>;

export const overlaySettings = storage.defineItem<OverlaySettings>('local:overlay', {
  fallback: {},
  version: 1,
});

export async function getSiteOverlaySettings(site: string): Promise<OverlaySiteSettings> {
  const all = await overlaySettings.getValue();
  return all[site] ?? {};
}

/** Merge a change into one site's settings (other sites untouched). */
export async function updateSiteOverlaySettings(
  site: string,
  change: Partial<OverlaySiteSettings>,
): Promise<OverlaySiteSettings> {
  const all = await overlaySettings.getValue();
  const next: OverlaySiteSettings = { ...all[site], ...change };
  for (const key of Object.keys(next) as (keyof OverlaySiteSettings)[]) {
    if (next[key] === undefined) delete next[key];
  }
  await overlaySettings.setValue({ ...all, [site]: next });
  return next;
}

/**
 * Whether each site's adapter found what it looks for, as the content script last saw it. The
 * popup lists it so a site whose markup changed shows "not detected" instead of a silent 0.
 */
export interface SiteHealth {
  health: 'ok' | 'partial' | 'not-detected' | 'error';
  note?: string;
  /** Epoch ms of the check. */
  at: number;
}

export const overlayHealth = storage.defineItem<Record<string, SiteHealth>>('local:overlayHealth', {
  fallback: {},
  version: 1,
});

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
