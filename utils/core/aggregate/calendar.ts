/**
 * Calendar arithmetic in the user's time zone, without a date library: `Intl.DateTimeFormat`
 * tells the local date of an instant, and plain proleptic-Gregorian arithmetic on (y, m, d)
 * does the rest. Days are found by their first instant, so a 23- or 25-hour DST day, and a
 * zone whose midnight is skipped by a DST jump (e.g. America/Santiago), are handled the same way.
 */

/** A calendar date, month 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (the numbering of `Intl.Locale#getWeekInfo`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA with numeric parts yields ISO-like order; the parts are read by type anyway.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date of an instant in `timeZone`. */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return { year, month, day };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "YYYY-MM-DD": sorts lexicographically in date order, used as the rollup day key. */
export function dayKey(d: LocalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function parseDayKey(key: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`Not a day key: "${key}"`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function toUtcNoon(d: LocalDate): number {
  // Noon keeps the arithmetic away from any edge; only the UTC calendar fields are read back.
  return Date.UTC(d.year, d.month - 1, d.day, 12);
}

function fromUtc(ms: number): LocalDate {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return fromUtc(toUtcNoon(d) + days * 86_400_000);
}

export function addMonths(d: LocalDate, months: number): LocalDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(d.day, last) };
}

export function isoWeekday(d: LocalDate): IsoWeekday {
  const js = new Date(toUtcNoon(d)).getUTCDay(); // 0 = Sunday
  return (js === 0 ? 7 : js) as IsoWeekday;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((toUtcNoon(b) - toUtcNoon(a)) / 86_400_000);
}

/**
 * The first instant (epoch ms) whose local date in `timeZone` is `d` or later: local midnight,
 * or the end of the DST gap on a day whose midnight does not exist. Binary search over minutes
 * in the ±15 h window every UTC offset lies in; the local date is monotonic in time.
 */
export function startOfLocalDay(d: LocalDate, timeZone: string): number {
  const utcMidnight = Date.UTC(d.year, d.month - 1, d.day);
  const MINUTE = 60_000;
  let lo = (utcMidnight - 15 * 3_600_000) / MINUTE; // local date certainly < d
  let hi = (utcMidnight + 15 * 3_600_000) / MINUTE; // local date certainly >= d
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (compareDates(localDateOf(mid * MINUTE, timeZone), d) >= 0) hi = mid;
    else lo = mid;
  }
  return hi * MINUTE;
}

/**
 * Which weekday starts the week in `locale`: `Intl.Locale#getWeekInfo` (or the older
 * `weekInfo` getter) where the runtime has it, else a table of the regions CLDR lists with
 * Sunday or Saturday starts. A locale without a region (plain "en") follows CLDR's default
 * for its likely region (en → US → Sunday), via `maximize()`.
 */
export function weekStartForLocale(locale: string): IsoWeekday {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay as IsoWeekday;
    const region = loc.maximize().region ?? '';
    if (SATURDAY_START.has(region)) return 6;
    if (SUNDAY_START.has(region)) return 7;
  } catch {
    // An invalid locale tag falls through to Monday, the ISO default.
  }
  return 1;
}

// CLDR supplemental weekData (firstDay), for runtimes without Intl.Locale week info. Without
// side effects, so a bundle that loads this module but never asks for a week start (a content
// script reading the user settings) drops the tables.
/* @__NO_SIDE_EFFECTS__ */
function regionSet(regions: string): ReadonlySet<string> {
  return new Set(regions.split(' '));
}
const SUNDAY_START = regionSet(
  'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW',
);
const SATURDAY_START = regionSet('AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY');
