/**
 * Several items read in one storage request (per area), sent at the call, each with its
 * fallback: for a page whose first paint waits on several items (the popup). Each item's own
 * getValue is a request of its own, queued behind the reads the item definitions make on load.
 */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
// Types only: the module itself is the page's first script's (entrypoints/page-start.ts).
import type { PageScope } from '@/utils/page-start';

type Values<T extends readonly WxtStorageItem<unknown, Record<string, unknown>>[]> = {
  [K in keyof T]: T[K] extends WxtStorageItem<infer V, Record<string, unknown>> ? V : never;
};

/**
 * `raw`: the local area's values, already being read by key (the page's first script starts the
 * read before the modules arrive); each item takes its value from there, or its fallback, as
 * `storage.getItems` would. Items of another area, or a raw read that failed, are read here.
 */
export function readItems<
  const T extends readonly WxtStorageItem<unknown, Record<string, unknown>>[],
>(items: T, raw?: Promise<Record<string, unknown>>): Promise<Values<T>> {
  const fresh = () =>
    storage.getItems([...items]).then((rows) => rows.map((row) => row.value) as Values<T>);
  if (!raw || items.some((item) => !item.key.startsWith('local:'))) return fresh();
  return raw.then(
    (values) =>
      items.map(
        (item) => values[item.key.slice('local:'.length)] ?? item.fallback ?? null,
      ) as Values<T>,
    fresh,
  );
}

/**
 * The read the page's first script began (`startPage`, utils/page-start.ts), taken once; or
 * undefined (none, or one of its keys changed since: read afresh). Call it in the same task that
 * sets up the watchers of those keys.
 */
export function takeFirstRead(
  scope: PageScope = globalThis as PageScope,
): Promise<Record<string, unknown>> | undefined {
  const first = scope.tmFirstRead;
  delete scope.tmFirstRead;
  if (!first) return undefined;
  first.taken = true;
  first.stop();
  return first.changed ? undefined : first.read;
}

/**
 * When the page's first script drew the popup's numbers, if it drew `dashboard` (the same object
 * of the same read: the same numbers, currency and language), ms after navigation start; else
 * undefined.
 */
export function earlyPaintMs(
  dashboard: unknown,
  scope: PageScope = globalThis as PageScope,
): number | undefined {
  const early = scope.tmEarlyPaint;
  return early && early.dashboard === dashboard ? early.ms : undefined;
}
