/**
 * The re-pricing as it was first written, kept as the reference the fast path must equal (unit
 * tests) and as the bench's baseline: the stored family looked up and the factor counted per
 * event, and each event priced by the caller's `price` (priceUsage per event, in the tests and
 * the bench). Not used by the extension.
 */
import {
  storedFamilyOf,
  tokenFactor,
  type CacheTokens,
  type FactorUse,
  type PriceFn,
  type RepriceResult,
  type RepriceSource,
  type TextProfile,
} from '../reprice';
import { tokenizerForModel } from '../../tokenize/families';
import type { Tokens } from '../rollup';

function countUse(uses: Map<string, FactorUse>, from: string, to: string, factor: number): void {
  const key = `${from}→${to}`;
  const use = uses.get(key);
  if (use) use.events++;
  else uses.set(key, { from, to, factor, events: 1 });
}

/**
 * The reference re-pricing: each event on `targetModel` (per event, so long-context tiers see each request's own
 * prompt size). `price` returns integer micro-USD or null for a model the card does not know.
 */
export function repriceEventsReference(
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
  for (const e of events) {
    count++;
    const from = storedFamilyOf(e.family, e.model);
    if (!from) unknown.add(e.family);
    const f = tokenFactor(from, targetFamily, profile);
    countUse(uses, from?.id ?? e.family, targetFamily?.id ?? 'unknown', f);
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
