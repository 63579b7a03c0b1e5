/**
 * The normalized rate card: one schema for every source (models.dev, OpenRouter, user overrides),
 * validated with zod at every boundary (bundled snapshot, sync, settings), never by hand checks.
 *
 * Units: every token price is in the offer's currency per 1,000,000 tokens, as the sources state
 * them; `request` is per request. Prices stay decimal numbers here (readable, diffable) and become
 * exact integers only inside the pricing engine (see price.ts), so no float is ever accumulated.
 */
import { OFFER_KINDS, type OfferKind } from '../types';
import { z } from './zod';

/** A non-negative, finite price (zod 4 numbers already reject NaN and ±Infinity). */
const price = z.number().nonnegative();

/** Prices of one tier (or of the base rate), per 1M tokens; `request` per request. */
export const priceSetSchema = z.strictObject({
  input: price,
  output: price,
  /** Cached input read. Missing: cached reads are billed as input. */
  cacheRead: price.optional(),
  /** Cache write with the default (5 min) lifetime. Missing: billed as input. */
  cacheWrite: price.optional(),
  /** Cache write with a 1 h lifetime, where the source gives one. */
  cacheWrite1h: price.optional(),
  /** Reasoning (thinking) tokens. Missing: billed at the output price. */
  reasoning: price.optional(),
  /** A fee per request, in the currency unit (not per 1M). */
  request: price.optional(),
});
export type PriceSet = z.infer<typeof priceSetSchema>;

/**
 * A long-context tier: applies to the WHOLE request when its prompt tokens
 * (input + cacheRead + cacheWrite) are strictly greater than `above`. Classes a tier does not
 * state keep the base price.
 */
export const tierSchema = z.strictObject({
  above: z.number().int().positive(),
  prices: priceSetSchema.partial(),
});
export type Tier = z.infer<typeof tierSchema>;

/** An ISO 8601 instant with a time zone (`2026-08-16T16:00:00Z`) or a plain date (UTC midnight). */
const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/,
    'not an ISO date or time',
  )
  .refine((v) => Number.isFinite(Date.parse(v)), 'not a valid date');

/**
 * An earlier price of an offer: in force until `until` (exclusive); the previous period, or
 * for the first one whatever came before, sets where it starts. History is kept oldest first.
 */
export const pricePeriodSchema = z.strictObject({
  until: instant,
  prices: priceSetSchema,
  tiers: z.array(tierSchema),
  /** The source that stated this price, with its date, e.g. "models.dev 2026-07-02". */
  source: z.string().min(1),
  /** The date of that source's data (the day it was read or published); absent in older cards. */
  sourceDate: instant.optional(),
  /** When this price took effect, where the source states it (genai-prices' `start_date`). */
  from: instant.optional(),
});
export type PricePeriod = z.infer<typeof pricePeriodSchema>;

/** "HH:MM" on a 24 h clock; "24:00" only as a window's end. */
const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'not a HH:MM time');

/**
 * A time-of-day rule (DeepSeek's peak hours): inside one of `windows`, on one of `days`
 * (ISO weekdays, 1 = Monday … 7 = Sunday, in `zone`), from `since` (and before `until`),
 * every price is multiplied by `multiplier`, or replaced by `prices`.
 */
