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
 * - Time: the price in force at the event's moment (`at`, default now) is used: the offer's price
 *   period (its history), then a time-of-day rule active at that minute (peak hours), and in
 *   another currency the lab's own list price in force then, else the USD price converted.
 *   `rule` and `rules` in the result say which of these applied.
 * - Exactness: prices are parsed to integers of 1e-9 currency per 1M tokens (decimal.ts), each
 *   class is computed exactly in BigInt and rounded half up to a whole micro-unit once; the
 *   total is the sum of the rounded classes, so the breakdown always adds up to the total.
 */
import { NANO, divRound, toScaledBigInt } from './decimal';
import { resolveModel, type Resolution } from './resolve';
import type { Offer, OfferKind, PriceSet, RateCard, RateCardModel } from './schema';
import {
  applyTimeRule,
  listPriceAt,
  dayOf,
  dateIn,
  periodAt,
  periodIndexAt,
  tierSourceOf,
  timeRuleAt,
  timeRuleIndexAt,
  nextTimeRuleChange,
  toEpochMs,
  type Moment,
  type TimeRuleUsed,
} from './timeline';
import { convertMicros, rateFor, type ExchangeRate } from './currency';
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
  /** The event's moment (ISO, epoch ms or Date); default: now. Picks the price then in force. */
  at?: Moment;
  /** Also price in this currency (`local` in the result): the lab's list price, else converted. */
  currency?: string;
  /** Exchange rates by currency (synced or the user's); the bundled ones fill the gaps. */
  rates?: Record<string, ExchangeRate>;
}

/** Which rules made the price: the answer to "why this figure". */
export interface AppliedRule {
  /** How the id was resolved (resolve.ts RESOLUTION_RULES), e.g. "exact", "dated-snapshot". */
  resolvedBy: string;
  /** The `:variant` suffix of the id as asked ("free", "thinking"), or null. */
  variant: string | null;
  /**
   * The price period used: from/until (ISO, null when open), who stated it and the date of that
   * source's data (null when the card does not say).
   */
  period: {
    from: string | null;
    until: string | null;
    source: string;
    historical: boolean;
    date?: string | null;
  };
  /** The long-context tier applied (prompt tokens > above), or null, and where it came from. */
  tier: { above: number; source: string; date?: string | null } | null;
  /** The time-of-day rule active at `at`, or null. */
  timeRule: TimeRuleUsed | null;
}

/** The cost in the currency the user asked for. */
export interface LocalCost {
  currency: string;
  costMicros: number;
  breakdown: PriceBreakdown;
  /** 'list price': the lab's own price in that currency; 'converted': the USD cost at `rate`. */
  basis: 'list price' | 'converted';
  /** The rate used (converted), with its date; null for a list price. */
  rate: ExchangeRate | null;
  /** The list price's source and date (list price), or the rate's. */
  source: string;
  /** The list price's source date (list price only). */
  sourceDate?: string;
}

