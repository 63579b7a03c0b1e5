/**
 * "This week on another model": what the same usage would have cost on a model the user picks.
 *
 * The prompt text is not stored (unless the user opted in), so the usage cannot be re-tokenized.
 * Instead each count is converted with the token engine's own figures (utils/core/tokenize,
 * one source of truth with the live counts and the compare view): the tokenizer of each model is
 * the engine's (`tokenizerForModel`, `familyById`), and each family's tokens relative to o200k
 * for the same text are
 * - for the engine's estimate families (Claude, GLM, Grok…): their factors, the very numbers
 *   the engine multiplies o200k counts by;
 * - for the shipped vocabularies: their counts on the engine's reference texts
 *   (tests/fixtures/tokenize/reference-counts.json, made with the upstream tokenizers): English
 *   prose, and the Han characters of the Chinese sample; a unit test recomputes them from there.
 * target tokens = stored tokens × ratio(target) / ratio(stored). The ratio depends on the
 * language, so the user picks a text profile (Latin script or Chinese); the result is an
 * estimate and is shown as one ("≈"), with the factors used.
 */
import { costPricer, type CostPricer, type PriceOverrides, type RateCard } from '../ratecard';
import { familyById, tokenizerForModel, type TokenizerFamily } from '../tokenize/families';
import type { Usage } from '../types';
import type { Tokens } from './rollup';

export type TextProfile = 'latin' | 'cjk';

/**
 * Tokens relative to o200k_base on the engine's reference texts, by vocabulary: `english` and
 * `run-han-prose` of tests/fixtures/tokenize/reference-counts.json, rounded to 2 decimals.
 */
export const VOCAB_RATIOS: Readonly<Record<string, Record<TextProfile, number>>> = {
  o200k_base: { latin: 1, cjk: 1 },
  cl100k_base: { latin: 1.04, cjk: 1.36 },
  'deepseek-v3': { latin: 1.04, cjk: 0.74 },
  qwen3: { latin: 1.08, cjk: 0.86 },
  llama3: { latin: 1.03, cjk: 1.06 },
  gemma3: { latin: 1.14, cjk: 0.81 },
  'kimi-k2': { latin: 1.04, cjk: 0.73 },
  tekken: { latin: 1.1, cjk: 1.37 },
};

/** Tokens of `family` relative to o200k for the same text, or null when the engine has none. */
export function familyRatio(family: TokenizerFamily, profile: TextProfile): number | null {
  if (family.factors) return profile === 'cjk' ? family.factors.cjk : family.factors.other;
  return VOCAB_RATIOS[family.vocab]?.[profile] ?? null;
}

/**
 * The tokenizer family stored counts were made with: the stored family id when the engine knows
 * it (`o200k_base`, `estimate:claude`), else the one the engine picks for the stored model;
 * null when neither is known (counts from a site, an old version…).
 */
export function storedFamilyOf(family: string, model: string | null): TokenizerFamily | null {
  const byId = familyById(family);
  if (byId) return byId;
  if (!model) return null;
  const choice = tokenizerForModel(model);
  return choice.rule ? choice.family : null;
}

/** Factor turning `from`-family tokens into `to`-family tokens for the same text (1 if unknown). */
export function tokenFactor(
  from: TokenizerFamily | null,
  to: TokenizerFamily | null,
  profile: TextProfile,
): number {
  const a = from ? familyRatio(from, profile) : null;
  const b = to ? familyRatio(to, profile) : null;
  if (a === null || b === null || a <= 0) return 1;
  return b / a;
}

/** One stored event's usage as the repricing needs it. */
export interface RepriceSource {
  model: string | null;
  family: string;
  tokens: Tokens;
  /**
   * Cached input by class, when known (imported agent and API usage: `tokens.input` is then the
   * uncached input). Each class is priced at the target model's own rate for it.
   */
  cache?: CacheTokens;
  costMicroUsd: number | null;
  /** Epoch ms of the turn: it is re-priced at the price in force then. */
  time?: number;
}

export interface CacheTokens {
  read: number;
  write: number;
}

/** The cost of a usage on a model at a moment (epoch ms; undefined: now), or null (unpriced). */
export type PriceFn = (model: string, usage: Usage, at?: number) => number | null;

/**
 * The card's cost of a usage in micro-USD at the event's moment (`now` when it has none): what
 * `priceUsage` gives, through one `costPricer` per model asked (resolved once, not per event).
 * Null when the card cannot price the model, or prices it in another currency.
 */
export function cardPriceFn(
  card: RateCard,
  options: { overrides?: PriceOverrides; now: number },
): PriceFn {
  const pricers = new Map<string, CostPricer | null>();
  return (model, usage, at) => {
    let pricer = pricers.get(model);
    if (pricer === undefined) pricers.set(model, (pricer = costPricer(card, model, options)));
    return pricer && pricer.currency === 'USD' ? pricer.cost(usage, at ?? options.now) : null;
  };
}

/** One conversion used: stored family → target family, its factor, and how many turns. */
export interface FactorUse {
  from: string;
  to: string;
  factor: number;
  events: number;
}

