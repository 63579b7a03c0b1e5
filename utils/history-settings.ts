/**
 * History settings (WXT storage items): budgets, subscriptions per site, retention, calendar,
 * plus two items only the background writes: the history's health (storage full) and which
 * budgets were already notified this period. Per-site on/off and "store prompt text" live in
 * utils/settings.ts (siteSettings, privacySettings).
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import {
  weekStartForLocale,
  type Budgets,
  type CalendarOptions,
  type IsoWeekday,
} from '@/utils/core/aggregate';

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
  /** Turns that could not be stored since then. */
  unsavedTurns: number;
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

const limit = z.number().int().positive().max(1e15).nullable();
const limitsSchema = z.strictObject({ weeklyMicroUsd: limit, monthlyMicroUsd: limit });
export const budgetsSchema = z.strictObject({
  weeklyMicroUsd: limit,
  monthlyMicroUsd: limit,
  sites: z.record(z.string().regex(/^[a-z0-9-]+$/), limitsSchema),
});

export const subscriptionsSchema = z.record(
  z.string().regex(/^[a-z0-9-]+$/),
  z.strictObject({
    name: z.string().trim().min(1).max(80),
    monthlyMicroUsd: z.number().int().positive().max(1e12),
  }),
);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'value'}: ${issue.message}`;
}

export async function saveBudgets(value: Budgets): Promise<void> {
  const parsed = budgetsSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Budgets not saved: ${firstIssue(parsed.error)}`);
  await budgetSettings.setValue(parsed.data);
}

export async function saveSubscriptions(value: Record<string, Subscription>): Promise<void> {
  const parsed = subscriptionsSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Subscriptions not saved: ${firstIssue(parsed.error)}`);
  await subscriptionSettings.setValue(parsed.data);
}

export async function saveRetention(months: number): Promise<void> {
  if (!Number.isInteger(months) || months < 0 || months > 600) {
    throw new Error('Retention must be a whole number of months (0 keeps everything)');
  }
  await retentionSettings.setValue({ months });
}
