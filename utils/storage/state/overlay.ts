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

/** One quota window as a site's own stream reported it (utils/sites/stream-types.ts). */
export interface StoredQuotaWindow {
  window: string;
  /** Fraction used, 0..1; null when the site gives only what remains. */
  used: number | null;
  remaining?: number;
  /** ISO time it resets; null when not given. */
  resetsAt: string | null;
}

export interface SiteQuotas {
  limits: StoredQuotaWindow[];
  /** Epoch ms of the report. */
  at: number;
}

/**
 * The latest quota windows each site's stream reported (Claude's 5-hour and 7-day use,
 * ChatGPT's feature limits), for the popup beside the site's spend. The latest value only:
 * nothing is kept beyond it and nothing is sent anywhere.
 */
export const siteQuotas = /* @__PURE__ */ storage.defineItem<Record<string, SiteQuotas>>(
  'local:siteQuotas',
  { fallback: {}, version: 1 },
);

/** Store a site's latest quota windows (an older report never replaces a newer one). */
export async function reportSiteQuotas(site: string, quotas: SiteQuotas): Promise<void> {
  if (quotas.limits.length === 0) return;
  const all = await siteQuotas.getValue();
  if ((all[site]?.at ?? 0) > quotas.at) return;
  await siteQuotas.setValue({
    ...all,
    [site]: { limits: quotas.limits.slice(0, 20), at: quotas.at },
  });
}
