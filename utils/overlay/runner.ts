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
 */
import type { SiteAdapter, Turn, TurnNode, TurnText } from '@/utils/sites/types';
import type { Snapshot } from './types';
import { clock, SLICE_MS, yieldToPage } from './slice';

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

const WATCHED_ATTRIBUTES = [
  'data-is-streaming',
  'data-streaming',
  'aria-pressed',
  'aria-label',
  'data-testid',
  'value',
];

export interface Runner {
  /** Take a snapshot now (after navigation events, or in tests). */
  flush(): void;
  /** Snapshots taken so far (for tests and the bench). */
  readonly stats: { snapshots: number; errors: number; turnReads: number };
}

export function startRunner(options: RunnerOptions): Runner {
  const { adapter, doc, signal, onSnapshot } = options;
  const win = doc.defaultView!;
  const getUrl = options.getUrl ?? (() => doc.location?.href ?? '');
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 600;
  const draftDelayMs = options.draftDelayMs ?? 0;
  const maxErrors = options.maxConsecutiveErrors ?? 20;
  const ignoreHost = options.ignoreHost ?? 'token-meter-badge';

  const stats = { snapshots: 0, errors: 0, turnReads: 0 };
  let consecutiveErrors = 0;
  let stopped = false;
  let composing = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPending = 0;
  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  let dirty = new Set<Element>();
  let textCache = new WeakMap<Element, { text: TurnText; turn: Turn }>();
  /** A full (sliced) read is under way; another one asked for meanwhile runs after it. */
  let reading = false;
  let readAgain = false;
  let lastUrl = getUrl();
  let lastTurns: Turn[] = [];
  let lastDraft: string | null = null;
  let lastModelLabel: string | null = null;
  let lastStreaming = false;

  function contain<T>(what: string, fn: () => T, fallback: T, errors: string[]): T {
    try {
      return fn();
    } catch (error) {
      errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  }

  /**
   * A read of every turn, from the cache unless a mutation marked it (`changed`), in steps: each
   * `step()` reads until its slice's time is up and returns true once all turns are read. One
   * step (no yield, synchronous) is enough unless many turns are new.
   */
  function turnReader(errors: string[], changed: Set<Element>) {
    const nodes = contain<TurnNode[]>('turns', () => adapter.listTurns(doc), [], errors);
    const turns: Turn[] = new Array(nodes.length);
    let i = 0;
    return {
      turns,
      step(): boolean {
        const sliceStart = clock();
        for (; i < nodes.length; i++) {
          const node = nodes[i];
          let entry = changed.has(node.el) ? undefined : textCache.get(node.el);
          if (!entry) {
            if (clock() - sliceStart > SLICE_MS) return false;
            stats.turnReads++;
            const text = contain<TurnText>(
              'turn text',
              () => adapter.readTurn(node),
              { text: '', thinking: '' },
              errors,
            );
            entry = { text, turn: { role: node.role, ...text } };
            textCache.set(node.el, entry);
          } else if (entry.turn.role !== node.role) {
            entry = { text: entry.text, turn: { role: node.role, ...entry.text } };
            textCache.set(node.el, entry);
          }
          turns[i] = entry.turn;
        }
        return true;
      },
    };
  }

  function snapshot(draftOnly: boolean) {
    if (stopped || signal.aborted) return;
    if (!draftOnly || getUrl() !== lastUrl) {
      if (reading) readAgain = true;
      else void fullSnapshot();
      return;
    }
    emit(true, lastTurns, []);
  }

  /** Read the turns (sliced on a long page), then emit; never rejects. */
  async function fullSnapshot() {
    reading = true;
    try {
      const errors: string[] = [];
      const url = getUrl();
      if (url !== lastUrl) {
        // SPA navigation: element identity may be reused for another conversation.
        lastUrl = url;
        textCache = new WeakMap();
      }
      // Mutations that land while we read go to a fresh set and cause a follow-up snapshot.
      const changed = dirty;
      dirty = new Set();
      let turns: Turn[];
      try {
        const reader = turnReader(errors, changed);
        while (!reader.step()) {
          await yieldToPage();
          if (stopped || signal.aborted) return;
        }
        turns = reader.turns;
      } catch (error) {
        errors.push(`turns: ${String(error)}`);
        turns = [];
      }
      if (getUrl() !== url) {
        // Navigated while reading: what was read may belong to the old conversation.
        readAgain = true;
        return;
      }
      emit(false, turns, errors);
    } finally {
      reading = false;
      if (readAgain && !stopped && !signal.aborted) {
        readAgain = false;
        schedule();
      }
    }
  }

  function emit(draftOnly: boolean, turns: Turn[], errors: string[]) {
    try {
      const url = lastUrl;
      const draft = composing
        ? lastDraft
        : contain<string | null>('draft', () => adapter.readDraft(doc), null, errors);
      lastDraft = draft;
      lastTurns = turns;
      let conversationId: string | null = null;
      try {
        conversationId = adapter.conversationId(new URL(url));
      } catch (error) {
        errors.push(`conversation id: ${String(error)}`);
      }
      const snap: Snapshot = {
        url,
        conversationId,
        draft,
        turns,
        // A draft-only snapshot repeats the last full read: turns, label and streaming state
        // must come from the same moment, or a stop button could pair with stale turns.
        modelLabel: draftOnly
          ? lastModelLabel
          : contain('model label', () => adapter.readModelLabel(doc), null, errors),
        streaming: draftOnly
          ? lastStreaming
          : contain('streaming', () => adapter.isStreaming(doc), false, errors),
      };
      lastModelLabel = snap.modelLabel;
      lastStreaming = snap.streaming;
      if (adapter.readOutputAssumption) {
        const read = adapter.readOutputAssumption;
        snap.outputAssumption = contain('max output', () => read(doc), null, errors);
      }
      if (errors.length > 0) snap.error = errors.join('; ');
      stats.snapshots++;
      onSnapshot(snap);
      consecutiveErrors = errors.length > 0 ? consecutiveErrors + 1 : 0;
    } catch (error) {
      consecutiveErrors++;
      errors.push(String(error));
    }
    stats.errors += errors.length;
    if (consecutiveErrors >= maxErrors) stop();
  }

  function schedule() {
    if (stopped) return;
    const t = Date.now();
    if (timer === null) firstPending = t;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstPending + maxWaitMs - t));
    timer = setTimeout(() => {
      timer = null;
      snapshot(false);
    }, wait);
  }

  function scheduleDraft() {
    if (stopped || composing) return;
    // Read the draft in the input event itself: a timer would wait behind the page's own
    // re-layout of a long draft (tens of ms), and reading a value is cheap.
    if (draftDelayMs <= 0) return snapshot(true);
    if (draftTimer !== null) return;
    draftTimer = setTimeout(() => {
      draftTimer = null;
      snapshot(true);
    }, draftDelayMs);
  }

  function markDirty(node: Node | null) {
    let el: Element | null =
      node && node.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
    try {
      while (el) {
        const turn: Element | null = el.closest(adapter.turnSelector);
        if (!turn) break;
        dirty.add(turn);
        el = turn.parentElement;
      }
    } catch {
      // An invalid turn selector: every turn is re-read on the next snapshot.
      textCache = new WeakMap();
    }
  }

  const observer = new win.MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      const target = record.target as Element;
      if (target.nodeType === 1 && target.localName === ignoreHost) continue;
      relevant = true;
      markDirty(record.target);
    }
    if (relevant) schedule();
  });

  const onInput = (event: Event) => {
    // Typing inside a turn (a playground's editable messages and system prompt) changes a
    // textarea's value, which no mutation reports: re-read that turn, not only the draft.
    const target = event.target as Node | null;
    const el = target?.nodeType === 1 ? (target as Element) : (target?.parentElement ?? null);
    let inTurn = false;
    try {
      inTurn = el?.closest(adapter.turnSelector) != null;
    } catch {
      // an invalid turn selector: treat it as the draft
    }
    if (inTurn) {
      markDirty(el);
      schedule();
      // The draft may live in a turn (the Workbench's pending message).
      scheduleDraft();
      return;
    }
    // Typing in the composer re-reads the draft only; any other input (a model <select>, a
    // toggle) changes no DOM node the observer would see, so it takes a full snapshot.
    let inComposer = true;
    try {
      const composer = adapter.findComposer(doc);
      inComposer = !!composer && !!target && (composer === target || composer.contains(target));
    } catch {
      // a throwing adapter: the draft path is contained too
    }
    if (inComposer) scheduleDraft();
    else schedule();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    scheduleDraft();
  };
  const onNavigate = () => schedule();

  function stop() {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
    if (draftTimer !== null) clearTimeout(draftTimer);
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
    doc.removeEventListener('compositionstart', onCompositionStart, true);
    doc.removeEventListener('compositionend', onCompositionEnd, true);
    win.removeEventListener('popstate', onNavigate);
  }

  observer.observe(doc.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);
  doc.addEventListener('compositionstart', onCompositionStart, true);
  doc.addEventListener('compositionend', onCompositionEnd, true);
  win.addEventListener('popstate', onNavigate);
  signal.addEventListener('abort', stop, { once: true });
  snapshot(false);

  return {
    flush: () => snapshot(false),
    stats,
  };
}
