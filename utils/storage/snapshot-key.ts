/**
 * Which popup snapshot fits an opening: the user's calendar (time zone, week start) and the key
 * of the periods containing an instant. Plain functions without WXT storage (the items are in
 * ./settings/history.ts and ./state/history.ts, which re-export these): the popup's first script
 * (components/popup/early-paint.ts) checks the snapshot with them before any module has loaded.
 */
import { weekStartForLocale, type IsoWeekday } from '@/utils/core/aggregate/calendar';
import { periodContaining, type CalendarOptions } from '@/utils/core/aggregate/periods';

export type WeekStartChoice = 'locale' | 'monday' | 'sunday' | 'saturday';

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

/**
 * What a snapshot's numbers depend on besides the stored events: the time zone, the week start
 * and the periods containing `now` (the previous periods follow from these).
 */
export function dashboardKey(now: number, calendar: CalendarOptions): string {
  const starts = (['day', 'week', 'month'] as const).map(
    (kind) => periodContaining(kind, now, calendar).start,
  );
  return [calendar.timeZone, calendar.weekStart, ...starts].join('|');
}
