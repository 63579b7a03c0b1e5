import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * The current value of a WXT storage item, kept live (undefined until first read, unless the
 * caller read it already: `initial`, e.g. prefetched before React mounted).
 */
export function useStorageItem<T>(item: WxtStorageItem<T, any>, initial?: T): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  useEffect(() => {
    let live = true;
    if (initial === undefined) item.getValue().then((v) => live && setValue(v));
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      live = false;
      unwatch();
    };
    // `initial` only seeds the first render; later values come from the watch.
  }, [item]);
  return value;
}
