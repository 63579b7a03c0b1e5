import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** The current value of a WXT storage item, kept live (undefined until first read). */
export function useStorageItem<T>(item: WxtStorageItem<T, any>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    item.getValue().then((v) => live && setValue(v));
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
