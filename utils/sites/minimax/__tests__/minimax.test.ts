// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('minimax specifics', () => {
  const adapter = getAdapter('minimax')!;

  it.each([
    ['https://agent.minimax.io/chat?id=42', '42'],
    ['https://agent.minimax.io/expert/chat/318829', '318829'],
    ['https://agent.minimax.io/', null],
  ])('%s → %s', (url, id) => {
    expect(adapter.conversationId(new URL(url))).toBe(id);
  });

  it("lists no tool-step row as a turn (it is the agent's UI, not the model's text)", () => {
    const doc = parseFixture('minimax', 'conversation.html');
    expect(doc.querySelectorAll('.message.received')).toHaveLength(4);
    expect(adapter.listTurns(doc).filter((t) => t.role === 'assistant')).toHaveLength(3);
  });
});