/** Who stated the price one class of a breakdown was billed at, and that source's date. */
export interface FieldSource {
  source: string;
  date: string | null;
  /** The class's own price is not stated: it is billed at this class's price. */
  billedAs?: 'input' | 'output';
  /** The time-of-day rule that changed the price (its source), when one applied. */
  timeRule?: string;
  /** That rule's source date. */
  timeRuleDate?: string;
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
  /** The moment priced (ISO). */
  at: string;
  rule: AppliedRule;
  /** The rules in words, one line each, e.g. "peak hours 01:00-04:00 UTC ×2 (DeepSeek …)". */
  rules: string[];
  /**
   * When a time-of-day rule may next change this price (a peak window opening or closing, ISO),
   * or absent when the offer has none: a figure cached now is stale from then on.
   */
  changesAt?: string;
  /** Per class of `breakdown`, the source of the price it was billed at (the card's fields). */
  sources?: Record<PriceClass, FieldSource>;
  /** Present when `options.currency` was asked and differs from `currency`. */
  local?: LocalCost;
  /** Why `local` is missing although a currency was asked (no rate for it). */
  localError?: string;
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

/** What prices a model besides the usage and the moment: the user's price, or one offer. */
type Basis =
  | { kind: 'override'; model: RateCardModel; resolution: Resolution; override: PriceOverride }
  | {
      /** `free`: OpenRouter's `:free` variant of the offer, priced 0. */
      kind: 'offer' | 'free';
      model: RateCardModel;
      resolution: Resolution;
      offerKind: OfferKind;
      offer: Offer;
    };

/** The basis `priceUsage` prices a model id on, or why there is none (unpriced). */
function basisOf(card: RateCard, modelId: string, options: PriceOptions): Basis | Unpriced {
  const resolution = resolveModel(card, modelId);
  if (!resolution) return { priced: false, model: modelId, reason: 'unknown model' };
  const { model } = resolution;
  const override = options.overrides?.[model.id];
  if (override) return { kind: 'override', model, resolution, override };

  // A `:free` id only exists on OpenRouter: it is that offer's free variant, whatever was asked.
  const freeVariant = resolution.variant === 'free' && !!model.offers.openrouter;
  const wanted: OfferKind = freeVariant ? 'openrouter' : (options.offer ?? 'default');
  const offerKind: OfferKind = model.offers[wanted]
    ? wanted
    : wanted === 'default'
      ? 'openrouter'
      : 'default';
  const offer = model.offers[offerKind];
  if (!offer) return { priced: false, model: modelId, reason: 'no offer' };
  return { kind: freeVariant ? 'free' : 'offer', model, resolution, offerKind, offer };
}

/**
 * Price a usage for a model id (any alias) at a moment. Unknown model → `{priced: false}`, never a
 * zero cost. A `:free` id priced on the OpenRouter offer costs 0 (OpenRouter's free variant).
 */
export function priceUsage(
  card: RateCard,
  modelId: string,
  usage: Usage,
  options: PriceOptions = {},
): PriceResult {
  const basis = basisOf(card, modelId, options);
  if ('priced' in basis) return basis;
  const { model, resolution } = basis;
  const ms = toEpochMs(options.at ?? Date.now());
  const at = new Date(ms).toISOString();
  if (basis.kind === 'override')
    return priceOverride(model, basis.override, resolution, usage, ms, options);
  const { offerKind: kind, offer } = basis;
  if (basis.kind === 'free') return priceFreeVariant(model, kind, offer, resolution, usage, at);

  const period = periodAt(offer, ms);
  const time = timeRuleAt(offer.timeRules, ms);
  const effective = applyTimeRule(period.prices, period.tiers, time?.rule ?? null);
  const r = priceOffer(effective, usage);
  const rule: AppliedRule = {
    resolvedBy: resolution.rule,
    variant: resolution.variant,
    period: {
      from: period.from,
      until: period.until,
      source: period.source,
      historical: period.historical,
      date: period.date,
    },
    tier:
      r.tierAbove === null
        ? null
        : !period.historical && offer.tierSource
          ? { above: r.tierAbove, ...tierSourceOf(offer) }
          : { above: r.tierAbove, source: period.source, date: period.date },
    timeRule: time?.used ?? null,
  };
  const tier = period.tiers.find((t) => t.above === r.tierAbove);
  return withLocal(
    {
      priced: true,
      model: model.id,
      name: model.name,
      offer: kind,
      override: false,
      source: offer.source,
      currency: offer.currency,
      ...r,
      free: offer.free && !period.historical,
      fetchedAt: offer.fetchedAt,
      at,
      rule,
      rules: describeRule(rule, resolution),
      sources: fieldSources(period.prices, tier?.prices ?? null, rule),
      ...changesAtOf(offer, ms),
    },
    offer,
    usage,
    ms,
    options,
  );
}

/** The cost of usages of one model, each at its own moment, in micro-units of `currency`. */
export interface CostPricer {
  /** Canonical id of the model priced. */
  model: string;
  currency: string;
  /** `priceUsage(…).costMicros` for this usage at `at` (epoch ms), and nothing else. */
  cost(usage: Usage, at: number): number;
}

/**
 * `priceUsage`'s cost for many usages of one model (a week of history re-priced), or null when it
 * would answer unpriced. The model is resolved once, and each price in force (a price period and
 * time-of-day rule pair) is worked out once: every moment it covers has the same prices. What
 * priceUsage adds to the cost (rules in words, sources, ISO dates, another currency) is skipped;
 * it costs many times the arithmetic, and a sum over thousands of events shows none of it.
 */
export function costPricer(
  card: RateCard,
  modelId: string,
  options: Pick<PriceOptions, 'offer' | 'overrides'> = {},
): CostPricer | null {
  const basis = basisOf(card, modelId, options);
  if ('priced' in basis) return null;
  const model = basis.model.id;
  if (basis.kind === 'override') {
    const { prices, tiers = [] } = basis.override;
    return {
      model,
      currency: 'USD',
      cost: (usage) => priceOffer({ prices, tiers }, usage).costMicros,
    };
  }
  const { offer } = basis;
  if (basis.kind === 'free') {
    const zero = { prices: { input: 0, output: 0 }, tiers: [] };
    return { model, currency: offer.currency, cost: (usage) => priceOffer(zero, usage).costMicros };
  }
  const rules = offer.timeRules ?? [];
  const inForce = new Map<number, Pick<Offer, 'prices' | 'tiers'>>();
  return {
    model,
    currency: offer.currency,
    cost(usage, at) {
      const ms = toEpochMs(at);
      const period = periodIndexAt(offer, ms);
      const rule = rules.length ? timeRuleIndexAt(rules, ms) : -1;
      const key = (period + 1) * (rules.length + 1) + rule + 1;
      let prices = inForce.get(key);
      if (!prices) {
        const p = period < 0 ? offer : offer.history![period];
        prices = applyTimeRule(p.prices, p.tiers, rule < 0 ? null : rules[rule]);
        inForce.set(key, prices);
      }
      return priceOffer(prices, usage).costMicros;
    },
  };
}

const CLASS_FIELD = {
  input: ['input', null],
  cacheRead: ['cacheRead', 'input'],
  cacheWrite: ['cacheWrite', 'input'],
  output: ['output', null],
  reasoning: ['reasoning', 'output'],
  request: ['request', null],
} as const;

/**
 * Per price class: the tier's source where the applied tier states that class's price, else the
 * period's; a class the source does not price says what it is billed as.
 */
function fieldSources(
  prices: PriceSet,
  tierPrices: Partial<PriceSet> | null,
  rule: AppliedRule,
): Record<PriceClass, FieldSource> {
  const out = {} as Record<PriceClass, FieldSource>;
  for (const [cls, [field, fallback]] of Object.entries(CLASS_FIELD) as [
    PriceClass,
    (typeof CLASS_FIELD)[PriceClass],
  ][]) {
    const stated = (p: Partial<PriceSet> | null) => p?.[field] !== undefined;
    const byFallback = !stated(tierPrices) && !stated(prices) && fallback !== null;
    const priceField = byFallback ? fallback : field;
    const fromTier = rule.tier !== null && tierPrices?.[priceField] !== undefined;
    const from = fromTier ? rule.tier! : rule.period;
    out[cls] = { source: from.source, date: from.date ?? null };
    if (byFallback) out[cls].billedAs = fallback;
    if (rule.timeRule) {
      out[cls].timeRule = rule.timeRule.source;
      if (rule.timeRule.sourceDate) out[cls].timeRuleDate = rule.timeRule.sourceDate;
    }
  }
  return out;
}

function changesAtOf(offer: Offer, ms: number): { changesAt?: string } {
  const next = nextTimeRuleChange(offer.timeRules, ms);
  return next === null ? {} : { changesAt: new Date(next).toISOString() };
}

function priceOverride(
  model: RateCardModel,
  override: PriceOverride,
  resolution: Resolution,
  usage: Usage,
  ms: number,
  options: PriceOptions,
): Priced {
  const r = priceOffer({ prices: override.prices, tiers: override.tiers ?? [] }, usage);
  const rule: AppliedRule = {
    resolvedBy: resolution.rule,
    variant: resolution.variant,
    period: {
      from: override.setAt ?? null,
      until: null,
      source: 'your price',
      historical: false,
      date: override.setAt ? dayOf(override.setAt) : null,
    },
    tier:
      r.tierAbove === null
        ? null
        : {
            above: r.tierAbove,
            source: 'your price',
            date: override.setAt ? dayOf(override.setAt) : null,
          },
    timeRule: null,
  };
  const tier = (override.tiers ?? []).find((t) => t.above === r.tierAbove);
  const result: Priced = {
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
    at: new Date(ms).toISOString(),
    rule,
    rules: describeRule(rule, resolution),
    sources: fieldSources(override.prices, tier?.prices ?? null, rule),
  };
  return withLocal(result, null, usage, ms, options);
}

/** OpenRouter's `:free` twin: priced 0 and labelled free. */
function priceFreeVariant(
  model: RateCardModel,
  kind: OfferKind,
  offer: Offer,
  resolution: Resolution,
  usage: Usage,
  at: string,
): Priced {
  const zero = priceOffer({ prices: { input: 0, output: 0 }, tiers: [] }, usage);
  const rule: AppliedRule = {
    resolvedBy: resolution.rule,
    variant: 'free',
    period: {
      from: null,
      until: null,
      source: `${offer.source} ${offer.fetchedAt}`,
      historical: false,
      date: dayOf(offer.fetchedAt),
    },
    tier: null,
    timeRule: null,
  };
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
    at,
    rule,
    rules: describeRule(rule, resolution),
    sources: fieldSources({ input: 0, output: 0 }, null, rule),
  };
}

