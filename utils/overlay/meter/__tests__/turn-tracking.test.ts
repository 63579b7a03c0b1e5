// Turn tracking alone: which replies count as produced on this page, and when they are complete.
import { describe, expect, it } from 'vitest';
import type { Turn } from '@/utils/sites/types';
import type { Snapshot } from '@/utils/overlay/types';
import {
  completedReplies,
  newTurnTracking,
  observeTurns,
  sameTurn,
} from '@/utils/overlay/meter/turn-tracking';

const u = (text: string): Turn => ({ role: 'user', text, thinking: '' });
const a = (text: string, thinking = ''): Turn => ({ role: 'assistant', text, thinking });
const snap = (turns: Turn[], extra: Partial<Snapshot> = {}): Snapshot => ({
  url: 'https://example.test/c/1',
  conversationId: 'c1',
  draft: '',
  turns,
  modelLabel: null,
  streaming: false,
  ...extra,
});
const SETTLE = 1000;
const history = [u('hi'), a('hello')];

describe('observeTurns', () => {
  it('takes the first snapshot as history: nothing on screen is witnessed', () => {
    const state = newTurnTracking();
    expect(observeTurns(state, snap(history), 0)).toBe(false);
    expect(state.witnessed.size).toBe(0);
  });

  it('witnesses a reply already streaming when the page opens', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history, { streaming: true }), 5);
    expect([...state.witnessed.keys()]).toEqual([1]);
    expect(state.witnessed.get(1)!.startedAt).toBe(5);
  });

  it('witnesses a reply that appears right after a prompt sent on this page, streaming or not', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history), 0);
    observeTurns(state, snap([...history, u('next')]), 10);
    expect(state.liveUser).toBe(2);
    observeTurns(state, snap([...history, u('next'), a('whole reply at once')]), 20);
    expect([...state.witnessed.keys()]).toEqual([3]);
  });

  it('does not witness history that loads late (many turns at once)', () => {
    const state = newTurnTracking();
    observeTurns(state, snap([]), 0);
    observeTurns(state, snap([...history, u('q'), a('r'), u('q2'), a('r2')]), 10);
    expect(state.witnessed.size).toBe(0);
  });

  it('witnesses a reply whose text grows in place (a regenerate), not one that is unchanged', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history), 0);
    observeTurns(state, snap([u('hi'), a('hello')]), 10); // same text, new objects
    expect(state.witnessed.size).toBe(0);
    observeTurns(state, snap([u('hi'), a('hello again')]), 20);
    expect([...state.witnessed.keys()]).toEqual([1]);
  });

  it('does not take a stop button over the previous, finished reply for a new reply', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history), 0);
    // Streaming starts before the new reply's element exists: the last turn is the old reply.
    observeTurns(state, snap(history, { streaming: true }), 10);
    expect(state.witnessed.size).toBe(0);
  });

  it('moves a witnessed reply’s last change on new text and while streaming', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history, { streaming: true }), 0);
    observeTurns(state, snap([u('hi'), a('hello there')], { streaming: true }), 30);
    expect(state.witnessed.get(1)!.lastChange).toBe(30);
    observeTurns(state, snap([u('hi'), a('hello there')], { streaming: true }), 40);
    expect(state.witnessed.get(1)!.lastChange).toBe(40);
    observeTurns(state, snap([u('hi'), a('hello there')]), 50);
    expect(state.witnessed.get(1)!.lastChange).toBe(40);
    expect(state.witnessed.get(1)!.startedAt).toBe(0);
  });

  it('resets on another conversation and says so; a new chat getting its id is not a switch', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history, { conversationId: null, streaming: true }), 0);
    expect(observeTurns(state, snap(history, { conversationId: 'new-id' }), 10)).toBe(false);
    expect(state.witnessed.size).toBe(1);
    expect(observeTurns(state, snap([u('other')], { conversationId: 'other' }), 20)).toBe(true);
    expect(state.witnessed.size).toBe(0);
    expect(state.conversation).toBe('other');
    // The new conversation's first snapshot is its baseline again.
    expect(state.prevTurns).toHaveLength(1);
  });
});

describe('completedReplies', () => {
  function streamed() {
    const state = newTurnTracking();
    observeTurns(state, snap(history), 0);
    observeTurns(state, snap([...history, u('q'), a('r')], { streaming: true }), 100);
    return state;
  }

  it('completes the last reply only once streaming stopped and its text was quiet for settleMs', () => {
    const state = streamed();
    const done = snap([...history, u('q'), a('r')]);
    expect(completedReplies(state, snap(done.turns, { streaming: true }), 5000, SETTLE)).toEqual(
      [],
    );
    expect(completedReplies(state, done, 100 + SETTLE - 1, SETTLE)).toEqual([]);
    expect(completedReplies(state, done, 100 + SETTLE, SETTLE)).toEqual([3]);
  });

  it('completes a witnessed reply at once when it is no longer the last turn', () => {
    const state = streamed();
    const later = snap([...history, u('q'), a('r'), u('next')], { streaming: true });
    expect(completedReplies(state, later, 101, SETTLE)).toEqual([3]);
  });

  it('never completes an empty reply, and forgets an index that is no longer a reply', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history), 0);
    observeTurns(state, snap([...history, u('q'), a('  ')], { streaming: true }), 10);
    expect(completedReplies(state, snap([...history, u('q'), a('  ')]), 99_999, SETTLE)).toEqual(
      [],
    );
    expect(
      completedReplies(state, snap([...history, u('q'), u('edited')]), 99_999, SETTLE),
    ).toEqual([]);
    expect(state.witnessed.size).toBe(0);
  });

  it('counts shown reasoning as content: a reply with only reasoning so far can complete', () => {
    const state = newTurnTracking();
    observeTurns(state, snap(history), 0);
    observeTurns(state, snap([...history, u('q'), a('', 'thinking…')], { streaming: true }), 10);
    expect(
      completedReplies(state, snap([...history, u('q'), a('', 'thinking…')]), 10 + SETTLE, SETTLE),
    ).toEqual([3]);
  });
});

describe('sameTurn', () => {
  it('compares text and reasoning, not identity', () => {
    expect(sameTurn(a('x', 'y'), a('x', 'y'))).toBe(true);
    expect(sameTurn(a('x', 'y'), a('x', 'z'))).toBe(false);
    expect(sameTurn(undefined, a('x'))).toBe(false);
    expect(sameTurn(undefined, undefined)).toBe(true);
  });
});
