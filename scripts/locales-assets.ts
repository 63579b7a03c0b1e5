// The browser's own message files (`_locales/<lang>/messages.json`) for the few strings the
// browser shows before any of our code runs: the manifest's name and description. They are
// written from the catalogs in utils/i18n/messages at build time, never kept twice.
import type { Locale, MessageKey } from '../utils/i18n';
import { CATALOGS } from '../utils/i18n/catalogs';

type PublicFile = { relativeDest: string; contents: string };

/** Catalog key → the manifest's `__MSG_<name>__` name (letters, digits and `_` only). */
export const MANIFEST_MESSAGES = {
  extName: 'ext.name',
  extDescription: 'ext.description',
} as const satisfies Record<string, MessageKey>;

/** The browser's folder name for each locale (`zh_CN`, with an underscore). */
const FOLDERS: Record<Locale, string> = { en: 'en', 'zh-CN': 'zh_CN' };

export function localeAssets(): PublicFile[] {
  return (Object.keys(CATALOGS) as Locale[]).map((locale) => {
    const messages: Record<string, { message: string }> = {};
    for (const [name, key] of Object.entries(MANIFEST_MESSAGES)) {
      const message = CATALOGS[locale][key];
      if (typeof message !== 'string') throw new Error(`${key} must be a plain message`);
      messages[name] = { message };
    }
    return {
      relativeDest: `_locales/${FOLDERS[locale]}/messages.json`,
      contents: `${JSON.stringify(messages, null, 2)}\n`,
    };
  });
}
