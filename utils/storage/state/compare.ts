/**
 * The compare hand-off (owner `background`): texts waiting for a compare tab. Conventions:
 * ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

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

type CompareHandoffs = Record<string, CompareHandoff>;
const defineHandoffs = () =>
  storage.defineItem<CompareHandoffs>('session:compareHandoffs', { fallback: {} });
let handoffItem: ReturnType<typeof defineHandoffs> | null = null;
/**
 * Texts waiting for a compare tab, by id, stored by the background's openCompare handler. In
 * `storage.session`: memory only, gone when the browser closes; never in a URL, never on disk.
 * The tab gets only an id in its URL and takes its text (takeHandoff).
 *
 * Defined on first use, not at import: content scripts load the storage index,
 * `storage.session` is off limits there, and defining a WXT item reads it at once (an unhandled
 * rejection on every chat page; found by tests/e2e/faults-worker.test.ts).
 */
export const compareHandoffs = {
  key: 'session:compareHandoffs',
  fallback: {},
  getValue: (): Promise<CompareHandoffs> => (handoffItem ??= defineHandoffs()).getValue(),
  setValue: (value: CompareHandoffs): Promise<void> =>
    (handoffItem ??= defineHandoffs()).setValue(value),
} as const;

/** Hand-offs older than this are dropped when a new one is stored. */
export const HANDOFF_TTL_MS = 10 * 60_000;

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
