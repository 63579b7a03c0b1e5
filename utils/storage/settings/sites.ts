/**
 * User settings about sites (owner `user`): which chat sites count and show the overlay, whether
 * prompt text is stored (options page), the overlay's place and model per site (overlay panel),
 * the opt-in "any other page" sites and the default model (popup). The content scripts read
 * these. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

export interface SiteSettings {
  /** Sites (adapter ids) the user switched off. */
  disabled: string[];
  /** Sites where the overlay is hidden (still counted). */
  badgeHidden: string[];
}

export const siteSettings = /* @__PURE__ */ storage.defineItem<SiteSettings>('local:sites', {
  fallback: { disabled: [], badgeHidden: [] },
  version: 1,
});

export interface PrivacySettings {
  /** Store prompt and reply text in history. Off by default: only counts are stored. */
  storePromptText: boolean;
}

export const privacySettings = /* @__PURE__ */ storage.defineItem<PrivacySettings>(
  'local:privacy',
  { fallback: { storePromptText: false }, version: 1 },
);

export interface OverlaySiteSettings {
  /** Canonical rate-card id chosen by the user, overriding the detected model. */
  modelOverride?: string;
  /** Overlay offset from its default place by the composer, in CSS px. */
  offset?: { x: number; y: number };
  /** Collapsed to a small dot (still counting). */
  collapsed?: boolean;
}

export type OverlaySettings = Record<string, OverlaySiteSettings>;

export const overlaySettings = /* @__PURE__ */ storage.defineItem<OverlaySettings>(
  'local:overlay',
  { fallback: {}, version: 1 },
);

/** Merge a change into one site's overlay settings (other sites untouched). */
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

export interface AnyFieldSite {
  /** Canonical rate-card id picked for this site; null = the default model. */
  model: string | null;
  /** Epoch ms the user turned it on. */
  since: number;
}

/** Keyed by match pattern (`https://example.com/*`), the unit of the optional host permission. */
export type AnyFieldSites = Record<string, AnyFieldSite>;

/**
 * The sites a user turned counting on for (opt-in), with the model picked there. Only the popup
 * writes it; the background mirrors it into a registered content script
 * (utils/any-field/register.ts); the content script reads its own origin's entry.
 */
export const anyFieldSites = /* @__PURE__ */ storage.defineItem<AnyFieldSites>(
  'local:anyFieldSites',
  { fallback: {}, version: 1 },
);

/** A widely used model as the fallback; the user changes it in the popup. */
const DEFAULT_MODEL = 'openai/gpt-5';

/** The model the selection menu and new "any page" sites count on. */
export const defaultModel = /* @__PURE__ */ storage.defineItem<string>('local:defaultModel', {
  fallback: DEFAULT_MODEL,
  version: 1,
});
