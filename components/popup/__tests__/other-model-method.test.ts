import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_KEYS } from '@/components/popup/OtherModel';
import { setLocale, t } from '@/utils/i18n';

describe('the other-model method line', () => {
  afterEach(() => setLocale('en'));

  it('names the text language the counts were scaled for, in English and Chinese', () => {
    setLocale('en');
    expect(t(METHOD_KEYS.latin)).toMatch(/on English text/);
    expect(t(METHOD_KEYS.cjk)).toMatch(/on Chinese text/);
    setLocale('zh-CN');
    expect(t(METHOD_KEYS.latin)).toMatch(/英文文本/);
    expect(t(METHOD_KEYS.cjk)).toMatch(/中文文本/);
    expect(t(METHOD_KEYS.cjk)).not.toMatch(/[a-z]{6,}/i);
  });
});