export const timeRuleSchema = z
  .strictObject({
    label: z.string().min(1),
    since: instant,
    until: instant.optional(),
    /** "UTC" or a fixed offset ("+08:00"): the labs that use such rules have no daylight saving. */
    zone: z.string().regex(/^(?:UTC|[+-](?:0\d|1[0-4]):[0-5]\d)$/, 'not UTC or a ±HH:MM offset'),
    days: z.array(z.number().int().min(1).max(7)).min(1),
    windows: z.array(z.strictObject({ start: clock, end: clock })).min(1),
    multiplier: z.number().positive().optional(),
    prices: priceSetSchema.partial().optional(),
    source: z.string().min(1),
    /** The date of that source's data (published or read); absent in older cards. */
    sourceDate: instant.optional(),
  })
  .superRefine((rule, ctx) => {
    if ((rule.multiplier === undefined) === (rule.prices === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a time rule needs a multiplier or prices, not both',
      });
    }
    for (const w of rule.windows) {
      if (w.start === '24:00' || minutesOf(w.end) <= minutesOf(w.start)) {
        ctx.addIssue({ code: 'custom', message: `time window ${w.start}-${w.end} is empty` });
      }
    }
    const overlap = overlappingWindows(rule.windows);
    if (overlap) ctx.addIssue({ code: 'custom', message: `time windows overlap: ${overlap}` });
  });
export type TimeRule = z.infer<typeof timeRuleSchema>;

export function minutesOf(clockText: string): number {
  return Number(clockText.slice(0, 2)) * 60 + Number(clockText.slice(3, 5));
}

/** "01:00-04:00 and 03:00-05:00" when two windows share a minute, else null. */
export function overlappingWindows(windows: { start: string; end: string }[]): string | null {
  const sorted = [...windows].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let i = 1; i < sorted.length; i++) {
    if (minutesOf(sorted[i].start) < minutesOf(sorted[i - 1].end)) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      return `${a.start}-${a.end} and ${b.start}-${b.end}`;
    }
  }
  return null;
}

/**
 * The lab's own list price in its billing currency (DeepSeek bills Chinese accounts in CNY),
 * shown as-is when the user picks that currency instead of converting the USD price.
 */
export const listPriceSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/),
  prices: priceSetSchema,
  tiers: z.array(tierSchema),
  /** When this list price took effect (ISO); earlier events are converted from USD instead. */
  since: instant,
  /** Where it is stated (the lab's page) and when it was read. */
  source: z.string().min(1),
  /** The date of that source's data (published or read); absent in older cards. */
  sourceDate: instant.optional(),
});
export type ListPrice = z.infer<typeof listPriceSchema>;

export const offerKindSchema = z.enum(OFFER_KINDS);
export type { OfferKind };

