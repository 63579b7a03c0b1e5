/**
 * Turn tracking: which replies this page saw being produced, and which of them are complete.
 *
 * Only a reply the page saw being produced (the site's streaming indicator, or its text growing
 * in place, or a reply appearing right after a prompt sent here) is new spend; turns already on
 * screen when a conversation opens, or a conversation's history loading late, are not. A
 * witnessed reply is complete once it is no longer the last turn, or once the page stopped
 * streaming and its text has been quiet for `settleMs`.
 *
 * Plain state and functions over it: no timers, no services, no clock of its own (the caller
 * passes the time), so every decision can be tested with a few snapshots.
 */
import type { Turn } from '@/utils/sites/types';
import type { Snapshot } from '../types';

/** A reply seen being produced: when it started and when its text last changed. */
export interface Witness {
  startedAt: number;
  lastChange: number;
  text: string;
}

export interface TurnTracking {
  /** The conversation the state below belongs to (null: a chat the site has not named yet). */
  conversation: string | null;
  /** The first snapshot of a conversation is history: it only sets the baseline. */
  baselineTaken: boolean;
  prevTurns: readonly Turn[];
  /** Witnessed replies by turn index. */
  witnessed: Map<number, Witness>;
  /** Index of the last user turn sent live on this page. */
  liveUser: number | null;
}

export function newTurnTracking(): TurnTracking {
  return {
    conversation: null,
    baselineTaken: false,
    prevTurns: [],
    witnessed: new Map(),
    liveUser: null,
  };
}

/** Forget the conversation's turns (its id is kept: the caller sets the new one). */
function resetTurns(state: TurnTracking): void {
  state.baselineTaken = false;
  state.prevTurns = [];
  state.witnessed = new Map();
  state.liveUser = null;
}

/** Two reads of a turn say the same (the runner hands over the same object when unchanged). */
export function sameTurn(a: Turn | undefined, b: Turn | undefined): boolean {
  return a === b || (!!a && !!b && a.text === b.text && a.thinking === b.thinking);
}

/** What is compared to see a reply change: its text and shown reasoning. */
function textOf(s: Snapshot, i: number): string {
  return `${s.turns[i].text}\u0000${s.turns[i].thinking}`;
}

/**
 * Take in a snapshot at time `t`: witness streaming replies and note their changes. Synchronous
 * and cheap (only the last turn's text is compared, so a long page costs no string work per
 * snapshot). Returns true when the page switched to another conversation: the state was reset,
 * and the caller drops what it keeps per conversation too.
 */
export function observeTurns(state: TurnTracking, s: Snapshot, t: number): boolean {
  let switched = false;
  // A new chat gets its id from the site mid-stream (ChatGPT: "/" → "/c/<id>"): not a switch.
  if (s.conversationId !== state.conversation) {
    if (state.conversation !== null) {
      resetTurns(state);
      switched = true;
    }
    state.conversation = s.conversationId;
  }
  const last = s.turns.length - 1;
  if (!state.baselineTaken) {
    state.baselineTaken = true;
    state.prevTurns = s.turns;
    // A reply already streaming when the page opens is being produced now: witness it.
    if (s.streaming && last >= 0 && s.turns[last].role === 'assistant')
      state.witnessed.set(last, { startedAt: t, lastChange: t, text: textOf(s, last) });
    return switched;
  }
  const prevLength = state.prevTurns.length;
  // A live send adds one user turn at the end (maybe with its reply already started); a
  // conversation's history loading late adds many at once. Only the former is new spend.
  const added = s.turns.length - prevLength;
  if (added > 0 && added <= 2 && s.turns[prevLength].role === 'user') {
    state.liveUser = prevLength;
  }
  if (last >= 0 && s.turns[last].role === 'assistant') witnessLast(state, s, t, prevLength);
  state.prevTurns = s.turns;
  return switched;
}

/** The last turn is a reply: follow it if witnessed, start witnessing it if it is being produced. */
function witnessLast(state: TurnTracking, s: Snapshot, t: number, prevLength: number): void {
  const last = s.turns.length - 1;
  const existing = state.witnessed.get(last);
  if (existing) {
    const text = textOf(s, last);
    if (existing.text !== text) {
      existing.text = text;
      existing.lastChange = t;
    }
    if (s.streaming) existing.lastChange = t;
    return;
  }
  const grew = last < prevLength && !sameTurn(state.prevTurns[last], s.turns[last]);
  const appearedStreaming =
    last >= prevLength && (s.streaming || (state.liveUser !== null && last === state.liveUser + 1));
  // Not merely `s.streaming`: a stop button can show before the new reply's element exists,
  // while the final turn is still the previous, long finished reply.
  if (grew || appearedStreaming)
    state.witnessed.set(last, { startedAt: t, lastChange: t, text: textOf(s, last) });
}

/**
 * Witnessed replies that are complete at time `t`: not the last turn any more, or the last turn
 * with the page not streaming and its text quiet for `settleMs`. An empty reply is never
 * complete; a witnessed index that is no longer a reply is forgotten.
 */
export function completedReplies(
  state: TurnTracking,
  s: Snapshot,
  t: number,
  settleMs: number,
): number[] {
  const done: number[] = [];
  const finalIndex = s.turns.length - 1;
  for (const [index, w] of state.witnessed) {
    const turn = s.turns[index];
    if (!turn || turn.role !== 'assistant') {
      state.witnessed.delete(index);
      continue;
    }
    if (turn.text.trim() === '' && turn.thinking.trim() === '') continue;
    const isFinal = index === finalIndex;
    if (!isFinal || (!s.streaming && t - w.lastChange >= settleMs)) done.push(index);
  }
  return done;
}