/** Add the cost in the asked currency: the lab's list price in force, else the converted cost. */
function withLocal(
  result: Priced,
  offer: Offer | null,
  usage: Usage,
  ms: number,
  options: PriceOptions,
): Priced {
  const currency = options.currency;
  if (!currency || currency === result.currency) return result;
  const list = offer ? listPriceAt(offer, currency, ms) : null;
  const timeRule = offer ? (timeRuleAt(offer.timeRules, ms)?.rule ?? null) : null;
  // A list price takes a multiplier rule (double at peak) but not a rule stated in USD prices.
  if (list && (!timeRule || timeRule.multiplier !== undefined)) {
    const effective = applyTimeRule(list.prices, list.tiers, timeRule);
    const r = priceOffer(effective, usage);
    result.local = {
      currency,
      costMicros: r.costMicros,
      breakdown: r.breakdown,
      basis: 'list price',
      rate: null,
      source: list.source,
      ...(list.sourceDate || dateIn(list.source)
        ? { sourceDate: list.sourceDate ?? dateIn(list.source)! }
        : {}),
    };
    result.rules.push(`${currency} list price since ${list.since.slice(0, 10)} (${list.source})`);
    return result;
  }
  const rate = result.currency === 'USD' ? rateFor(currency, options.rates) : null;
  if (!rate) {
    result.localError = `no exchange rate for ${currency}`;
    return result;
  }
  const breakdown = Object.fromEntries(
    Object.entries(result.breakdown).map(([k, v]) => [k, convertMicros(v, rate)]),
  ) as PriceBreakdown;
  result.local = {
    currency,
    // The sum of the converted classes, so the breakdown adds up to the total here too.
    costMicros: Object.values(breakdown).reduce((a, b) => a + b, 0),
    breakdown,
    basis: 'converted',
    rate,
    source: `${rate.perUsd} ${currency}/USD on ${rate.date} (${rate.source})`,
  };
  result.rules.push(`converted at ${rate.perUsd} ${currency}/USD of ${rate.date} (${rate.source})`);
  return result;
}

