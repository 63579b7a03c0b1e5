import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatCurrency,
  formatNumber,
  intlLocale,
  matchLocale,
  onLocaleChange,
  resolveLocale,
  setLocale,
  t,
  translate,
  type MessageKey,
} from '@/utils/i18n';
import { CATALOGS } from '@/utils/i18n/catalogs';

afterEach(() => setLocale('en'));

describe('resolveLocale', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh-SG'], 'zh-CN'],
    [['zh_CN'], 'zh-CN'],
    [['en-GB'], 'en'],
    // No translation: the next language, else English.
    [['zh-TW', 'zh-CN'], 'zh-CN'],
    [['zh-Hant-HK'], 'en'],
    [['fr-FR', 'de'], 'en'],
    [['ja', 'zh-CN', 'en'], 'zh-CN'],
    [[], 'en'],
  ] as const)('auto with %j gives %s', (tags, expected) => {
    expect(resolveLocale('auto', tags)).toBe(expected);
  });

  it('the user choice wins over the browser; a bad stored value is ignored', () => {
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLocale('klingon', ['zh-CN'])).toBe('zh-CN');
    expect(resolveLocale(42, ['fr'])).toBe('en');
    expect(resolveLocale(null, [''])).toBe('en');
  });

  it('matches odd tags without throwing', () => {
    expect(matchLocale('  EN-us ')).toBe('en');
    expect(matchLocale('zh-mo')).toBeNull();
    expect(matchLocale('x-💥')).toBeNull();
  });
});

describe('t', () => {
  it('follows the current locale and notifies on change', () => {
    const seen: string[] = [];
    const off = onLocaleChange((l) => seen.push(l));
    expect(t('common.unpriced')).toBe('unpriced');
    setLocale('zh-CN', ['zh-CN']);
    expect(t('common.unpriced')).toBe(CATALOGS['zh-CN']['common.unpriced']);
    setLocale('zh-CN');
    off();
    setLocale('en');
    expect(seen).toEqual(['zh-CN']);
  });

  it('fills placeholders, numbers through Intl, and picks plural forms', () => {
    expect(t('common.tokens', { count: 1 })).toBe('1 token');
    expect(t('common.tokens', { count: 12345 })).toBe('12,345 tokens');
    expect(translate('zh-CN', 'common.tokens', { count: 1 })).toBe('1 个 token');
    expect(t('language.auto', { language: 'fr' })).toBe('Browser language (fr)');
    // A placeholder with no value stays visible rather than vanish.
    expect(t('language.auto')).toBe('Browser language ({language})');
  });

  it('a key missing in a language falls back to English; an unknown key is never shown', () => {
    const zh = CATALOGS['zh-CN'] as Record<string, unknown>;
    const saved = zh['common.save'];
    delete zh['common.save'];
    try {
      expect(translate('zh-CN', 'common.save')).toBe('Save');
    } finally {
      zh['common.save'] = saved;
    }
    expect(t('no.such.key' as MessageKey)).toBe('');
    expect(t('toString' as MessageKey)).toBe('');
  });
});

describe('Intl formatting', () => {
  it('uses the browser tag of the chosen language for numbers and money', () => {
    setLocale('en', ['de-DE', 'en-IN']);
    expect(intlLocale()).toBe('en-IN');
    expect(formatNumber(1234567)).toBe('12,34,567');
    setLocale('zh-CN', ['en-US']);
    expect(intlLocale()).toBe('zh-CN');
    expect(formatCurrency(8.8, 'CNY')).toBe('¥8.80');
    setLocale('en', ['en-US']);
    expect(formatCurrency(8.8, 'CNY')).toBe('CN¥8.80');
  });
});

describe('catalogs load on demand', () => {
  /** A fresh copy of the module, as a page has it before any language was chosen. */
  async function freshI18n() {
    vi.resetModules();
    return import('@/utils/i18n');
  }

  it('only English is there at first; another language is English until its catalog loads', async () => {
    const i18n = await freshI18n();
    expect(i18n.catalogLoaded('en')).toBe(true);
    expect(i18n.catalogLoaded('zh-CN')).toBe(false);
    i18n.setLocale('zh-CN');
    expect(i18n.t('common.save')).toBe('Save');
    await i18n.loadCatalog('zh-CN');
    expect(i18n.catalogLoaded('zh-CN')).toBe(true);
    expect(i18n.t('common.save')).toBe(CATALOGS['zh-CN']['common.save']);
  });

  it('loads a catalog once, however many ask at the same time', async () => {
    const i18n = await freshI18n();
    const first = i18n.loadCatalog('zh-CN');
    expect(i18n.loadCatalog('zh-CN')).toBe(first);
    await first;
    await i18n.loadCatalog('zh-CN');
    expect(i18n.translate('zh-CN', 'common.save')).toBe('保存');
  });
});
