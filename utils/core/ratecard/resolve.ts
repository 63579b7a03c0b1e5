/**
 * Resolve any id a user or a site may use to one canonical model of a card, by the documented
 * rules below and nothing looser: a different model is never guessed. What does not resolve is
 * null: unpriced, never $0. `__tests__/resolution-rules.test.ts` lists each rule with ids that
 * must and must not match.
 */
import { barePart, DATE_FORMS, mapVendor, normalizeKey, oldClaudeOrder, variantOf } from './keys';
import type { OfferKind } from '../types';
import type { PriceSet, RateCard, RateCardModel } from './schema';

/**
 * The resolution rules, in the order they are tried. Each names what it accepts:
 * - `exact`: the canonical id as the card spells it (`anthropic/claude-sonnet-4-5`).
 * - `alias`: an id the sources list for that model (OpenRouter's id and slug, a dated id the lab
 *   lists at the same price), compared without case, `.`/`-`/`_`/space differences or a
 *   `:variant` suffix (`anthropic/claude-sonnet-4.5`, `claude sonnet 4.5`).
 * - `vendor`: OpenRouter's vendor prefix for a lab (`x-ai/grok-4` → `xai/grok-4`).
 * - `bare`: the id without its provider (`gpt-5` → `openai/gpt-5`); on a tie the lab's model wins.
 * - `name`: the model's display name ("Claude Sonnet 4.5").
 * - `latest-pointer`: OpenRouter's `~vendor/family-latest` ids, bound by the card builder to the
 *   family's newest model on the card's date (same prices), else priced as OpenRouter's own entry.
 * - `claude-order`: Anthropic's older word order (`claude-3-5-sonnet` → `claude-sonnet-3-5`).
 * - `dated-snapshot`: a full date suffix (`-20250929`, `-2025-08-07`) dropped, only when the card
 *   shows that model's family dates snapshots that way (a dated id of the same form listed on an
 *   undated model of the family). Four-digit tags (`-2411`, `-0709`) are never dropped: Mistral's
 *   name different models (Large 2411 at $2/$6, 2512 at $0.5/$1.5).
 * - `:free` is OpenRouter's free variant (priced 0 and labelled free); other `:variant` suffixes
 *   (`:thinking`, `:nitro`) price as the model.
 */
export const RESOLUTION_RULES = [
  'exact',
  'alias',
  'vendor',
  'bare',
  'name',
  'latest-pointer',
  'claude-order',
  'dated-snapshot',
] as const;
export type ResolutionRule = (typeof RESOLUTION_RULES)[number];

export interface Resolution {
  model: RateCardModel;
  rule: ResolutionRule;
  /** The id's `:variant` suffix, lowercase ("free"), or null. */
  variant: string | null;
}

interface CardIndex {
  byId: Map<string, RateCardModel>;
  /** Normalized id or alias (with provider) → model. */
  byKey: Map<string, RateCardModel>;
  /** Normalized id or alias without provider → model (lab models first). */
  byBare: Map<string, RateCardModel>;
  byName: Map<string, RateCardModel>;
  /** `family|form` pairs: families whose dated ids of that form are snapshots of one model. */
  datedFamilies: Set<string>;
}

const indexes = new WeakMap<RateCard, CardIndex>();

function familyOf(model: RateCardModel): string {
  return model.family || model.provider;
}

function indexCard(card: RateCard): CardIndex {
  const cached = indexes.get(card);
  if (cached) return cached;
  const byId = new Map<string, RateCardModel>();
  const byKey = new Map<string, RateCardModel>();
  const byBare = new Map<string, RateCardModel>();
  const byName = new Map<string, RateCardModel>();
  const datedFamilies = new Set<string>();
  const add = (map: Map<string, RateCardModel>, key: string, model: RateCardModel) => {
    if (key && !map.has(key)) map.set(key, model);
  };
  // Lab models come first in a card, so on any tie a first-party model wins.
  for (const m of card.models) byId.set(m.id, m);
  for (const m of card.models) add(byKey, normalizeKey(m.id), m);
  for (const m of card.models) for (const a of m.aliases) add(byKey, normalizeKey(a), m);
  for (const m of card.models) add(byBare, barePart(normalizeKey(m.id)), m);
  for (const m of card.models) for (const a of m.aliases) add(byBare, barePart(normalizeKey(a)), m);
  for (const m of card.models) add(byName, normalizeKey(m.name), m);
  for (const m of card.models) {
    const keys = new Set([m.id, ...m.aliases].map((k) => barePart(normalizeKey(k))));
    for (const key of keys) {
      for (const [form, re] of DATE_FORMS) {
        if (re.test(key) && keys.has(key.replace(re, '')))
          datedFamilies.add(`${familyOf(m)}|${form}`);
      }
    }
  }
  const index = { byId, byKey, byBare, byName, datedFamilies };
  indexes.set(card, index);
  return index;
}

/** Resolve an id by the rules above, or null when no rule accepts it (unpriced). */
export function resolveModel(card: RateCard, rawId: string): Resolution | null {
  if (typeof rawId !== 'string' || !rawId.trim()) return null;
  const index = indexCard(card);
  const variant = variantOf(rawId);
  const exact = index.byId.get(rawId);
  if (exact) return { model: exact, rule: 'exact', variant };
  const found = lookup(index, normalizeKey(rawId));
  if (found) return { ...found, variant };
  const swapped = oldClaudeOrder(normalizeKey(rawId));
  if (swapped) {
    const hit = lookup(index, swapped);
    if (hit) return { model: hit.model, rule: 'claude-order', variant };
  }
  for (const key of [normalizeKey(rawId), ...(swapped ? [swapped] : [])]) {
    for (const [form, re] of DATE_FORMS) {
      if (!re.test(key)) continue;
      const base = lookup(index, key.replace(re, ''));
      if (base && index.datedFamilies.has(`${familyOf(base.model)}|${form}`)) {
        return { model: base.model, rule: 'dated-snapshot', variant };
      }
    }
  }
  return null;
}

function lookup(
  index: CardIndex,
  key: string,
): { model: RateCardModel; rule: ResolutionRule } | null {
  const pointer = key.startsWith('~');
  const direct = index.byKey.get(key);
  if (direct) return { model: direct, rule: pointer ? 'latest-pointer' : 'alias' };
  if (pointer) return null;
  const mapped = mapVendor(key);
  const viaVendor = mapped ? index.byKey.get(mapped) : undefined;
  if (viaVendor) return { model: viaVendor, rule: 'vendor' };
  const bare = key.includes('/') ? undefined : index.byBare.get(key);
  if (bare) return { model: bare, rule: 'bare' };
  const named = index.byName.get(key);
  if (named) return { model: named, rule: 'name' };
  return null;
}

/** The canonical model for a raw id, or null when the card does not know it. */
export function findModel(card: RateCard, rawId: string): RateCardModel | null {
  return resolveModel(card, rawId)?.model ?? null;
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
