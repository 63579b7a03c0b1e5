/** Money in React components: the display currency setting, kept live (see money-format.ts). */
import { useMemo } from 'react';
import { currencySettings, type CurrencySettings } from '@/utils/storage';
import { intlLocale } from '@/utils/i18n';
import { makeMoney, type Money } from './money-format';
import { useStorageItem } from '@/components/hooks/use-storage-item';

export * from './money-format';

/** `initial`: the setting when already read (the popup reads it before React mounts). */
export function useMoney(initial?: CurrencySettings): Money {
  const settings = useStorageItem(currencySettings, initial);
  return useMemo(
    () => ({ ...makeMoney(settings, intlLocale()), loaded: settings !== undefined }),
    [settings],
  );
}
