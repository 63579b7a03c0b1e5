/**
 * English: the source catalog. Every key here must exist in every other catalog (the type of
 * zh-CN.ts and utils/i18n/__tests__/catalogs.test.ts say so). Keys are grouped by surface
 * (`ext.`, `common.`, `popup.`, `options.`, `compare.`, `overlay.`, `menu.`, `notify.`,
 * `welcome.`). `{name}` is a placeholder; a message with `one`/`other` forms is chosen by the
 * `count` parameter (Intl.PluralRules). How to add a string: docs/i18n.md.
 */
export const en = {
  // The manifest (also written to _locales/<lang>/messages.json at build time).
  'ext.name': 'Token Meter',
  'ext.description':
    'Live token counts and API-equivalent cost on AI chat sites. Private: everything stays in your browser.',

  'common.unpriced': 'unpriced',
  'common.never': 'never',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.remove': 'Remove',
  'common.close': 'Close',
  'common.tokens': { one: '{count} token', other: '{count} tokens' },

  'language.label': 'Language',
  'language.auto': 'Browser language ({language})',
  'language.en': 'English',
  'language.zh-CN': '简体中文 (Simplified Chinese)',
  'language.hint': 'Numbers, dates and money follow the language chosen here.',
} as const satisfies Record<string, Message>;

/** A message: plain text, or plural forms chosen by `count` (Intl.PluralRules categories). */
export type Message = string | PluralMessage;
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type MessageKey = keyof typeof en;
/** Another language's catalog: every English key, each a plain or plural message. */
export type Catalog = { readonly [K in MessageKey]: Message };
