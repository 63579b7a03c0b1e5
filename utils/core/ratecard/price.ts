/**
 * Pure pricing: the cost of one request's usage on one offer, in integer micro-units of the
 * offer's currency (micro-USD for every current source), with a breakdown by price class.
 *
 * Rules (docs/pricing.md repeats them):
 * - `input` is uncached input. Prompt tokens = input + cacheRead + cacheWrite.
 * - Long-context tiers: the tier with the highest `above` that prompt tokens EXCEED (strictly) is
 *   applied to the whole request, every class, as Anthropic, Google and Alibaba bill: a prompt of
 *   exactly 200,000 tokens stays at the base rate, 200,001 is billed at the >200k rate. A class a
 *   tier does not state keeps its base price.
 * - Missing class prices: cacheRead and cacheWrite fall back to the input price (no caching
 *   discount is listed), reasoning to the output price. `reasoning` tokens are counted apart
 *   from `output` (output excludes reasoning).
 * - `requests` defaults to 1; the per-request fee is multiplied by it.
 * - Exactness: prices are parsed to integers of 1e-9 currency per 1M tokens (decimal.ts), each
 *   class is computed exactly in BigInt and rounded half up to a whole micro-unit once; the
 *   total is the sum of the rounded classes, so the breakdown always adds up to the total.
 */
import { NANO, divRound, toScaledBigInt } from './decimal';
import { findModel } from './resolve';
import { variantOf } from './keys';
import type { Offer, OfferKind, PriceSet, RateCard } from './schema';
import type { Usage } from '../types';

export type PriceClass = 'input' | 'cacheRead' | 'cacheWrite' | 'output' | 'reasoning' | 'request';

/** Micro-units (1e-6 of the currency) per price class. */
export type PriceBreakdown = Record<PriceClass, number>;

/**
 * A user's own price for a model (a negotiated rate), USD per 1M tokens like the card: replaces
 * every offer of that model.
 */
export interface PriceOverride {
  prices: PriceSet;
  tiers?: Offer['tiers'];
  /** When the user set it (ISO). */
  setAt?: string;
  note?: string;
}
export type PriceOverrides = Record<string, PriceOverride>;

export interface PriceOptions {
  /** 'openrouter' when the user is on openrouter.ai; falls back to the other offer if missing. */
  offer?: OfferKind;
  /** Custom prices by canonical id; they take precedence and are marked `override: true`. */
  overrides?: PriceOverrides;
}

export interface Priced {
  priced: true;
  /** Canonical id. */
  model: string;
  name: string;
  /** The offer actually used ('override' for a user price). */
  offer: OfferKind | 'override';
  override: boolean;
  source: string;
  currency: string;
  /** Total in micro-units of `currency` (integer). */
  costMicros: number;
  breakdown: PriceBreakdown;
  /** Prompt tokens that chose the tier. */
  promptTokens: number;
  /** The applied tier's threshold (prompt tokens > this), or null for the base rate. */
  tierAbove: number | null;
  free: boolean;
  fetchedAt: string;
}

export interface Unpriced {
  priced: false;
  /** The id as given. */
  model: string;
  reason: string;
}

export type PriceResult = Priced | Unpriced;

const MILLION = 1_000_000n;
const PRICE_SCALE = 10n ** BigInt(NANO);
/** micro-units = tokens × nano-per-1M / 1e6 (per 1M) / 1e3 (nano → micro). */
const TOKEN_DIVISOR = MILLION * (PRICE_SCALE / 1_000_000n);

/** Cache of parsed prices: the same few hundred numbers are priced over and over. */
const scaled = new Map<number, bigint>();
function nanoOf(price: number): bigint {
  let v = scaled.get(price);
  if (v === undefined) {
    v = toScaledBigInt(price, NANO);
    scaled.set(price, v);
  }
  return v;
}

function count(n: number | undefined, name: string): number {
  const v = n ?? 0;
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`usage.${name} must be a whole number ≥ 0, got ${n}`);
  return v;
}

