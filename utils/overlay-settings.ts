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
