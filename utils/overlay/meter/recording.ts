/**
 * Recording completed replies in the history (the background's `recordTurn`).
 *
 * The key (site + conversation + turn index + content hash) makes a re-render, a reload or a
 * retry after a failed send idempotent in the background; a regenerated reply has a new hash and
 * is recorded as new output. A failed send is retried on a timer with backoff, up to
 * MAX_RECORD_ATTEMPTS sends, then shown as not saved.
 */
import type { Turn } from '@/utils/sites/types';
import type { TurnEvent } from '@/utils/core/types';
import type { MeterServices, Snapshot } from '../types';
import { provisionalConversationId, turnKey } from './accounting';
import type { ReplyCounts } from './site-usage';

/** Sends of one turn before it is shown as not saved (about two minutes with the backoff). */
export const MAX_RECORD_ATTEMPTS = 8;

/** Wait before the next send of a failed turn: 1 s, 2 s, 4 s… at most 30 s. */
export function retryDelay(attempts: number): number {
  return Math.min(30_000, 500 * 2 ** attempts);
}

/** One reply as this page recorded it. */
export interface Recorded {
  /** The exchange's content hash when recorded (a different hash now: regenerated). */
  hash: string;
  status: 'pending' | 'saved' | 'failed';
  event: TurnEvent;
  attempts: number;
}

export interface TurnEventInput {
  site: string;
  conversationId: string;
  turns: readonly Turn[];
  index: number;
  hash: string;
  time: number;
  modelLabel: string | null;
  /** The rate card's id for the model (null: not in the card). */
  model: string | null;
  counts: ReplyCounts;
  /** This index was recorded before with another content hash. */
  regenerated: boolean;
  /** The site bills at OpenRouter's prices. */
  openrouter: boolean;
  /** The user opted in to storing prompt and reply text. */
  storeText: boolean;
}

/** The event recorded for the reply at `index` (pure). */
export function turnEvent(x: TurnEventInput): TurnEvent {
  const event: TurnEvent = {
    key: turnKey(x.site, x.conversationId, x.index, x.hash),
    site: x.site,
    conversationId: x.conversationId,
    turnIndex: x.index,
    time: x.time,
    modelLabel: x.modelLabel,
    model: x.model,
    input: x.counts.input,
    output: x.counts.output,
    reasoning: x.counts.reasoning,
  };
  if (x.regenerated) event.regenerated = true;
  if (x.openrouter) event.offer = 'openrouter';
  if (x.storeText) {
    event.text = {
      prompt: x.index > 0 ? x.turns[x.index - 1].text : '',
      reply: x.turns[x.index].text,
    };
  }
  return event;
}

export interface RecorderOptions {
  services: Pick<MeterServices, 'recordTurn'>;
  site: string;
  /** The site bills at OpenRouter's prices. */
  openrouter: boolean;
  /** The user opted in to storing prompt and reply text (asked at each recording). */
  storeText: () => boolean;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  isDisposed: () => boolean;
  /** Called when a retry is due (the meter refreshes, which sends what failed). */
  onRetryDue: () => void;
}

export interface Recorder {
  /** The recording of the reply at a turn index in this conversation. */
  get(index: number): Recorded | undefined;
  /** The event for the reply at `index`, with the counts to record (ours or the site's). */
  event(
    s: Snapshot,
    index: number,
    hash: string,
    model: string | null,
    counts: ReplyCounts,
  ): TurnEvent;
  /**
   * Record a new event for the reply at `index`: sent once per key for the page's lifetime (a
   * key seen before, even in another conversation, is not sent again: undefined is returned).
   */
  record(index: number, hash: string, event: TurnEvent): Promise<Recorded | undefined>;
  /** A recording failed and has attempts left. */
  mayRetry(rec: Recorded): boolean;
  /** Send a recording again. */
  retry(rec: Recorded): Promise<void>;
  /** Changes whenever a recording's status changes (the breakdown is rebuilt then). */
  version(): number;
  /** Another conversation: forget its recordings (the keys seen stay). */
  resetConversation(): void;
  keys(): string[];
}

export function createRecorder(options: RecorderOptions): Recorder {
  let recorded = new Map<number, Recorded>();
  const seenKeys = new Set<string>();
  let version = 0;

  async function send(rec: Recorded) {
    rec.attempts++;
    version++;
    try {
      await options.services.recordTurn(rec.event);
      rec.status = 'saved';
    } catch {
      rec.status = 'failed';
      // Retry on a timer, not only when the page next changes: the worker may be restarting,
      // and a page left idle (or closed soon after) lost the turn (found by
      // utils/overlay/meter/__tests__/faults.test.ts). The key makes a retry of a turn that was
      // in fact stored a duplicate, never a second row.
      if (rec.attempts < MAX_RECORD_ATTEMPTS && !options.isDisposed()) {
        options.setTimer(() => {
          if (!options.isDisposed()) options.onRetryDue();
        }, retryDelay(rec.attempts));
      }
    }
    version++;
  }

  return {
    get: (index) => recorded.get(index),
    event(s, index, hash, model, counts) {
      const previous = recorded.get(index);
      return turnEvent({
        site: options.site,
        // A new chat has no id yet: the hash of its first turn stands in (stable on reload).
        conversationId: s.conversationId ?? provisionalConversationId(s.turns),
        turns: s.turns,
        index,
        hash,
        time: options.now(),
        modelLabel: s.modelLabel,
        model,
        counts,
        regenerated: !!previous && previous.hash !== hash,
        openrouter: options.openrouter,
        storeText: options.storeText(),
      });
    },
    async record(index, hash, event) {
      if (seenKeys.has(event.key)) return undefined;
      seenKeys.add(event.key);
      const rec: Recorded = { hash, status: 'pending', event, attempts: 0 };
      recorded.set(index, rec);
      await send(rec);
      return rec;
    },
    mayRetry: (rec) => rec.status === 'failed' && rec.attempts < MAX_RECORD_ATTEMPTS,
    retry: send,
    version: () => version,
    resetConversation() {
      recorded = new Map();
    },
    keys: () => [...seenKeys],
  };
}
