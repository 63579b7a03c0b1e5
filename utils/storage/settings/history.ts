/**
 * User settings of the history (owner `user`, options page): budgets, subscriptions, retention
 * and the calendar's week start. The popup's first paint loads this file. Validated writes:
 * saveBudgets, saveSubscriptions, saveRetention in ../validated.ts. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';
// Modules, not the aggregate index: the popup's first paint loads this file, and the index
// brings the re-pricing and its tokenizer tables.
import type { Budgets } from '@/utils/core/aggregate/budgets';
import { weekStartForLocale, type IsoWeekday } from '@/utils/core/aggregate/calendar';
import type { CalendarOptions } from '@/utils/core/aggregate/periods';

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

export type WeekStartChoice = 'locale' | 'monday' | 'sunday' | 'saturday';

export interface CalendarSettings {
  weekStart: WeekStartChoice;
}

export const calendarSettings = /* @__PURE__ */ storage.defineItem<CalendarSettings>(
  'local:calendar',
  { fallback: { weekStart: 'locale' }, version: 1 },
);

const WEEK_STARTS: Record<Exclude<WeekStartChoice, 'locale'>, IsoWeekday> = {
  monday: 1,
  saturday: 6,
  sunday: 7,
};

/** The user's calendar: this runtime's time zone and the chosen (or the locale's) week start. */
export function resolveCalendar(choice: WeekStartChoice, locale: string): CalendarOptions {
  return {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    weekStart: choice === 'locale' ? weekStartForLocale(locale) : WEEK_STARTS[choice],
  };
}
