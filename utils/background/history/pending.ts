/**
 * Turns the database refused because the disk is full (QuotaExceededError), kept aside and saved
 * later: at the next turn that is stored, on a timer, at the worker's start, after retention
 * freed space. They are kept in extension storage (a separate, small store that usually still
 * has room: a few hundred bytes a turn) so a stopped service worker does not lose them; when even
 * that write fails they are kept in memory for as long as the worker lives. The idempotency key
 * makes every retry safe: a turn already stored is skipped, never counted twice.
 */
import type { StoredEvent } from '@/utils/db/types';
import { pendingTurns, type PendingTurns } from '@/utils/storage/state/background';

/** At most this many turns wait (≈ 1 MB); more are reported as not saved. */
export const MAX_PENDING = 2_000;

export interface PendingDeps {
  /** Store the turns (the history's one write path); throws on a quota error. */
  write(events: StoredEvent[], titles: Map<string, string>): Promise<unknown>;
  isQuotaError(error: unknown): boolean;
}

export interface PendingQueue {
  /**
   * Keep turns aside. `waiting`: the turns are (now or already) in the queue; `refused`: how many
   * did not fit (the queue is full): those are lost and must be reported as such.
   */
  add(
    events: StoredEvent[],
    titles?: ReadonlyMap<string, string>,
  ): Promise<{ kept: number; refused: number }>;
  /** Whether turns may be waiting (false only when known empty, so a flush can be skipped). */
  mayHaveWaiting(): boolean;
  /**
   * Try to store every waiting turn. Returns how many were written (or were already stored) and
   * how many still wait; a quota error leaves them waiting, any other error is thrown.
   */
  flush(): Promise<{ saved: number; waiting: number }>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

export function createPendingQueue(deps: PendingDeps): PendingQueue {
  // One operation at a time: add and flush read, change and write the same record.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  // The last state, when extension storage refused it too.
  let memory: PendingTurns | null = null;
  // Unknown until first read (a new worker), then tracked.
  let knownEmpty = false;

  const read = async (): Promise<PendingTurns> => {
    if (memory) return memory;
    try {
      return await pendingTurns.getValue();
    } catch {
      return { events: [], titles: [] };
    }
  };
  const save = async (state: PendingTurns) => {
    try {
      if (state.events.length === 0) await pendingTurns.removeValue();
      else await pendingTurns.setValue(state);
      memory = null;
    } catch {
      memory = state;
    }
    knownEmpty = state.events.length === 0;
  };

  return {
    add: (events, titles) =>
      serial(async () => {
        const state = await read();
        const keys = new Set(state.events.map((e) => e.key));
        const fresh = events.filter((e) => !keys.has(e.key) && (keys.add(e.key), true));
        const room = Math.max(0, MAX_PENDING - state.events.length);
        const kept = fresh.slice(0, room);
        const refused = fresh.length - kept.length;
        if (kept.length === 0) return { kept: 0, refused };
        const titled = new Map(state.titles);
        for (const e of kept) {
          const title = titles?.get(e.conversation);
          if (title) titled.set(e.conversation, title);
        }
        await save({ events: [...state.events, ...kept], titles: [...titled] });
        return { kept: kept.length, refused };
      }),
    mayHaveWaiting: () => !knownEmpty,
    flush: () =>
      serial(async () => {
        const state = await read();
        knownEmpty = state.events.length === 0;
        if (knownEmpty) return { saved: 0, waiting: 0 };
        try {
          await deps.write(state.events, new Map(state.titles));
        } catch (error) {
          if (deps.isQuotaError(error)) return { saved: 0, waiting: state.events.length };
          throw error;
        }
        await save({ events: [], titles: [] });
        return { saved: state.events.length, waiting: 0 };
      }),
    count: () => serial(async () => (await read()).events.length),
    clear: () => serial(() => save({ events: [], titles: [] })),
  };
}
