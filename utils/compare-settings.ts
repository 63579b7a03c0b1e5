/**
 * The compare view's remembered state and the hand-off that opens it with a text.
 * - `comparePins`: models the user pinned (canonical ids), shown on top of the default list.
 * - `compareHandoff`: texts waiting for a compare tab, in `storage.session` (memory only, gone
 *   when the browser closes; never in a URL, never on disk). The tab gets only an id in its URL.
 */
import { storage } from 'wxt/utils/storage';
// The handoff module directly, not the barrel: this file is in the content script's bundle.
import { compareTextOf, outputRatioOf, type TurnLike } from '@/utils/core/compare/handoff';
import { sendMessage } from '@/utils/messaging';

export const comparePins = storage.defineItem<string[]>('local:comparePins', {
  fallback: [],
  version: 1,
});

export interface CompareHandoff {
  text: string;
  /** What the text is: the composer's draft, the visible conversation (+ draft), or a page selection. */
  source: 'draft' | 'conversation' | 'selection';
  /** The conversation's output/input token ratio, the default expected reply; null if none yet. */
  outputRatio: number | null;
  /** The model the user is on (canonical id when known). */
  currentModel: string | null;
  /** Site label, for the page's heading. */
  site: string | null;
  /** Epoch ms; old hand-offs are dropped. */
  at: number;
}

type Handoffs = Record<string, CompareHandoff>;
const defineHandoffs = () =>
  storage.defineItem<Handoffs>('session:compareHandoffs', { fallback: {} });
let handoffItem: ReturnType<typeof defineHandoffs> | null = null;
/**
 * Defined on first use, not at import: this module is in the content script's bundle, where
 * `storage.session` is off limits, and defining a WXT item reads it at once (an unhandled
 * rejection on every chat page; found by tests/e2e/faults-worker.test.ts).
 */
function handoffStore() {
  handoffItem ??= defineHandoffs();
  return handoffItem;
}
export const compareHandoffs = {
  getValue: (): Promise<Handoffs> => handoffStore().getValue(),
  setValue: (value: Handoffs): Promise<void> => handoffStore().setValue(value),
};

/** Hand-offs older than this are dropped when a new one is stored. */
export const HANDOFF_TTL_MS = 10 * 60_000;

/** Pin or unpin a model; returns the new list. */
export async function togglePin(model: string): Promise<string[]> {
  const pins = await comparePins.getValue();
  const next = pins.includes(model) ? pins.filter((p) => p !== model) : [...pins, model];
  await comparePins.setValue(next);
  return next;
}

/** Take (read once and delete) the hand-off a compare tab was opened with. */
export async function takeHandoff(id: string): Promise<CompareHandoff | null> {
  const all = await compareHandoffs.getValue();
  const found = all[id] ?? null;
  if (found) {
    const { [id]: _, ...rest } = all;
    await compareHandoffs.setValue(rest);
  }
  return found;
}

/**
 * Open the compare page on a text (from the overlay panel, a content script: it cannot open
 * extension tabs or reach `storage.session` itself, so the background does both).
 */
export function openCompare(handoff: Omit<CompareHandoff, 'at'>): Promise<{ opened: boolean }> {
  return sendMessage('openCompare', handoff);
}

/**
 * The overlay panel's "Compare on other models": the draft, or the whole conversation, with the
 * conversation's output/input ratio and the detected model.
 */
export function openCompareFromPage(
  scope: 'draft' | 'conversation',
  page: { draft: string | null; turns: readonly TurnLike[] },
  view: { rows: Parameters<typeof outputRatioOf>[0]; model: { info: { id: string } | null } },
  site: string | null,
): Promise<{ opened: boolean }> {
  return openCompare({
    text: compareTextOf(scope, page),
    source: scope,
    outputRatio: outputRatioOf(view.rows),
    currentModel: view.model.info?.id ?? null,
    site,
  });
}
