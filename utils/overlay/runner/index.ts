/**
 * The runner: the only code that watches a page. It owns the observer, the debounce, IME
 * composition, SPA navigation, its own lifetime and the containment of adapter errors, and
 * hands plain snapshots to a callback. Adapters stay pure readers.
 *
 * - Debounce: DOM changes settle for `debounceMs` (150 ms) but a snapshot is taken at least every
 *   `maxWaitMs` while changes keep coming (a streaming reply), so the badge never freezes.
 *   Typing in the composer takes a shorter path (`draftDelayMs`): it only re-reads the draft.
 * - IME: between compositionstart and compositionend the draft is half-typed text (pinyin,
 *   kana); it is not read until the composition ends.
 * - Turn text is cached per element and re-read only when a mutation lands inside that turn, so
 *   a 1,000-turn page is read once, not on every token of a streaming reply. An unchanged turn is
 *   handed over as the same object, so the meter can skip it by identity.
 * - Time slicing: reading many new turns (a long conversation loading) runs in slices of
 *   ~8 ms with the page running in between (utils/overlay/slice.ts); a small page is still read
 *   in one go, synchronously. Changes that land meanwhile are read by a follow-up snapshot.
 * - Containment: every adapter call is wrapped; a throwing adapter yields a snapshot with `error`
 *   and never an exception into the page. After `maxConsecutiveErrors` the runner stops itself.
 *
 * The parts: page-events.ts (what is listened to), debounce.ts (when to read), turn-reader.ts
 * (the turns, cached and sliced), read-page.ts (the rest of a snapshot), contain.ts, state.ts.
 */
import type { SiteAdapter, Turn } from '@/utils/sites/types';
import type { Snapshot } from '../types';
import { createDebounce } from './debounce';
import { turnsAround, watchPage } from './page-events';
import { readSnapshot } from './read-page';
import { newRunnerState, type RunnerState } from './state';
import { finishRead, turnReader } from './turn-reader';

export interface RunnerOptions {
  adapter: SiteAdapter;
  doc: Document;
  signal: AbortSignal;
  onSnapshot: (snapshot: Snapshot) => void;
  getUrl?: () => string;
  debounceMs?: number;
  maxWaitMs?: number;
  draftDelayMs?: number;
  maxConsecutiveErrors?: number;
  /** Elements the runner must ignore (our own UI host). */
  ignoreHost?: string;
}

export interface Runner {
  /** Take a snapshot now (after navigation events, or in tests). */
  flush(): void;
  /** Snapshots taken so far (for tests and the bench). */
  readonly stats: { snapshots: number; errors: number; turnReads: number };
}

/** The runner's own steps, over its state: what a snapshot takes, and stopping. */
interface RunnerCore {
  options: RunnerOptions;
  st: RunnerState;
  getUrl: () => string;
  maxErrors: number;
  schedule: () => void;
  stop: () => void;
}

const cancelled = (c: RunnerCore) => c.st.stopped || c.options.signal.aborted;

/** Hand a snapshot over; count errors, and stop after too many snapshots in a row had some. */
function emit(c: RunnerCore, draftOnly: boolean, turns: Turn[], errors: string[]): void {
  const { st } = c;
  try {
    const snap = readSnapshot(c.options.adapter, c.options.doc, st, draftOnly, turns, errors);
    st.stats.snapshots++;
    c.options.onSnapshot(snap);
    st.consecutiveErrors = errors.length > 0 ? st.consecutiveErrors + 1 : 0;
  } catch (error) {
    st.consecutiveErrors++;
    errors.push(String(error));
  }
  st.stats.errors += errors.length;
  if (st.consecutiveErrors >= c.maxErrors) c.stop();
}

/** Read the turns (sliced on a long page), then emit; never rejects. */
async function fullSnapshot(c: RunnerCore): Promise<void> {
  const { st } = c;
  st.reading = true;
  try {
    const errors: string[] = [];
    const url = c.getUrl();
    if (url !== st.lastUrl) {
      // SPA navigation: element identity may be reused for another conversation.
      st.lastUrl = url;
      st.textCache = new WeakMap();
    }
    // Mutations that land while we read go to a fresh set and cause a follow-up snapshot.
    const changed = st.dirty;
    st.dirty = new Set();
    let turns: Turn[];
    try {
      const reader = turnReader(c.options.adapter, c.options.doc, st, changed, errors);
      if (!reader.step() && !(await finishRead(reader, () => cancelled(c)))) return;
      turns = reader.turns;
    } catch (error) {
      errors.push(`turns: ${String(error)}`);
      turns = [];
    }
    if (c.getUrl() !== url) {
      // Navigated while reading: what was read may belong to the old conversation.
      st.readAgain = true;
      return;
    }
    emit(c, false, turns, errors);
  } finally {
    st.reading = false;
    if (st.readAgain && !cancelled(c)) {
      st.readAgain = false;
      c.schedule();
    }
  }
}

/** A snapshot now: a full one (after a running read, if any), or the draft only. */
function snapshot(c: RunnerCore, draftOnly: boolean): void {
  if (cancelled(c)) return;
  if (!draftOnly || c.getUrl() !== c.st.lastUrl) {
    if (c.st.reading) c.st.readAgain = true;
    else void fullSnapshot(c);
    return;
  }
  emit(c, true, c.st.last.turns, []);
}

export function startRunner(options: RunnerOptions): Runner {
  const { adapter, doc, signal } = options;
  const getUrl = options.getUrl ?? (() => doc.location?.href ?? '');
  const st = newRunnerState(getUrl());
  const debounce = createDebounce({
    debounceMs: options.debounceMs ?? 150,
    maxWaitMs: options.maxWaitMs ?? 600,
    draftDelayMs: options.draftDelayMs ?? 0,
    stopped: () => st.stopped,
    composing: () => st.composing,
    snapshot: (draftOnly) => snapshot(core, draftOnly),
  });
  const core: RunnerCore = {
    options,
    st,
    getUrl,
    maxErrors: options.maxConsecutiveErrors ?? 20,
    schedule: debounce.schedule,
    stop,
  };

  const unwatch = watchPage(adapter, doc, options.ignoreHost ?? 'token-meter-badge', {
    changed(node) {
      try {
        for (const turn of turnsAround(node, adapter.turnSelector)) st.dirty.add(turn);
      } catch {
        // An invalid turn selector: every turn is re-read on the next snapshot.
        st.textCache = new WeakMap();
      }
    },
    schedule: debounce.schedule,
    scheduleDraft: debounce.scheduleDraft,
    composing: (on) => (st.composing = on),
  });

  function stop() {
    if (st.stopped) return;
    st.stopped = true;
    unwatch();
    debounce.cancel();
  }

  signal.addEventListener('abort', stop, { once: true });
  snapshot(core, false);

  return {
    flush: () => snapshot(core, false),
    stats: st.stats,
  };
}
