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

export const offerKindSchema = z.enum(OFFER_KINDS);
export type { OfferKind };

export const offerSchema = z.strictObject({
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
