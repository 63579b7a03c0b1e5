import { afterEach, describe, expect, it } from 'vitest';
import { formatUsdShort } from '@/components/overlay/format';
import { setLocale } from '@/utils/i18n';

describe('formatUsdShort', () => {
  afterEach(() => setLocale('en'));

  it('writes US dollars the short way in English, small amounts with two significant digits', () => {
    setLocale('en');
    expect(formatUsdShort(0)).toBe('$0');
    expect(formatUsdShort(420)).toBe('$0.00042');
    expect(formatUsdShort(1_200)).toBe('$0.0012');
    expect(formatUsdShort(12_345)).toBe('$0.012');
    expect(formatUsdShort(1_234_567)).toBe('$1.23');
    expect(formatUsdShort(123_456_789)).toBe('$123');
    expect(formatUsdShort(1_234_567_890)).toBe('$1,235');
  });

  it('follows the UI locale, still in US dollars (Chinese, and an English UI in an Indian browser)', () => {
    setLocale('zh-CN');
    expect(formatUsdShort(0)).toBe('US$0');
    expect(formatUsdShort(1_200)).toBe('US$0.0012');
    expect(formatUsdShort(1_234_567)).toBe('US$1.23');
    expect(formatUsdShort(1_234_567_890)).toBe('US$1,235');
    setLocale('en', ['hi-IN', 'en-IN']);
    expect(formatUsdShort(1_234_567)).toBe('$1.23');
    expect(formatUsdShort(1_234_567_000_000)).toBe('$12,34,567');
  });
});
