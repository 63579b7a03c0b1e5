import { describe, expect, it } from 'vitest';
import { localeAssets, MANIFEST_MESSAGES } from '@/scripts/locales-assets';
import { LOCALES, type MessageKey } from '@/utils/i18n';
import { CATALOGS } from '@/utils/i18n/catalogs';
import type { Message } from '@/utils/i18n/messages/en';

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const m of text!.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  return [...names].sort();
};

describe('catalogs', () => {
  const english = Object.keys(CATALOGS.en).sort();

  it.each(LOCALES)('%s has exactly the English keys', (locale) => {
    const keys = Object.keys(CATALOGS[locale]).sort();
    expect(
      english.filter((k) => !keys.includes(k)),
      'missing',
    ).toEqual([]);
    expect(
      keys.filter((k) => !english.includes(k)),
      'unknown',
    ).toEqual([]);
  });

  it.each(LOCALES)('%s: every message is non-empty, with the English placeholders', (locale) => {
    for (const key of english as MessageKey[]) {
      const message = CATALOGS[locale][key];
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      for (const text of texts) expect(text?.trim(), `${locale} ${key}`).toBeTruthy();
      if (typeof message !== 'string') expect(message.other, `${locale} ${key}`).toBeTruthy();
      expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(CATALOGS.en[key]));
    }
  });

  it('zh-CN is translated, not English copied over (a few words may be the same)', () => {
    const same = (english as MessageKey[]).filter(
      (k) =>
        JSON.stringify(CATALOGS['zh-CN'][k]) === JSON.stringify(CATALOGS.en[k]) &&
        /[a-z]{4,}/i.test(JSON.stringify(CATALOGS.en[k]).replace(/\{\w+\}/g, '')),
    );
    // Brand and product names stay in Latin letters.
    expect(same.filter((k) => k !== 'ext.name')).toEqual([]);
  });

  it('writes _locales for the manifest from the catalogs', () => {
    const files = Object.fromEntries(localeAssets().map((f) => [f.relativeDest, f.contents]));
    expect(Object.keys(files).sort()).toEqual([
      '_locales/en/messages.json',
      '_locales/zh_CN/messages.json',
    ]);
    const zh = JSON.parse(files['_locales/zh_CN/messages.json']!);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(MANIFEST_MESSAGES).sort());
    expect(zh.extDescription.message).toBe(CATALOGS['zh-CN']['ext.description']);
    // Chrome Web Store and AMO limits.
    for (const locale of LOCALES) {
      expect((CATALOGS[locale]['ext.name'] as string).length).toBeLessThanOrEqual(45);
      expect((CATALOGS[locale]['ext.description'] as string).length).toBeLessThanOrEqual(132);
    }
  });
});