export const offerSchema = z
  .strictObject({
    /** Where the prices come from: 'models.dev', 'openrouter.ai', or 'override'. */
    source: z.string().min(1),
    /** The model's id in that source (e.g. "claude-sonnet-4-5" under provider "anthropic"). */
    sourceId: z.string().min(1),
    /** ISO 4217 code; every current source is USD. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    prices: priceSetSchema,
    /** Sorted by `above`, ascending. */
    tiers: z.array(tierSchema),
    /** True when every price is 0 (a free model, not an unknown one). */
    free: z.boolean(),
    /** ISO time the source was fetched (or its snapshot date). */
    fetchedAt: z.string().min(1),
    /** When `prices` took effect, where a source states it (else: at least since `fetchedAt`). */
    since: instant.optional(),
    /** Where `prices` came from when another source than `source` is newer (e.g. genai-prices). */
    priceSource: z.string().min(1).optional(),
    /** The date of `priceSource`'s data; absent in older cards (and when `fetchedAt` applies). */
    priceSourceDate: instant.optional(),
    /** Earlier prices, oldest first, each until the next one (or `since`) took over. */
    history: z.array(pricePeriodSchema).optional(),
    /** Set when `tiers` were taken from another offer or source of the same model (it says which). */
    tierSource: z.string().min(1).optional(),
    /** The date of `tierSource`'s data; absent in older cards. */
    tierSourceDate: instant.optional(),
    /** Time-of-day rules (peak hours), applied on top of the price in force. */
    timeRules: z.array(timeRuleSchema).optional(),
    /** The lab's list prices in other currencies (CNY), newest last. */
    listPrices: z.array(listPriceSchema).optional(),
  })
  .superRefine((offer, ctx) => {
    const problem = offerTimelineProblem(offer);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export type Offer = z.infer<typeof offerSchema>;

export const modelSchema = z.strictObject({
  /** Canonical id: models.dev `provider/model`, or OpenRouter's id for OpenRouter-only models. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._:-]*$/),
  name: z.string().min(1),
  /** Provider id (models.dev's, e.g. "anthropic"; for OpenRouter-only models the id's vendor). */
  provider: z.string().min(1),
  family: z.string(),
  contextWindow: z.number().int().nonnegative(),
  maxOutput: z.number().int().nonnegative(),
  /** Release date (YYYY-MM-DD) where the source states it: picks what a `~…-latest` id means. */
  released: z.string().optional(),
  /** Extra ids that resolve to this model (OpenRouter ids, slugs), besides the derived ones. */
  aliases: z.array(z.string()),
  offers: z
    .strictObject({ default: offerSchema.optional(), openrouter: offerSchema.optional() })
    .refine((o) => o.default || o.openrouter, 'a model needs at least one offer'),
});
export type RateCardModel = z.infer<typeof modelSchema>;

export const sourceInfoSchema = z.strictObject({
  name: z.string().min(1),
  url: z.string().min(1),
  fetchedAt: z.string().min(1),
  license: z.string(),
});
export type SourceInfo = z.infer<typeof sourceInfoSchema>;

export const rateCardSchema = z.strictObject({
  schema: z.literal(1),
  /** Content hash of `models` (see card.ts): equal cards have equal versions. */
  version: z.string().min(1),
  createdAt: z.string().min(1),
  sources: z.array(sourceInfoSchema),
  models: z.array(modelSchema).min(1),
});
export type RateCard = z.infer<typeof rateCardSchema>;

/**
 * What makes an offer's timeline unusable, or null: history that goes backwards (a period ending
 * after the next one, or after the current price took effect), or two time rules of the offer
 * that can apply at the same minute (same days, overlapping dates and windows).
 */
export function offerTimelineProblem(offer: {
  since?: string;
  history?: PricePeriod[];
  timeRules?: TimeRule[];
  listPrices?: ListPrice[];
}): string | null {
  const ends = (offer.history ?? []).map((p) => Date.parse(p.until));
  for (let i = 1; i < ends.length; i++) {
    if (!(ends[i] > ends[i - 1])) {
      return `price history goes backwards (${offer.history![i].until} after ${offer.history![i - 1].until})`;
    }
  }
  for (const p of offer.history ?? []) {
    if (p.from !== undefined && !(Date.parse(p.from) < Date.parse(p.until))) {
      return `a price period starts (${p.from}) on or after its end (${p.until})`;
    }
  }
  if (offer.since !== undefined && ends.length && ends.at(-1)! > Date.parse(offer.since)) {
    return `price history ends (${offer.history!.at(-1)!.until}) after the current price took effect (${offer.since})`;
  }
  const lists = offer.listPrices ?? [];
  for (let i = 1; i < lists.length; i++) {
    if (
      lists[i].currency === lists[i - 1].currency &&
      !(Date.parse(lists[i].since) > Date.parse(lists[i - 1].since))
    ) {
      return `${lists[i].currency} list prices go backwards (${lists[i].since} after ${lists[i - 1].since})`;
    }
  }
  const rules = offer.timeRules ?? [];
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const [a, b] = [rules[i], rules[j]];
      const datesMeet =
        Date.parse(a.since) < (b.until ? Date.parse(b.until) : Infinity) &&
        Date.parse(b.since) < (a.until ? Date.parse(a.until) : Infinity);
      const daysMeet = a.days.some((d) => b.days.includes(d));
      if (!datesMeet || !daysMeet || a.zone !== b.zone) continue;
      const overlap = overlappingWindows([...a.windows, ...b.windows]);
      if (overlap) return `time rules "${a.label}" and "${b.label}" overlap (${overlap})`;
    }
  }
  return null;
}