const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function dayRange(days: number[]): string {
  const sorted = [...days].sort();
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (contiguous && sorted.length > 2)
    return `${DAY_NAMES[sorted[0]]}-${DAY_NAMES[sorted.at(-1)!]}`;
  return sorted.map((d) => DAY_NAMES[d]).join(',');
}

/** The applied rules in words (for the CLI, the overlay's breakdown and the history). */
function describeRule(rule: AppliedRule, resolution: Resolution): string[] {
  const lines: string[] = [];
  if (resolution.rule !== 'exact') lines.push(`id resolved by rule "${resolution.rule}"`);
  if (rule.variant === 'free') lines.push('free variant (:free), priced 0');
  const { period } = rule;
  const span =
    period.from && period.until
      ? `from ${period.from.slice(0, 10)} until ${period.until.slice(0, 10)}`
      : period.until
        ? `until ${period.until.slice(0, 10)}`
        : period.from
          ? `since ${period.from.slice(0, 10)}`
          : 'current';
  lines.push(`${period.historical ? 'earlier price' : 'price'} ${span} (${period.source})`);
  if (rule.tier)
    lines.push(
      `long-context rate: prompt > ${rule.tier.above} tokens (tiers: ${rule.tier.source})`,
    );
  const t = rule.timeRule;
  if (t) {
    const how = t.multiplier !== null ? `×${t.multiplier}` : 'own prices';
    lines.push(`${t.label}: ${dayRange(t.days)} ${t.window} ${t.zone}, ${how} (${t.source})`);
  }
  return lines;
}

/** Micro-units → currency units as a number, for display and JSON only (never summed). */
export function microsToUnits(micros: number): number {
  return micros / 1_000_000;
}
