/**
 * Resolve any id a user or a site may use to one canonical model of a card: OpenRouter ids
 * (`anthropic/claude-sonnet-4.5`, `x-ai/grok-4`), models.dev ids, bare vendor ids (`gpt-5`,
 * `claude-sonnet-4-5-20250929`), dated suffixes, `:free` / `:thinking` variants, dots vs dashes,
 * and display names ("Claude Sonnet 4.5"). What does not resolve is null: unpriced, never $0.
 */
import { barePart, looseForms, mapVendor, normalizeKey } from './keys';
import type { OfferKind } from '../types';
import type { PriceSet, RateCard, RateCardModel } from './schema';

interface CardIndex {
  byId: Map<string, RateCardModel>;
  /** Normalized key → model, filled from most to least specific so the first writer wins. */
  byKey: Map<string, RateCardModel>;
}

const indexes = new WeakMap<RateCard, CardIndex>();

function indexCard(card: RateCard): CardIndex {
  const cached = indexes.get(card);
  if (cached) return cached;
  const byId = new Map<string, RateCardModel>();
  const byKey = new Map<string, RateCardModel>();
  const add = (key: string, model: RateCardModel) => {
    if (key && !byKey.has(key)) byKey.set(key, model);
  };
  // Lab models come first in a card, so on any tie a first-party model wins.
  for (const m of card.models) byId.set(m.id, m);
  for (const m of card.models) add(normalizeKey(m.id), m);
  for (const m of card.models) for (const a of m.aliases) add(normalizeKey(a), m);
  for (const m of card.models) add(barePart(normalizeKey(m.id)), m);
  for (const m of card.models) for (const a of m.aliases) add(barePart(normalizeKey(a)), m);
  for (const m of card.models) {
    const key = normalizeKey(m.id);
    for (const form of looseForms(key)) {
      add(form, m);
      add(barePart(form), m);
    }
  }
  for (const m of card.models) add(normalizeKey(m.name), m);
  const index = { byId, byKey };
  indexes.set(card, index);
  return index;
}

/** The canonical model for a raw id, or null when the card does not know it. */
export function findModel(card: RateCard, rawId: string): RateCardModel | null {
  if (typeof rawId !== 'string' || !rawId.trim()) return null;
  const { byId, byKey } = indexCard(card);
  const exact = byId.get(rawId);
  if (exact) return exact;
  const key = normalizeKey(rawId);
  const mapped = mapVendor(key);
  const firstTry = [key, ...(mapped ? [mapped] : []), barePart(key)];
  for (const k of firstTry) {
    const hit = byKey.get(k);
    if (hit) return hit;
  }
  for (const k of firstTry) {
    for (const form of looseForms(k)) {
      const hit = byKey.get(form);
      if (hit) return hit;
    }
  }
  return null;
}

/** The canonical id for a raw id, or null (unpriced). */
export function resolveModelId(card: RateCard, rawId: string): string | null {
  return findModel(card, rawId)?.id ?? null;
}

/** Compact model entry for menus and the compare view. */
export interface ModelSummary {
  id: string;
  name: string;
  provider: string;
  family: string;
  contextWindow: number;
  maxOutput: number;
  /** Which offers exist: the lab's list price and/or OpenRouter's. */
  offers: OfferKind[];
  /** Base prices of the offer used by default (USD per 1M tokens; `request` per request). */
  prices: PriceSet;
  currency: string;
  /** True when the card has long-context tiers for this model. */
  tiered: boolean;
  free: boolean;
}

export function listModels(card: RateCard): ModelSummary[] {
  return card.models.map((m) => {
    const offer = (m.offers.default ?? m.offers.openrouter)!;
    return {
      id: m.id,
      name: m.name,
      provider: m.provider,
      family: m.family,
      contextWindow: m.contextWindow,
      maxOutput: m.maxOutput,
      offers: (['default', 'openrouter'] as const).filter((k) => m.offers[k]),
      prices: offer.prices,
      currency: offer.currency,
      tiered: offer.tiers.length > 0,
      free: offer.free,
    };
  });
}
