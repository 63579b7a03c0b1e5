/**
 * Several items read in one storage request (per area), sent at the call, each with its
 * fallback: for a page whose first paint waits on several items (the popup). Each item's own
 * getValue is a request of its own, queued behind the reads the item definitions make on load.
 */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';

type Values<T extends readonly WxtStorageItem<unknown, Record<string, unknown>>[]> = {
  [K in keyof T]: T[K] extends WxtStorageItem<infer V, Record<string, unknown>> ? V : never;
};

export function readItems<
  const T extends readonly WxtStorageItem<unknown, Record<string, unknown>>[],
>(items: T): Promise<Values<T>> {
  return storage.getItems([...items]).then((rows) => rows.map((row) => row.value) as Values<T>);
}
