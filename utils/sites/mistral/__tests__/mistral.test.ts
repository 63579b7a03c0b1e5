// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('mistral specifics', () => {
  it("keeps Magistral's shown reasoning apart from the reply", () => {
    const turns = getAdapter('mistral')!.readTurns(parseFixture('mistral', 'streaming.html'));
    expect(turns[1].thinking).toBe('Try small primes: 391 = 17 × 23.');
    expect(turns[1].text).toBe('No: 391 is 17 times');
  });

  it('reads a ProseMirror composer when the textarea is gone', () => {
    const doc = new DOMParser().parseFromString(
      '<form><div class="ProseMirror" contenteditable="true"><p>one</p><p>two</p></div></form>',
      'text/html',
    );
    expect(getAdapter('mistral')!.readDraft(doc)).toBe('one\ntwo');
  });
});
