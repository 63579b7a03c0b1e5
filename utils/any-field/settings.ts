/**
 * "Any other page" (opt-in) and the default model. The sites a user turned counting on for, by
 * origin pattern, with the model picked there; and the model the selection menu counts on.
 * Only the popup writes `anyFieldSites`; the background mirrors it into a registered content
 * script (utils/any-field/register.ts); the content script reads its own origin's entry.
 */
import { storage } from 'wxt/utils/storage';

export interface AnyFieldSite {
  /** Canonical rate-card id picked for this site; null = the default model. */
  model: string | null;
  /** Epoch ms the user turned it on. */
  since: number;
}

/** Keyed by match pattern (`https://example.com/*`), the unit of the optional host permission. */
export type AnyFieldSites = Record<string, AnyFieldSite>;

export const anyFieldSites = storage.defineItem<AnyFieldSites>('local:anyFieldSites', {
  fallback: {},
  version: 1,
});

/** A widely used model as the fallback; the user changes it in the popup. */
export const DEFAULT_MODEL = 'openai/gpt-5';

/** The model the selection menu and new "any page" sites count on. */
export const defaultModel = storage.defineItem<string>('local:defaultModel', {
  fallback: DEFAULT_MODEL,
  version: 1,
});
