/**
 * Which price of an offer is in force at a moment: the price period (the offer's current price or
 * an earlier one from its history), then the time-of-day rule active at that minute (DeepSeek's
 * peak hours), then, for another currency, the lab's own list price in force at that moment.
 * Pure: the moment is always passed in.
 */
import { scaledToDecimalString, toScaledBigInt } from './decimal';
import {
  minutesOf,
  type ListPrice,
  type Offer,
  type PriceSet,
  type Tier,
  type TimeRule,
} from './schema';

/** A moment: an ISO string, epoch ms or a Date. Throws a RangeError for anything else. */
export type Moment = string | number | Date;

export function toEpochMs(at: Moment): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (typeof at === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(at)) {
    throw new RangeError(`not an ISO date or time: ${JSON.stringify(at)}`);
  }
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid time: ${JSON.stringify(at)}`);
  return ms;
}

export interface PricePeriodUsed {
  prices: PriceSet;
  tiers: Tier[];
  /** Start of the period (ISO), or null when no earlier change is known. */
  from: string | null;
  /** End of the period (exclusive, ISO), or null for the current price. */
  until: string | null;
  /** Who stated this price, with its date. */
  source: string;
  /** The date of that source's data (YYYY-MM-DD), or null when the card does not say. */
  date: string | null;
  /** True when an earlier price than the card's current one was used. */
  historical: boolean;
}

/**
 * Which price period of `offer` is in force at `ms`: the index of an earlier price in its
 * `history`, or -1 for the current price. The pricing of many events asks this alone: the
 * prices of one index are the same for every moment it covers.
 */
export function periodIndexAt(offer: Offer, ms: number): number {
  const history = offer.history ?? [];
  for (let i = 0; i < history.length; i++) if (ms < Date.parse(history[i].until)) return i;
  return -1;
}

/** The price period of `offer` in force at `ms`. */
export function periodAt(offer: Offer, ms: number): PricePeriodUsed {
  const history = offer.history ?? [];
  const i = periodIndexAt(offer, ms);
  if (i >= 0) {
    const p = history[i];
    return {
      prices: p.prices,
      tiers: p.tiers,
      from: i > 0 ? history[i - 1].until : (p.from ?? null),
      until: p.until,
      source: p.source,
      date: p.sourceDate ?? dateIn(p.source),
      historical: true,
    };
  }
  return {
    prices: offer.prices,
    tiers: offer.tiers,
    from: history.at(-1)?.until ?? offer.since ?? null,
    until: null,
    source: offer.priceSource ?? `${offer.source} ${offer.fetchedAt}`,
    date: offer.priceSource
      ? (offer.priceSourceDate ?? dateIn(offer.priceSource))
      : dayOf(offer.fetchedAt),
    historical: false,
  };
}

/**
 * The first YYYY-MM-DD in a source text ("genai-prices 0.1.8 2026-09-23"), else null: the date
 * of a card written before prices carried their source's date as a field.
 */
export function dateIn(text: string): string | null {
  return /\b(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1] ?? null;
}

/** The day of an ISO date or time ("2026-07-02T00:00:00Z" → "2026-07-02"). */
export function dayOf(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** Where an offer's tiers were taken from (`tierSource`, set) and that source's date. */
export function tierSourceOf(offer: Offer): { source: string; date: string | null } {
  const source = offer.tierSource ?? `${offer.source} ${offer.fetchedAt}`;
  return {
    source,
    date:
      offer.tierSourceDate ??
      (offer.tierSource ? dateIn(offer.tierSource) : null) ??
      dayOf(offer.fetchedAt),
  };
}

export interface TimeRuleUsed {
  label: string;
  /** The window that matched, e.g. "01:00-04:00". */
  window: string;
  zone: string;
  days: number[];
  multiplier: number | null;
  source: string;
  /** The date of the rule's source data (its field, or the first date in an older card's text). */
  sourceDate: string | null;
}

/** Minutes east of UTC of a rule's zone ("UTC" or "+08:00"). */
function zoneOffsetMinutes(zone: string): number {
  if (zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * minutesOf(zone.slice(1));
}

/** The window of `rule` that `ms` falls in, or undefined when the rule is not active then. */
function activeWindow(rule: TimeRule, ms: number): TimeRule['windows'][number] | undefined {
  if (ms < Date.parse(rule.since)) return undefined;
  if (rule.until && ms >= Date.parse(rule.until)) return undefined;
  const local = new Date(ms + zoneOffsetMinutes(rule.zone) * 60_000);
  const weekday = local.getUTCDay() || 7; // ISO: Monday 1 … Sunday 7
  if (!rule.days.includes(weekday)) return undefined;
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return rule.windows.find((w) => minute >= minutesOf(w.start) && minute < minutesOf(w.end));
}

/** The index in `rules` of the time rule active at `ms` (the first that is), or -1. */
export function timeRuleIndexAt(rules: TimeRule[] | undefined, ms: number): number {
  return (rules ?? []).findIndex((rule) => activeWindow(rule, ms) !== undefined);
}

/** The time rule active at `ms`, with the window that matched, or null. */
export function timeRuleAt(
  rules: TimeRule[] | undefined,
  ms: number,
): { rule: TimeRule; used: TimeRuleUsed } | null {
  for (const rule of rules ?? []) {
    const window = activeWindow(rule, ms);
    if (!window) continue;
    return {
      rule,
      used: {
        label: rule.label,
        window: `${window.start}-${window.end}`,
        zone: rule.zone,
        days: rule.days,
        multiplier: rule.multiplier ?? null,
        source: rule.source,
        sourceDate: rule.sourceDate ?? dateIn(rule.source),
      },
    };
  }
  return null;
}

/**
 * The first moment after `ms` at which these time rules may change the price (a window opening
 * or closing, a rule starting or ending), or null when there is none: a price computed at `ms`
 * holds until then (the overlay's cache keys on it).
 */
export function nextTimeRuleChange(rules: TimeRule[] | undefined, ms: number): number | null {
  const DAY = 86_400_000;
  let next = Infinity;
  for (const rule of rules ?? []) {
    const since = Date.parse(rule.since);
    const until = rule.until ? Date.parse(rule.until) : Infinity;
    if (since > ms) next = Math.min(next, since);
    if (until > ms && until !== Infinity) next = Math.min(next, until);
    if (ms >= until) continue;
    const offset = zoneOffsetMinutes(rule.zone) * 60_000;
    const firstDay = Math.floor((Math.max(ms, since) + offset) / DAY) * DAY;
    // Window edges on the rule's days, in its zone, over the next eight days.
    for (let d = 0; d <= 8; d++) {
      const dayStart = firstDay + d * DAY;
      if (!rule.days.includes(new Date(dayStart).getUTCDay() || 7)) continue;
      for (const w of rule.windows) {
        for (const edge of [w.start, w.end]) {
          const t = dayStart + minutesOf(edge) * 60_000 - offset;
          if (t > ms && t >= since && t < next) next = t;
        }
      }
    }
  }
  return next === Infinity ? null : next;
}

/** A price times a decimal factor, exactly (to 1e-12), e.g. 0.22 × 2 = 0.44. */
function times(price: number, factor: number): number {
  const product = toScaledBigInt(price, 12) * toScaledBigInt(factor, 6);
  return Number(scaledToDecimalString(product, 18));
}

function scalePrices<T extends Partial<PriceSet>>(prices: T, factor: number): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(prices)) {
    if (v !== undefined) (out as Record<string, number>)[k] = times(v as number, factor);
  }
  return out;
}

/** Apply a time rule to a price set and its tiers (a multiplier scales every class and tier). */
export function applyTimeRule(
  prices: PriceSet,
  tiers: Tier[],
  rule: TimeRule | null,
): { prices: PriceSet; tiers: Tier[] } {
  if (!rule) return { prices, tiers };
  if (rule.multiplier !== undefined) {
    return {
      prices: scalePrices(prices, rule.multiplier),
      tiers: tiers.map((t) => ({
        above: t.above,
        prices: scalePrices(t.prices, rule.multiplier!),
      })),
    };
  }
  return { prices: { ...prices, ...rule.prices }, tiers };
}

/** The lab's list price in `currency` in force at `ms`, or null. */
export function listPriceAt(offer: Offer, currency: string, ms: number): ListPrice | null {
  let found: ListPrice | null = null;
  for (const list of offer.listPrices ?? []) {
    if (list.currency === currency && Date.parse(list.since) <= ms) found = list;
  }
  return found;
}
