/** What the runner remembers between snapshots. */
import type { SiteTokens, Turn, TurnText } from '@/utils/sites/types';

/** A turn element's text as last read, and the turn handed over for it (same object if unchanged). */
export interface CachedTurn {
  text: TurnText;
  turn: Turn;
}

export interface RunnerState {
  stopped: boolean;
  /** Between compositionstart and compositionend (IME): the draft is half-typed, not read. */
  composing: boolean;
  /** Turn elements a mutation landed in since the last read: re-read next time. */
  dirty: Set<Element>;
  textCache: WeakMap<Element, CachedTurn>;
  /** A full (sliced) read is under way; another one asked for meanwhile runs after it. */
  reading: boolean;
  readAgain: boolean;
  /** The URL the cache and the last snapshot belong to. */
  lastUrl: string;
  /** The last full read: a draft-only snapshot repeats it. */
  last: {
    turns: Turn[];
    draft: string | null;
    modelLabel: string | null;
    streaming: boolean;
    siteTokens?: SiteTokens | null;
  };
  consecutiveErrors: number;
  stats: { snapshots: number; errors: number; turnReads: number };
}

export function newRunnerState(url: string): RunnerState {
  return {
    stopped: false,
    composing: false,
    dirty: new Set(),
    textCache: new WeakMap(),
    reading: false,
    readAgain: false,
    lastUrl: url,
    last: { turns: [], draft: null, modelLabel: null, streaming: false },
    consecutiveErrors: 0,
    stats: { snapshots: 0, errors: 0, turnReads: 0 },
  };
}
