/**
 * User settings of the history (owner `user`, options page): budgets, subscriptions, retention
 * and the calendar's week start. The popup's first paint loads this file. Validated writes:
 * saveBudgets, saveSubscriptions, saveRetention in ../validated.ts. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';
// Modules, not the aggregate index: the popup's first paint loads this file, and the index
// brings the re-pricing and its tokenizer tables.
import type { Budgets } from '@/utils/core/aggregate/budgets';

/** Validated writes: saveBudgets in ../validated.ts. */
export const budgetSettings = /* @__PURE__ */ storage.defineItem<Budgets>('local:budgets', {
  fallback: { weeklyMicroUsd: null, monthlyMicroUsd: null, sites: {} },
  version: 1,
});

export interface Subscription {
  /** e.g. "ChatGPT Plus". */
  name: string;
  /** Monthly price in micro-USD (entered in the display currency, stored in USD). */
  monthlyMicroUsd: number;
}

/** Subscriptions by site id. Validated writes: saveSubscriptions in ../validated.ts. */
export const subscriptionSettings = /* @__PURE__ */ storage.defineItem<
  Record<string, Subscription>
>('local:subscriptions', { fallback: {}, version: 1 });

export interface RetentionSettings {
  /** Keep this many months of history; 0 keeps everything. */
  months: number;
}

/** Validated writes: saveRetention in ../validated.ts. */
export const retentionSettings = /* @__PURE__ */ storage.defineItem<RetentionSettings>(
  'local:retention',
  { fallback: { months: 0 }, version: 1 },
);

// Plain functions, apart from the items: the popup's first script uses them without WXT storage.
export { resolveCalendar, type WeekStartChoice } from '../snapshot-key';
import type { WeekStartChoice } from '../snapshot-key';

export interface CalendarSettings {
  weekStart: WeekStartChoice;
}

export const calendarSettings = /* @__PURE__ */ storage.defineItem<CalendarSettings>(
  'local:calendar',
  { fallback: { weekStart: 'locale' }, version: 1 },
);
