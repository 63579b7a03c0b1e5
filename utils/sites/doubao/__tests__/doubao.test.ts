// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('doubao specifics', () => {
  it('says the model is not on the page, so the user picks it', () => {
    const adapter = getAdapter('doubao')!;
    expect(adapter.readModelLabel(parseFixture('doubao', 'conversation.html'))).toBeNull();
    expect(adapter.knownGaps.join(' ')).toMatch(/pick the model/);
  });
});
