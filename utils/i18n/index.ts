/**
 * The UI's languages: `t()` for every string a user sees, and Intl formatters in the same
 * locale. The catalogs are bundled with the extension, so the user's choice in options can
 * override the browser's language, which `browser.i18n.getMessage` cannot. English is loaded
 * with this module (it is also the fallback for a key a language lacks); another language's
 * catalog is a chunk of its own, loaded by `loadCatalog` when that language is chosen (pages
 * load only the catalog they show; initI18n in ./browser.ts waits for it). Plain TypeScript with
 * no browser API: content scripts, pages, the background and tests share it; reading the setting
 * and the browser's language is in ./browser.ts. How to add a string: docs/i18n.md.
 */
import { en, type Catalog, type Message, type MessageKey } from './messages/en';

export type { MessageKey } from './messages/en';

/** The languages the UI is translated into. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
/** What the user chose in options: a language, or `auto` (the browser's). */
export type LocaleSetting = 'auto' | Locale;

/** The catalogs loaded so far in this context. */
const catalogs: Partial<Record<Locale, Catalog>> = { en };
const loaders: Readonly<Record<Locale, () => Promise<Catalog>>> = {
  en: () => Promise.resolve(en),
  'zh-CN': () => import('./messages/zh-CN').then((m) => m.zhCN),
};
const loading = new Map<Locale, Promise<void>>();

/**
 * Hand over catalogs loaded statically: the background (a service worker may not `import()`
 * a chunk) takes them all with it, from ./catalogs.ts.
 */
export function addCatalogs(all: Readonly<Record<Locale, Catalog>>): void {
  Object.assign(catalogs, all);
}

/** Whether `locale`'s strings are loaded here (English always is). */
export function catalogLoaded(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

/**
 * Load `locale`'s catalog (once; a failed load may be tried again). Until it is loaded, `t()` in
 * that language gives the English strings.
 */
export function loadCatalog(locale: Locale): Promise<void> {
  if (catalogs[locale]) return Promise.resolve();
  let load = loading.get(locale);
  if (!load) {
    load = loaders[locale]().then((catalog) => {
      catalogs[locale] = catalog;
    });
    load.catch(() => loading.delete(locale));
    loading.set(locale, load);
  }
  return load;
}

let current: Locale = 'en';
/** The Intl locale for numbers and dates: the browser's own tag when it is in `current`'s language. */
let intlTag = 'en';
const listeners = new Set<(locale: Locale) => void>();

export function currentLocale(): Locale {
  return current;
}

/** The BCP 47 tag for `Intl` (e.g. `en-GB` for an English browser in Britain, `zh-CN`). */
export function intlLocale(): string {
  return intlTag;
}

/**
 * Switch the UI language. `browserLanguages` (most preferred first) refine the Intl locale: an
 * English UI in an `en-GB` browser writes dates the British way. Load the language's catalog
 * first (`loadCatalog`; initI18n does both): until it is loaded its strings are English.
 */
export function setLocale(locale: Locale, browserLanguages: readonly string[] = []): void {
  const changed = locale !== current;
  current = locale;
  intlTag =
    browserLanguages.find((tag) => matchLocale(tag) === locale && isValidTag(tag)) ?? locale;
  if (changed) for (const listener of listeners) listener(locale);
}

/** Called after each change of language; returns the unsubscribe function. */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Which translation fits a browser language tag, or null when there is none. Chinese written in
 * Simplified characters (zh, zh-CN, zh-SG, zh-Hans-*) gets zh-CN; Traditional (zh-TW, zh-HK,
 * zh-MO, zh-Hant-*) has no translation yet.
 */
export function matchLocale(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (lower === 'zh' || lower.startsWith('zh-')) {
    if (/^zh-(hant|tw|hk|mo)\b/.test(lower)) return null;
    return 'zh-CN';
  }
  return null;
}

/** The language to show: the user's choice, else the first browser language translated, else English. */
export function resolveLocale(setting: unknown, browserLanguages: readonly string[]): Locale {
  if (typeof setting === 'string' && (LOCALES as readonly string[]).includes(setting)) {
    return setting as Locale;
  }
  for (const tag of browserLanguages) {
    const match = typeof tag === 'string' ? matchLocale(tag) : null;
    if (match) return match;
  }
  return 'en';
}

function isValidTag(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

type Params = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralForm(locale: Locale, count: number, message: Exclude<Message, string>): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return message[rules.select(count)] ?? message.other;
}

function lookup(locale: Locale, key: string): Message | undefined {
  const catalog = catalogs[locale] as Readonly<Record<string, Message>> | undefined;
  return catalog && Object.hasOwn(catalog, key) ? catalog[key] : undefined;
}

/**
 * The message `key` in the current language with `{name}` placeholders filled (numbers through
 * Intl in that locale). A key the language lacks falls back to English; a key no catalog has
 * gives an empty string, never the key id (the typecheck and the catalog test keep that from
 * happening in the shipped code).
 */
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

/** `t()` in a given language (the background's menu titles, tests, the welcome page's preview). */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const message = lookup(locale, key) ?? lookup('en', key);
  if (message === undefined) return '';
  const text =
    typeof message === 'string' ? message : pluralForm(locale, Number(params?.count ?? 0), message);
  if (!params) return text;
  const tag = locale === current ? intlTag : locale;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    return typeof value === 'number' ? formatNumber(value, {}, tag) : value;
  });
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number in the UI's locale (`1,234`; `1.234` in a German-English browser). */
export function formatNumber(
  n: number,
  options: Intl.NumberFormatOptions = {},
  locale: string = intlTag,
): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format.format(n);
}

/** A date and time in the UI's locale. */
export function formatDateTime(
  when: number | Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  return new Intl.DateTimeFormat(intlTag, options).format(when);
}

/** A date (no time) in the UI's locale. */
export function formatDate(
  when: number | Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(intlTag, options).format(when);
}

/** Money in the UI's locale: an amount already in `currency` units. */
export function formatCurrency(
  amount: number,
  currency: string,
  options: Intl.NumberFormatOptions = {},
): string {
  return formatNumber(amount, { style: 'currency', currency, ...options });
}
