/**
 * The UI language the user chose in options (owner `user`): `auto` follows the browser. Read by
 * every page, the overlay and the background through utils/i18n/browser.ts. Conventions:
 * ../index.ts.
 */
import { storage } from 'wxt/utils/storage';
import type { LocaleSetting } from '@/utils/i18n';

export const languageSetting = /* @__PURE__ */ storage.defineItem<LocaleSetting>('local:language', {
  fallback: 'auto',
  version: 1,
});