/** Price a usage on one offer (no model lookup). */
export function priceOffer(
  offer: Pick<Offer, 'prices' | 'tiers'>,
  usage: Usage,
): {
  costMicros: number;
  breakdown: PriceBreakdown;
  promptTokens: number;
  tierAbove: number | null;
} {
  const tokens = {
    input: count(usage.input, 'input'),
    cacheRead: count(usage.cacheRead, 'cacheRead'),
    cacheWrite: count(usage.cacheWrite, 'cacheWrite'),
    output: count(usage.output, 'output'),
    reasoning: count(usage.reasoning, 'reasoning'),
  };
  const requests = usage.requests === undefined ? 1 : count(usage.requests, 'requests');
  const promptTokens = tokens.input + tokens.cacheRead + tokens.cacheWrite;

  let tierAbove: number | null = null;
  let prices: Partial<PriceSet> = offer.prices;
  for (const tier of offer.tiers) {
    if (promptTokens > tier.above) {
      tierAbove = tier.above;
      prices = { ...offer.prices, ...definedOnly(tier.prices) };
    }
  }
  const rate = {
    input: prices.input!,
    cacheRead: prices.cacheRead ?? prices.input!,
    cacheWrite: prices.cacheWrite ?? prices.input!,
    output: prices.output!,
    reasoning: prices.reasoning ?? prices.output!,
  };
  const breakdown: PriceBreakdown = {
    input: 0,
    cacheRead: 0,
    cacheWrite: 0,
    output: 0,
    reasoning: 0,
    request: 0,
  };
  let total = 0;
  for (const cls of ['input', 'cacheRead', 'cacheWrite', 'output', 'reasoning'] as const) {
    const micros =
      tokens[cls] === 0 ? 0n : divRound(BigInt(tokens[cls]) * nanoOf(rate[cls]), TOKEN_DIVISOR);
    breakdown[cls] = Number(micros);
    total += breakdown[cls];
  }
  if (prices.request) {
    // request fee is per request, in currency units: nano → micro is / 1000.
    breakdown.request = Number(divRound(BigInt(requests) * nanoOf(prices.request), 1000n));
    total += breakdown.request;
  }
  return { costMicros: total, breakdown, promptTokens, tierAbove };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as any)[k] = v;
  return out;
}

/**
 * Price a usage for a model id (any alias). Unknown model → `{priced: false}`, never a zero cost.
 * `:free` ids priced on the OpenRouter offer cost 0 (OpenRouter's free variant).
 */
export function priceUsage(
  card: RateCard,
  modelId: string,
  usage: Usage,
  options: PriceOptions = {},
): PriceResult {
  const model = findModel(card, modelId);
  if (!model) return { priced: false, model: modelId, reason: 'unknown model' };

  const override = options.overrides?.[model.id];
  if (override) {
    const r = priceOffer({ prices: override.prices, tiers: override.tiers ?? [] }, usage);
    return {
      priced: true,
      model: model.id,
      name: model.name,
      offer: 'override',
      override: true,
      source: 'override',
      currency: 'USD',
      ...r,
      free: r.costMicros === 0 && Object.values(override.prices).every((v) => !v),
      fetchedAt: override.setAt ?? '',
    };
  }

  // A `:free` id only exists on OpenRouter: it is that offer's free variant, whatever was asked.
  const freeVariant = variantOf(modelId) === 'free' && !!model.offers.openrouter;
  const wanted: OfferKind = freeVariant ? 'openrouter' : (options.offer ?? 'default');
  const kind: OfferKind = model.offers[wanted]
    ? wanted
    : wanted === 'default'
      ? 'openrouter'
      : 'default';
  const offer = model.offers[kind];
  if (!offer) return { priced: false, model: modelId, reason: 'no offer' };

  if (freeVariant) {
    const zero = priceOffer({ prices: { input: 0, output: 0 }, tiers: [] }, usage);
    return {
      priced: true,
      model: model.id,
      name: model.name,
      offer: kind,
      override: false,
      source: `${offer.source} (:free variant)`,
      currency: offer.currency,
      ...zero,
      free: true,
      fetchedAt: offer.fetchedAt,
    };
  }

  const r = priceOffer(offer, usage);
  return {
    priced: true,
    model: model.id,
    name: model.name,
    offer: kind,
    override: false,
    source: offer.source,
    currency: offer.currency,
    ...r,
    free: offer.free,
    fetchedAt: offer.fetchedAt,
  };
}

/** Micro-units → currency units as a number, for display and JSON only (never summed). */
export function microsToUnits(micros: number): number {
  return micros / 1_000_000;
}
