/**
 * When to take a snapshot: DOM changes settle for `debounceMs` but a snapshot is taken at least
 * every `maxWaitMs` while changes keep coming (a streaming reply), so the badge never freezes.
 * Typing in the composer takes a shorter path (`draftDelayMs`): it only re-reads the draft.
 */

/** How long to wait after a change at `now`, the first unanswered change being at `firstPending`. */
export function debounceWait(
  firstPending: number,
  now: number,
  debounceMs: number,
  maxWaitMs: number,
): number {
  return Math.max(0, Math.min(debounceMs, firstPending + maxWaitMs - now));
}

export function createDebounce(options: {
  debounceMs: number;
  maxWaitMs: number;
  draftDelayMs: number;
  /** The runner stopped: nothing is scheduled any more. */
  stopped: () => boolean;
  /** An IME composition is under way: the draft is not read until it ends. */
  composing: () => boolean;
  snapshot: (draftOnly: boolean) => void;
}) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPending = 0;
  let draftTimer: ReturnType<typeof setTimeout> | null = null;

  return {
    /** A full snapshot after the page settles (or the max wait). */
    schedule(): void {
      if (options.stopped()) return;
      const t = Date.now();
      if (timer === null) firstPending = t;
      else clearTimeout(timer);
      timer = setTimeout(
        () => {
          timer = null;
          options.snapshot(false);
        },
        debounceWait(firstPending, t, options.debounceMs, options.maxWaitMs),
      );
    },
    /** A draft-only snapshot. */
    scheduleDraft(): void {
      if (options.stopped() || options.composing()) return;
      // Read the draft in the input event itself: a timer would wait behind the page's own
      // re-layout of a long draft (tens of ms), and reading a value is cheap.
      if (options.draftDelayMs <= 0) return options.snapshot(true);
      if (draftTimer !== null) return;
      draftTimer = setTimeout(() => {
        draftTimer = null;
        options.snapshot(true);
      }, options.draftDelayMs);
    },
    cancel(): void {
      if (timer !== null) clearTimeout(timer);
      if (draftTimer !== null) clearTimeout(draftTimer);
    },
  };
}
