/**
 * Live queries of the options page over the whole history, held while this page imports.
 *
 * A live query runs again after every write to what it read, also writes made by the background.
 * An import stores a batch every few thousand events, and the stored-event count walks the keys
 * index of every stored event: run again per batch, those counts cost more than the import's own
 * storing (a 1 GB import in Chromium: 61 s of the browser's CPU against 21 s without them). So
 * while an import of this page runs, these queries keep their last value, and run once when it
 * ends (its summary is on screen meanwhile).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useSyncExternalStore } from 'react';

let running = 0;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Run an import; the page's history queries wait until it ends (settled either way). */
export async function whileImporting<T>(run: () => Promise<T>): Promise<T> {
  running++;
  notify();
  try {
    return await run();
  } finally {
    running--;
    notify();
  }
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Whether an import of this page is running. */
function useImporting(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => running > 0,
    () => false,
  );
}

/** `useLiveQuery(query)`, holding its last value while this page imports. */
export function useHistoryQuery<T>(query: () => Promise<T>): T | undefined {
  const importing = useImporting();
  const last = useRef<T | undefined>(undefined);
  const value = useLiveQuery(() => (importing ? last.current : query()), [importing]);
  if (value !== undefined) last.current = value;
  return value;
}
