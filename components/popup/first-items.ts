import { calendarSettings } from '@/utils/storage/settings/history';
import { languageSetting } from '@/utils/storage/settings/language';
import { currencySettings } from '@/utils/storage/settings/money';
import { syncedExchangeRates } from '@/utils/storage/state/exchange-rates';
import { dashboardSnapshot, historyHealth } from '@/utils/storage/state/history';

/**
 * The storage items the popup's first paint needs, read in one request (their keys are
 * POPUP_FIRST_KEYS in utils/page-start.ts, which the page's first script reads early).
 */
export const POPUP_FIRST_ITEMS = [
  languageSetting,
  calendarSettings,
  dashboardSnapshot,
  currencySettings,
  syncedExchangeRates,
  historyHealth,
] as const;
