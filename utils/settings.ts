/**
 * Typed, versioned settings in `storage.local` (WXT storage items). Each item has a fallback,
 * so a fresh install, a cleared profile or a corrupt value all read as the defaults; bump
 * `version` and add a migration when a shape changes.
 */
import { storage } from 'wxt/utils/storage';

export interface SiteSettings {
  /** Sites (adapter ids) the user switched off. */
  disabled: string[];
  /** Sites where the overlay badge is hidden (still counted). */
  badgeHidden: string[];
}

export const siteSettings = storage.defineItem<SiteSettings>('local:sites', {
  fallback: { disabled: [], badgeHidden: [] },
  version: 1,
});

export interface PrivacySettings {
  /** Store prompt and reply text in history. Off by default: only counts are stored. */
  storePromptText: boolean;
}

export const privacySettings = storage.defineItem<PrivacySettings>('local:privacy', {
  fallback: { storePromptText: false },
  version: 1,
});
