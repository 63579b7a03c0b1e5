/** Money in React components: the display currency and the rates, kept live (see money-format.ts). */
import { useMemo } from 'react';
import { currencySettings, type CurrencySettings } from '@/utils/storage/settings/money';
import {
  syncedExchangeRates,
  type SyncedExchangeRates,
} from '@/utils/storage/state/exchange-rates';
import { intlLocale } from '@/utils/i18n';
import { makeMoney, type Money } from './money-format';
import { useStorageItem } from '@/components/hooks/use-storage-item';

export * from './money-format';

/**
 * `initial`: the settings when already read (the popup reads them before React mounts); `now`:
 * the page's clock, which a rate's age is judged by.
 */
export function useMoney(
  initial: { currency?: CurrencySettings; rates?: SyncedExchangeRates } = {},
  now?: number,
): Money {
  const settings = useStorageItem(currencySettings, initial.currency);
  const synced = useStorageItem(syncedExchangeRates, initial.rates);
  return useMemo(
    () => ({
      ...makeMoney(settings, intlLocale(), { synced: synced?.rates, now }),
      // The pages that show sums read the synced rates before React mounts (`initial`).
      loaded: settings !== undefined,
    }),
    [settings, synced, now],
  );
}
