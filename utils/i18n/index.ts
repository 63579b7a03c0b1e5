/**
 * The UI's languages: `t()` for every string a user sees, and Intl formatters in the same
 * locale. Both catalogs are bundled (a few KB each), so the user's choice in options can
 * override the browser's language, which `browser.i18n.getMessage` cannot. Plain TypeScript with
 * no browser API: content scripts, pages, the background and tests share it; reading the setting
 * and the browser's language is in ./browser.ts. How to add a string: docs/i18n.md.
 */
import { en, type Catalog, type Message, type MessageKey } from './messages/en';
import { zhCN } from './messages/zh-CN';

export type { MessageKey } from './messages/en';

/** The languages the UI is translated into. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
/** What the user chose in options: a language, or `auto` (the browser's). */
export type LocaleSetting = 'auto' | Locale;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, 'zh-CN': zhCN };

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
 * English UI in an `en-GB` browser writes dates the British way.
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
  const catalog = CATALOGS[locale] as Readonly<Record<string, Message>>;
  return Object.hasOwn(catalog, key) ? catalog[key] : undefined;
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
