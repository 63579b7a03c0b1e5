/**
 * History settings (WXT storage items): budgets, subscriptions per site, retention, calendar,
 * plus two items only the background writes: the history's health (storage full) and which
 * budgets were already notified this period. Per-site on/off and "store prompt text" live in
 * utils/settings.ts (siteSettings, privacySettings). Validated writes (zod) are in
 * history-settings-save.ts, so the popup reads these items without loading zod.
 */
import { storage } from 'wxt/utils/storage';
// Modules, not the aggregate index: the popup's first paint loads this file, and the index
// brings the re-pricing and its tokenizer tables.
import type { Budgets } from '@/utils/core/aggregate/budgets';
import { weekStartForLocale, type IsoWeekday } from '@/utils/core/aggregate/calendar';
import type { CalendarOptions } from '@/utils/core/aggregate/periods';

export const budgetSettings = storage.defineItem<Budgets>('local:budgets', {
  fallback: { weeklyMicroUsd: null, monthlyMicroUsd: null, sites: {} },
  version: 1,
});

export interface Subscription {
  /** e.g. "ChatGPT Plus". */
  name: string;
  /** Monthly price in micro-USD (entered in the display currency, stored in USD). */
  monthlyMicroUsd: number;
}

/** Subscriptions by site id. */
export const subscriptionSettings = storage.defineItem<Record<string, Subscription>>(
  'local:subscriptions',
  { fallback: {}, version: 1 },
);

export interface RetentionSettings {
  /** Keep this many months of history; 0 keeps everything. */
  months: number;
}

export const retentionSettings = storage.defineItem<RetentionSettings>('local:retention', {
  fallback: { months: 0 },
  version: 1,
});

export type WeekStartChoice = 'locale' | 'monday' | 'sunday' | 'saturday';

export const calendarSettings = storage.defineItem<{ weekStart: WeekStartChoice }>(
  'local:calendar',
  { fallback: { weekStart: 'locale' }, version: 1 },
);

export interface HistoryHealth {
  /** Epoch ms when a write last failed because storage was full, or null. */
  quotaExceededAt: number | null;
  /** Turns that could not be stored nor kept aside to store later (lost). */
  unsavedTurns: number;
  /** Turns kept aside while storage is full, saved automatically when space frees. */
  pendingTurns?: number;
  /** The last write error's message, or null. */
  lastError: string | null;
}

/** Written by the background only. */
export const historyHealth = storage.defineItem<HistoryHealth>('local:historyHealth', {
  fallback: { quotaExceededAt: null, unsavedTurns: 0, lastError: null },
  version: 1,
});

/** Budget id → period id it was last notified for. Written by the background only. */
export const budgetNotified = storage.defineItem<Record<string, string>>('local:budgetNotified', {
  fallback: {},
  version: 1,
});

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
