import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** `value`, once it has not changed for `ms` (typing in a long prompt recounts once). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A WXT storage item's value, kept live (undefined until first read). */
export function useStored<T>(item: WxtStorageItem<T, any>): T | undefined {
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
