// The compare page's reply length entry: what counts as a valid number of tokens or ratio.
import { describe, expect, it } from 'vitest';
import { parseReplyLength } from '@/components/compare/hooks';

describe('parseReplyLength', () => {
  it('takes a whole number of tokens, and any number ≥ 0 as a ratio', () => {
    expect(parseReplyLength('tokens', '500')).toEqual({ kind: 'tokens', tokens: 500 });
    expect(parseReplyLength('tokens', '0')).toEqual({ kind: 'tokens', tokens: 0 });
    expect(parseReplyLength('ratio', '0.25')).toEqual({ kind: 'ratio', ratio: 0.25 });
  });

  it('refuses an empty, negative, non-finite or (for tokens) fractional entry', () => {
    for (const raw of ['', '  ', '-1', 'abc', 'Infinity'])
      expect(parseReplyLength('ratio', raw)).toBeNull();
    expect(parseReplyLength('tokens', '1.5')).toBeNull();
  });
});
