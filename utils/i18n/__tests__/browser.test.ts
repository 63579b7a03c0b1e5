import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { currentLocale, setLocale, t } from '@/utils/i18n';
import { browserLanguages, initI18n } from '@/utils/i18n/browser';
import { languageSetting } from '@/utils/storage';

afterEach(() => {
  setLocale('en');
  vi.unstubAllGlobals();
});

/** The browser's languages as `navigator` reports them (Node 20 has no navigator). */
function languages(tags: string[]) {
  vi.stubGlobal('navigator', { languages: tags, language: tags[0] });
}

describe('initI18n', () => {
  it('follows the browser language when the setting is auto', async () => {
    languages(['zh-CN', 'en']);
    expect(await initI18n()).toBe('zh-CN');
    expect(t('common.save')).toBe('保存');
  });

  it('the setting overrides the browser, and a later change applies at once', async () => {
    languages(['zh-CN']);
    await languageSetting.setValue('en');
    expect(await initI18n()).toBe('en');
    await languageSetting.setValue('zh-CN');
    await vi.waitFor(() => expect(currentLocale()).toBe('zh-CN'));
  });

  it("waits for the chosen language's catalog, and loads no other", async () => {
    vi.resetModules();
    const i18n = await import('@/utils/i18n');
    const { initI18n: init } = await import('@/utils/i18n/browser');
    languages(['zh-CN']);
    expect(await init()).toBe('zh-CN');
    expect(i18n.t('common.save')).toBe('保存');

    vi.resetModules();
    const english = await import('@/utils/i18n');
    const { initI18n: initEnglish } = await import('@/utils/i18n/browser');
    languages(['en-US']);
    expect(await initEnglish()).toBe('en');
    expect(english.catalogLoaded('zh-CN')).toBe(false);
  });

  it('takes a setting already being read instead of reading it again', async () => {
    languages(['en-US']);
    const read = vi.spyOn(languageSetting, 'getValue');
    expect(await initI18n(Promise.resolve('zh-CN'))).toBe('zh-CN');
    expect(read).not.toHaveBeenCalled();
    expect(await initI18n(Promise.reject(new Error('storage gone')))).toBe('en');
  });

  it('an unreadable setting or a missing i18n API keeps working', async () => {
    vi.spyOn(languageSetting, 'getValue').mockRejectedValue(new Error('storage gone'));
    const i18n = fakeBrowser.i18n;
    vi.spyOn(i18n, 'getUILanguage').mockImplementation(() => {
      throw new Error('not implemented');
    });
    languages(['fr-FR']);
    expect(browserLanguages()).toContain('fr-FR');
    expect(await initI18n()).toBe('en');
  });
});
