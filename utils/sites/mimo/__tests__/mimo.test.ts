// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('mimo specifics', () => {
  it('reads a streaming code block as text', () => {
    const turns = getAdapter('mimo')!.readTurns(parseFixture('mimo', 'streaming.html'));
    expect(turns[1].text).toBe('def quicksort(xs):');
  });
});
