/** Sanity bounds on what an import accepts (a count beyond them is refused, not clamped). */

/** Tokens in one class of one request: above this a count is taken as corrupt. */
export const MAX_TOKENS_PER_REQUEST = 50_000_000;
/** Tokens in one class of an aggregated row (a day, a month, a session of a heavy user). */
export const MAX_TOKENS_PER_AGGREGATE = 1_000_000_000_000;
/** A stated cost above this (USD) for one row is taken as corrupt. */
export const MAX_USD_PER_ROW = 10_000_000;
/** One JSONL line or CSV record longer than this is refused without being held in memory. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;
/** Dates before this (2020-01-01) or more than a day in the future are refused. */
export const MIN_TIME = Date.UTC(2020, 0, 1);

export class RowError extends Error {}

/** A token count: a finite whole number ≥ 0 within `max`; absent (undefined/null) is 0. */
export function tokenCount(value: unknown, what: string, max = MAX_TOKENS_PER_REQUEST): number {
  if (value === undefined || value === null) return 0;
  const n =
    typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new RowError(`${what} is not a number (${JSON.stringify(value)?.slice(0, 40)})`);
  }
  if (n < 0) throw new RowError(`${what} is negative (${n})`);
  if (!Number.isInteger(n)) throw new RowError(`${what} is not a whole number (${n})`);
  if (n > max) throw new RowError(`${what} is absurd (${n} tokens)`);
  return n;
}

/** A USD amount as integer micro-USD, parsed from its decimal text (never via float sums). */
export function usdToMicros(value: unknown, what: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'number' ? numberText(value) : String(value).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RowError(`${what} is not an amount (${JSON.stringify(value)?.slice(0, 40)})`);
  if (m[1]) throw new RowError(`${what} is negative (${text})`);
  const whole = Number(m[2]);
  if (whole > MAX_USD_PER_ROW) throw new RowError(`${what} is absurd ($${text})`);
  const frac = (m[3] ?? '').padEnd(7, '0');
  // Round half up at the 7th decimal: micro-USD is the unit the history sums.
  const micros = whole * 1_000_000 + Number(frac.slice(0, 6)) + (Number(frac[6]) >= 5 ? 1 : 0);
  return micros;
}

/** A number's plain decimal text (no exponent), so 1e-7 reads as 0.0000001. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * An instant from an ISO string, epoch seconds or epoch milliseconds. A date-time without a
 * zone is read as UTC and reported through `noZone`. Refuses dates out of range.
 */
export function instant(
  value: unknown,
  what: string,
  noZone?: () => void,
  now = Date.now(),
): number {
  let ms: number;
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = value < 1e11 ? value * 1000 : value;
  } else if (typeof value === 'string' && value.trim()) {
    let text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return instant(Number(text), what, noZone, now);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += 'T12:00:00Z';
    else if (/^\d{4}-\d{2}$/.test(text)) text += '-15T12:00:00Z';
    else {
      text = text.replace(' ', 'T');
      if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
        noZone?.();
        text += 'Z';
      }
    }
    ms = Date.parse(text);
  } else {
    throw new RowError(`${what} is missing`);
  }
  if (!Number.isFinite(ms)) throw new RowError(`${what} is not a date (${JSON.stringify(value)})`);
  if (ms < MIN_TIME || ms > now + 86_400_000) {
    throw new RowError(`${what} is out of range (${JSON.stringify(value)})`);
  }
  return Math.round(ms);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const str = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null;
