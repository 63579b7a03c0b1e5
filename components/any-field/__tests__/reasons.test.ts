import { describe, expect, it } from 'vitest';
import { REASON_KEYS } from '@/components/any-field/SiteCounting';
import { siteFor } from '@/utils/any-field/origin';

describe('site counting reasons', () => {
  it('every reason utils/any-field gives has a translation', () => {
    const reasons = [undefined, 'not a url', 'chrome://extensions/', 'https://chatgpt.com/c/1']
      .map((url) => siteFor(url))
      .flatMap((s) => (s.ok ? [] : [s.reason]));
    expect(reasons.length).toBeGreaterThanOrEqual(3);
    for (const reason of reasons) expect(Object.keys(REASON_KEYS)).toContain(reason);
  });
});
