// @vitest-environment happy-dom
// The host page's theme, for the badge's palette.
import { afterEach, describe, expect, it } from 'vitest';
import { readTheme } from '@/utils/overlay/mount/theme';

afterEach(() => {
  document.documentElement.className = '';
  document.documentElement.removeAttribute('data-theme');
  document.body.className = '';
  document.body.style.backgroundColor = '';
});

describe('readTheme', () => {
  it('follows an explicit marker on the root or the body first', () => {
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    document.documentElement.className = 'theme-dark';
    expect(readTheme(document)).toBe('dark');
    expect(readTheme(document)).toBe('dark');
    document.documentElement.className = '';
    document.documentElement.setAttribute('data-theme', 'light');
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    expect(readTheme(document)).toBe('light');
  });

  it('otherwise reads the luminance of an opaque page background', () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 30)';
    expect(readTheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(readTheme(document)).toBe('light');
  });
});
