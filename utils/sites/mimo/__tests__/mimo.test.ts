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

describe('mimo addresses: the conversation lives in the fragment', () => {
  const adapter = getAdapter('mimo')!;
  const ID = '3f2a9c0d4b5e6f708192a3b4c5d6e7f8';
  it.each([
    [`https://aistudio.xiaomimimo.com/#/c/${ID}`, ID],
    [`https://aistudio.xiaomimimo.com/#/c/${ID.toUpperCase()}?from=share`, ID],
    [`https://aistudio.xiaomimimo.com/#/c?conversationId=${ID}`, ID],
    ['https://aistudio.xiaomimimo.com/#/c', null],
    ['https://aistudio.xiaomimimo.com/#/c/not-an-id', null],
    ['https://aistudio.xiaomimimo.com/', null],
    // An id in the path or the query, in case the routing moves.
    ['https://aistudio.xiaomimimo.com/chat/c-7f3e9a', 'c-7f3e9a'],
  ])('%s → %s', (url, id) => {
    expect(adapter.conversationId(new URL(url))).toBe(id);
  });

  it('a hash-only switch names another conversation (the page keeps its path)', () => {
    const a = new URL(`https://aistudio.xiaomimimo.com/#/c/${ID}`);
    const b = new URL(`https://aistudio.xiaomimimo.com/#/c/${'ab'.repeat(16)}`);
    expect(a.pathname + a.search).toBe(b.pathname + b.search);
    expect(adapter.conversationId(a)).not.toBe(adapter.conversationId(b));
  });
});
