import { describe, expect, it } from 'vitest';
import { patternOf, siteFor } from '@/utils/any-field/origin';

describe('which sites "count on this site" can be turned on for', () => {
  it.each([
    ['https://example.com/a/b?c=d#e', 'https://example.com/*', 'example.com'],
    ['http://intranet.local:8080/wiki', 'http://intranet.local/*', 'intranet.local'],
    ['https://docs.google.com/document/d/1', 'https://docs.google.com/*', 'docs.google.com'],
  ])('%s → %s', (url, pattern, host) => {
    expect(siteFor(url)).toEqual({ ok: true, pattern, host });
    expect(patternOf(url)).toBe(pattern);
  });

  it.each([
    [undefined, /no page address/],
    ['', /no page address/],
    ['not a url', /no page address/],
    ['chrome://extensions/', /Browser and extension pages/],
    ['about:blank', /Browser and extension pages/],
    ['file:///home/me/notes.txt', /Browser and extension pages/],
    ['chrome-extension://abc/popup.html', /Browser and extension pages/],
    ['https://chatgpt.com/c/1', /already has its own counter/],
    ['https://aistudio.google.com/prompts/new_chat', /already has its own counter/],
    ['https://openrouter.ai/chat?room=1', /already has its own counter/],
  ])('%s is refused with a reason', (url, reason) => {
    const site = siteFor(url);
    expect(site.ok).toBe(false);
    if (!site.ok) expect(site.reason).toMatch(reason);
  });

  it('openrouter.ai outside its chat and playground is an ordinary site', () => {
    expect(siteFor('https://openrouter.ai/models')).toMatchObject({ ok: true });
  });
});