export interface RepriceResult {
  targetModel: string;
  /** The engine's tokenizer family for the target model (its id, e.g. `deepseek-v3`). */
  targetFamily: string | null;
  /** Sum of the target-model costs, or null when the card cannot price the target model. */
  costMicroUsd: number | null;
  /** What the same events cost as stored (priced ones only). */
  actualMicroUsd: number;
  /** Events whose stored cost was unknown (so `actual` is a lower bound). */
  actualUnpriced: number;
  events: number;
  /** Token totals before and after scaling. */
  tokens: Tokens;
  scaledTokens: Tokens;
  /** Cache reads and writes before and after scaling (zero for chat turns). */
  cache: CacheTokens;
  scaledCache: CacheTokens;
  /** Stored families for which no ratio was known (scaled ×1). */
  unknownFamilies: string[];
  /** The factors applied, most turns first (shown under the figure). */
  factors: FactorUse[];
}

/** How one stored family and model convert: the factor, and the use its events count in. */
interface Conversion {
  factor: number;
  use: FactorUse;
}

/**
 * The conversion of each (stored family, model) pair, worked out at its first event: a week
 * holds thousands of events but a handful of pairs, and finding a model's tokenizer walks the
 * engine's rules. Fills `uses` and `unknown` in the order the pairs first appear.
 */
function conversions(
  target: TokenizerFamily | null,
  profile: TextProfile,
  uses: Map<string, FactorUse>,
  unknown: Set<string>,
): (family: string, model: string | null) => Conversion {
  const known = new Map<string, Map<string | null, Conversion>>();
  return (family, model) => {
    let byModel = known.get(family);
    if (!byModel) known.set(family, (byModel = new Map()));
    let conversion = byModel.get(model);
    if (!conversion) {
      const from = storedFamilyOf(family, model);
      if (!from) unknown.add(family);
      const factor = tokenFactor(from, target, profile);
      const key = `${from?.id ?? family}→${target?.id ?? 'unknown'}`;
      let use = uses.get(key);
      if (!use) {
        use = { from: from?.id ?? family, to: target?.id ?? 'unknown', factor, events: 0 };
        uses.set(key, use);
      }
      conversion = { factor, use };
      byModel.set(model, conversion);
    }
    return conversion;
  };
}

/**
 * Re-price each event on `targetModel` (per event, so long-context tiers see each request's own
 * prompt size). `price` returns integer micro-USD or null for a model the card does not know.
 */
export function repriceEvents(
  events: Iterable<RepriceSource>,
  targetModel: string,
  profile: TextProfile,
  price: PriceFn,
): RepriceResult {
  const target = tokenizerForModel(targetModel);
  // An unknown target is counted by the engine's labelled default (o200k): say so.
  const targetFamily = target.rule ? target.family : null;
  const tokens: Tokens = { input: 0, output: 0, reasoning: 0 };
  const uses = new Map<string, FactorUse>();
  const scaledTokens: Tokens = { input: 0, output: 0, reasoning: 0 };
  const cache: CacheTokens = { read: 0, write: 0 };
  const scaledCache: CacheTokens = { read: 0, write: 0 };
  const unknown = new Set<string>();
  let cost: number | null = 0;
  let actual = 0;
  let actualUnpriced = 0;
  let count = 0;
  const conversion = conversions(targetFamily, profile, uses, unknown);
  for (const e of events) {
    count++;
    const { factor: f, use } = conversion(e.family, e.model);
    use.events++;
    const scaled: Tokens = {
      input: Math.round(e.tokens.input * f),
      output: Math.round(e.tokens.output * f),
      reasoning: Math.round(e.tokens.reasoning * f),
    };
    tokens.input += e.tokens.input;
    tokens.output += e.tokens.output;
    tokens.reasoning += e.tokens.reasoning;
    scaledTokens.input += scaled.input;
    scaledTokens.output += scaled.output;
    scaledTokens.reasoning += scaled.reasoning;
    const read = Math.round((e.cache?.read ?? 0) * f);
    const write = Math.round((e.cache?.write ?? 0) * f);
    cache.read += e.cache?.read ?? 0;
    cache.write += e.cache?.write ?? 0;
    scaledCache.read += read;
    scaledCache.write += write;
    if (e.costMicroUsd === null) actualUnpriced++;
    else actual += e.costMicroUsd;
    if (cost !== null) {
      const c = price(
        targetModel,
        {
          input: scaled.input,
          output: scaled.output,
          reasoning: scaled.reasoning || undefined,
          cacheRead: read || undefined,
          cacheWrite: write || undefined,
        },
        e.time,
      );
      cost = c === null ? null : cost + c;
    }
  }
  return {
    targetModel,
    targetFamily: targetFamily?.id ?? null,
    costMicroUsd: cost,
    actualMicroUsd: actual,
    actualUnpriced,
    events: count,
    tokens,
    scaledTokens,
    cache,
    scaledCache,
    unknownFamilies: [...unknown],
    factors: [...uses.values()].sort((a, b) => b.events - a.events),
  };
}
