/**
 * The user's OpenRouter API key (owner `user`, set on the options page). Kept only here, in
 * extension storage on this device; the background sends it only to openrouter.ai, to read
 * credits and daily activity. Not re-exported from the index: only the options page and the
 * background load it. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

export const openRouterKey = /* @__PURE__ */ storage.defineItem<string | null>(
  'local:openrouterKey',
  { fallback: null, version: 1 },
);

/** A key as pasted: trimmed; printable ASCII without spaces, 8–512 characters; else null. */
export function cleanOpenRouterKey(text: string): string | null {
  const key = text.trim();
  return /^[\x21-\x7e]{8,512}$/.test(key) ? key : null;
}
