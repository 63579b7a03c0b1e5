// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter, resolveSiteModel } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('poe specifics', () => {
  it('tells the roles apart by the right-side bubble, outermost message only', () => {
    const nodes = getAdapter('poe')!.listTurns(parseFixture('poe', 'conversation.html'));
    expect(nodes.map((n) => n.el.getAttribute('data-message-id'))).toEqual([
      '101',
      '102',
      '103',
      '104',
    ]);
  });

  it('a custom bot name is unknown (pick one), not guessed', () => {
    expect(resolveSiteModel('poe', 'My-Helpful-Bot')).toBeNull();
    expect(resolveSiteModel('poe', 'Gemini-2.5-Pro')?.model).toBe('google/gemini-2.5-pro');
  });
});
