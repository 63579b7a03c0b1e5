// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('minimax specifics', () => {
  it('takes the id from ?id= when the path has none', () => {
    const adapter = getAdapter('minimax')!;
    expect(adapter.conversationId(new URL('https://agent.minimax.io/?id=42'))).toBe('42');
  });

  it("counts no tool call the agent ran (it is not the model's visible text)", () => {
    const turns = getAdapter('minimax')!.readTurns(parseFixture('minimax', 'conversation.html'));
    expect(turns[1].text.startsWith('Day 1')).toBe(true);
  });
});
