/**
 * What the history's background jobs share: their dependencies (replaceable in tests), the
 * user's calendar, and the keeper of the popup's precomputed numbers, which every database
 * change goes through.
 */
import type { CalendarOptions } from '@/utils/core/aggregate';
import { rateFor, type PriceOverrides, type RateCard } from '@/utils/core/ratecard';
import { historyDb, type HistoryDB } from '@/utils/db/schema';
import { getCard } from '@/utils/background/ratecard';
import { calendarSettings, currencySettings, resolveCalendar } from '@/utils/storage';
import { getValidOverrides } from '@/utils/storage/validated';
import { createSnapshotKeeper } from './snapshot';

/** What the writer needs from outside, replaceable in tests. */
export interface HistoryDeps {
  db: () => HistoryDB;
  /** The rate card in use (synced or bundled). */
  getCard: () => Promise<RateCard>;
  /** The user's custom prices by canonical model id. */
  getOverrides: () => Promise<PriceOverrides>;
  now: () => number;
  /** Display currency for the toolbar badge: code and units per USD. */
  getCurrency: () => Promise<{ currency: string; perUsd: number }>;
}

export const deps: HistoryDeps = {
  db: historyDb,
  getCard,
  getOverrides: getValidOverrides,
  now: () => Date.now(),
  getCurrency: async () => {
    const { currency, rates } = await currencySettings.getValue();
    const rate = currency === 'USD' ? null : rateFor(currency, rates);
    return rate ? { currency: rate.currency, perUsd: rate.perUsd } : { currency: 'USD', perUsd: 1 };
  },
};

/** Replace dependencies (the background wires the rate card's; tests wire fakes). */
export function configureHistory(overrides: Partial<HistoryDeps>): void {
  Object.assign(deps, overrides);
}

/** The user's week start and time zone. */
export async function calendar(): Promise<CalendarOptions> {
  const { weekStart } = await calendarSettings.getValue();
  return resolveCalendar(weekStart, globalThis.navigator?.language ?? 'en');
}

/** The popup's precomputed numbers: withdrawn before every database change, rewritten after. */
export const dashboardKeeper = createSnapshotKeeper({
  db: () => deps.db(),
  now: () => deps.now(),
  calendar,
});
