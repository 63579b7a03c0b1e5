/**
 * The meter: turns page snapshots into counts, costs and recorded turns.
 *
 * It holds no DOM: the runner reads the page and calls `update(snapshot)`; the MAIN-world hook's
 * usage arrives through `addUsage(report)`. Counting and pricing go through `MeterServices`
 * (messages to the background), cached by content hash so a 100-turn conversation is counted
 * once, not on every keystroke.
 *
 * The parts, each testable alone:
 * - turn-tracking.ts: which replies this page saw being produced, and when they are complete;
 * - count-cache.ts, price-cache.ts: the engine's and the rate card's answers, cached and batched;
 * - model.ts: which model the page uses (override, stream, label) and its card entry;
 * - site-usage.ts: the site's own usage reports, and their exact numbers for a reply;
 * - recording.ts (and accounting.ts: keys and hashes): what is sent to the history, and retries;
 * - breakdown.ts, draft.ts, view.ts: the view model (rows, totals, draft, next request, health);
 * - compute.ts: one view from one snapshot, through the parts above.
 * This file composes them: it keeps the last snapshot, runs one refresh at a time
 * (refresh.ts) and wakes up when a witnessed reply should have settled.
 *
 * Recording: only a reply this page saw being produced (the site's streaming indicator, or its
 * text growing in place) is recorded, once it has settled. Turns already on screen when a
 * conversation opens are history, not new spend.
 */
import type { AdapterPricing } from '@/utils/sites/types';
import type { MeterServices, MeterView, Snapshot, UsageReport } from '../types';
import { createBreakdown } from './breakdown';
import { computeView, type MeterParts } from './compute';
import { createCountCache } from './count-cache';
import { createDraftPricing } from './draft';
import { createPriceCache } from './price-cache';
import { createRecorder, type RecorderOptions } from './recording';
import { coalescedRefresh } from './refresh';
import { createUsageLog } from './site-usage';
import { newTurnTracking, observeTurns } from './turn-tracking';

export interface MeterOptions {
  site: { id: string; label: string };
  /** 'api-id' sites (playgrounds, OpenRouter) send their label to the card's resolver as is. */
  pricing?: AdapterPricing;
  services: MeterServices;
  onView: (view: MeterView) => void;
  /** Quiet time after which a reply that stopped streaming counts as complete. */
  settleMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Include prompt and reply text in recorded events (privacy opt-in). */
  storeText?: () => boolean;
}

/** The parts, wired to each other (what a recording's retry needs comes from the meter). */
function createParts(
  options: MeterOptions,
  hooks: Pick<RecorderOptions, 'setTimer' | 'isDisposed' | 'onRetryDue'>,
) {
  const { services } = options;
  const now = options.now ?? (() => Date.now());
  const tracking = newTurnTracking();
  const usage = createUsageLog();
  const counts = createCountCache(services);
  const prices = createPriceCache(services, now);
  const recorder = createRecorder({
    ...hooks,
    services,
    site: options.site.id,
    openrouter: options.pricing?.offer === 'openrouter',
    storeText: () => options.storeText?.() ?? false,
    now,
  });
  const parts: MeterParts = {
    site: options.site,
    pricing: options.pricing,
    settleMs: options.settleMs ?? 1200,
    now,
    tracking,
    usage,
    counts,
    prices,
    drafts: createDraftPricing({
      count: counts.count,
      price: prices.price,
      engineDown: counts.engineDown,
      generation: prices.generation,
    }),
    breakdown: createBreakdown({
      recorder,
      priceAll: prices.priceAll,
      priceGeneration: prices.generation,
      engineDown: counts.engineDown,
      tracking,
      usage,
    }),
  };
  return { ...parts, recorder };
}

/**
 * Wake up when a figure's price changes by the clock alone (a peak window opens or closes), to
 * show the new price on a page that does not change: one timer, for the moment the price cache
 * says its figures go stale.
 */
function createPriceTimer(
  parts: Pick<MeterParts, 'prices' | 'now'>,
  setTimer: (fn: () => void, ms: number) => unknown,
  clearTimer: (handle: unknown) => void,
  onDue: () => void,
) {
  let timer: unknown = null;
  let timerAt = Infinity;
  let disposed = false;
  return {
    /** After each view: (re)set the timer if the moment changed. */
    schedule() {
      const at = parts.prices.staleAt();
      if (disposed || at === timerAt) return;
      if (timer !== null) clearTimer(timer);
      timer = null;
      timerAt = at;
      if (!Number.isFinite(at)) return;
      // At least a second (a moment already past, or a timer that fired early, never spins) and
      // at most setTimeout's longest delay (a later wake-up schedules itself again).
      const delay = Math.min(Math.max(1_000, at - parts.now()), 2 ** 31 - 1);
      timer = setTimer(() => {
        timer = null;
        timerAt = Infinity;
        onDue();
      }, delay);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}

export function createMeter(options: MeterOptions) {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let snapshot: Snapshot | null = null;
  let override: string | null = null;
  let disposed = false;
  let settleTimer: unknown = null;

  const parts = createParts(options, {
    setTimer,
    isDisposed: () => disposed,
    onRetryDue: () => void refresh(),
  });
  const priceTimer = createPriceTimer(parts, setTimer, clearTimer, () => {
    if (snapshot && !disposed) void refresh();
  });
  const refresh = coalescedRefresh(
    async () => {
      if (!snapshot) return;
      const view = await computeView(parts, snapshot, override);
      if (view && !disposed) {
        view.lastUsage = parts.usage.last();
        options.onView(view);
      }
      priceTimer.schedule();
    },
    () => disposed,
  );

  function observe(s: Snapshot) {
    if (observeTurns(parts.tracking, s, parts.now())) {
      // Another conversation: nothing recorded or reported for the last one applies.
      parts.breakdown.reset();
      parts.recorder.resetConversation();
      parts.usage.reset();
    }
  }

  /** Wake up when a witnessed reply should have settled, to record it without a page change. */
  function scheduleSettle() {
    if (settleTimer !== null) clearTimer(settleTimer);
    settleTimer = null;
    if (parts.tracking.witnessed.size === 0 || disposed) return;
    settleTimer = setTimer(() => {
      settleTimer = null;
      if (snapshot && !disposed) {
        observe(snapshot);
        void refresh();
        scheduleSettle();
      }
    }, parts.settleMs);
  }

  return {
    /** A new snapshot from the runner. Returns when the view it causes has been emitted. */
    update(s: Snapshot): Promise<void> {
      if (disposed) return Promise.resolve();
      snapshot = s;
      observe(s);
      scheduleSettle();
      return refresh();
    },
    addUsage(report: UsageReport): Promise<void> {
      if (disposed) return Promise.resolve();
      parts.usage.add(report);
      return refresh();
    },
    setOverride(model: string | null): Promise<void> {
      override = model;
      return refresh();
    },
    /** Drop caches that depend on the rate card (after a card sync). */
    invalidateCard() {
      parts.prices.invalidate();
    },
    /** Price everything again (the display currency changed) and show the new view. */
    reprice(): Promise<void> {
      parts.prices.invalidate();
      return refresh();
    },
    dispose() {
      disposed = true;
      if (settleTimer !== null) clearTimer(settleTimer);
      priceTimer.dispose();
    },
    /** For tests: which keys this page recorded. */
    recordedKeys: () => parts.recorder.keys(),
  };
}

export type Meter = ReturnType<typeof createMeter>;
