/**
 * The UI language in an extension context: the user's choice from options (`languageSetting`),
 * else the browser's language. `browser.i18n.getUILanguage` is feature-checked (a test page or
 * an old engine may lack it); `navigator.languages` follows.
 */
import { browser } from 'wxt/browser';
import { languageSetting } from '@/utils/storage/settings/language';
import { loadCatalog, resolveLocale, setLocale, type Locale, type LocaleSetting } from './index';
import { uiLanguages } from './languages';

/** The browser's languages, most preferred first. */
export function browserLanguages(): string[] {
  return uiLanguages(browser?.i18n, typeof navigator === 'undefined' ? undefined : navigator);
}

/**
 * Switch to the language `setting` resolves to, once its catalog is loaded; a catalog that
 * fails to load keeps English.
 */
async function apply(setting: LocaleSetting | null | undefined): Promise<Locale> {
  const languages = browserLanguages();
  let locale = resolveLocale(setting, languages);
  try {
    await loadCatalog(locale);
  } catch {
    locale = 'en';
  }
  setLocale(locale, languages);
  if (typeof document !== 'undefined' && document.documentElement) {
    // Extension pages only; a content script leaves the host page's lang alone.
    if (location.protocol.endsWith('-extension:')) document.documentElement.lang = locale;
  }
  return locale;
}

let ready: Promise<Locale> | undefined;
/**
 * `initI18n()` once per context (the background's menu, badge and notifications each wait for
 * it): later calls get the same promise.
 */
export function i18nReady(): Promise<Locale> {
  ready ??= initI18n();
  return ready;
}

/**
 * Read the setting (or take `stored`) and switch to it; then follow later changes (from options,
 * in any page or tab). A failed read keeps the browser's language. Returns the locale in use.
 */
export async function initI18n(
  /** The setting, already being read with other items (the popup's one first read). */
  stored?: Promise<LocaleSetting | null>,
): Promise<Locale> {
  // The browser's language is known now, the setting after a storage read: its catalog (the
  // likely one) starts loading meanwhile.
  loadCatalog(resolveLocale(null, browserLanguages())).catch(() => undefined);
  let setting: LocaleSetting | null = null;
  try {
    setting = await (stored ?? languageSetting.getValue());
  } catch {
    // Storage unreadable: the browser's language.
  }
  const locale = await apply(setting);
  try {
    languageSetting.watch((next) => void apply(next));
  } catch {
    // No storage events here: the language applies from the next load.
  }
  return locale;
}
