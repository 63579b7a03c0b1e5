/**
 * "Look up a model" (options page): find models on the card by id, alias or name and say, for
 * each priced field of each offer, its value, the source that stated it and that source's date;
 * with the offer's tiers (and where they were taken from), earlier prices, time-of-day rules and
 * list prices in other currencies, plus whether the user's own price or the live sync changed it.
 *
 * Pure: the background passes the card in use, the bundled snapshot and the overrides.
 */
import type { PriceOverride, PriceOverrides } from './price';
import type { ListPrice, Offer, PriceSet, RateCard, RateCardModel, TimeRule } from './schema';
import type { OfferKind } from '../types';
import { dateIn, dayOf } from './timeline';

export const PRICE_FIELDS = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'reasoning',
  'request',
] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

/**
 * One priced field. `value` null: the source states none and it is billed as `billedAs` (cache
 * classes as input, reasoning as output). `since`: when the price took effect, where stated;
 * `date`: the date of the source's data (the day it was read or published).
 */
export interface FieldLine {
  field: PriceField;
  value: number | null;
  billedAs: 'input' | 'output' | null;
  source: string;
  date: string | null;
  since: string | null;
}

export interface TierLine {
  above: number;
  fields: FieldLine[];
  /** Where the tier came from; `taken` when from another offer or source of the same model. */
  source: string;
  date: string | null;
  taken: boolean;
}

export interface PeriodLine {
  from: string | null;
  until: string;
  prices: PriceSet;
  tiers: number;
  source: string;
  date: string | null;
}

export interface SyncChange {
  /** 'new': the model or offer is not in the bundled snapshot; 'prices': its prices differ. */
  kind: 'new' | 'prices';
  bundled: PriceSet | null;
  bundledDate: string | null;
}

export interface OfferLine {
  kind: OfferKind;
  source: string;
  sourceId: string;
  currency: string;
  fetchedAt: string;
  free: boolean;
  fields: FieldLine[];
  tiers: TierLine[];
  history: PeriodLine[];
  timeRules: TimeRule[];
  listPrices: ListPrice[];
  /** OpenRouter's `:free` twin of this offer is priced 0 (ids ending in `:free`). */
  freeVariant: boolean;
  /** Set when the card in use is a synced one and it differs from the bundled snapshot here. */
  sync: SyncChange | null;
}

export interface ModelLine {
  id: string;
  name: string;
  provider: string;
  aliases: string[];
  offers: OfferLine[];
  /** The user's own price for this model: it replaces every offer's price when set. */
  override: PriceOverride | null;
}

export interface LookupResult {
  query: string;
  /** Models that matched; at most `limit` of them are in `models`, best match first. */
  total: number;
  models: ModelLine[];
}

export const LOOKUP_LIMIT = 20;

export { dateIn };
const day = dayOf;

function fieldLines(
  prices: Partial<PriceSet>,
  source: string,
  date: string | null,
  since: string | null,
  withFallback: boolean,
): FieldLine[] {
  const lines: FieldLine[] = [];
  for (const field of PRICE_FIELDS) {
    const value = prices[field];
    if (value !== undefined) {
      lines.push({ field, value, billedAs: null, source, date, since });
    } else if (withFallback && field !== 'request' && field !== 'cacheWrite1h') {
      const billedAs =
        field === 'reasoning' ? 'output' : field === 'input' || field === 'output' ? null : 'input';
      if (billedAs) lines.push({ field, value: null, billedAs, source, date, since });
    }
  }
  return lines;
}

function samePrices(a: PriceSet, b: PriceSet): boolean {
  return PRICE_FIELDS.every((f) => a[f] === b[f]);
}

function offerLine(
  kind: OfferKind,
  offer: Offer,
  bundledOffer: Offer | undefined,
  compare: boolean,
  hasFreeVariant: boolean,
): OfferLine {
  const read = day(offer.fetchedAt);
  const baseSource = `${offer.source} ${read}`;
  const priceSource = offer.priceSource ?? baseSource;
  // The dates are fields of the card; a card written before they were is read from the text.
  const priceDate = offer.priceSource
    ? (offer.priceSourceDate ?? dateIn(offer.priceSource) ?? read)
    : read;
  const since = offer.since ?? null;
  const tierSource = offer.tierSource ?? baseSource;
  const tierDate = offer.tierSource
    ? (offer.tierSourceDate ?? dateIn(offer.tierSource) ?? read)
    : read;
  const history = offer.history ?? [];
  let sync: SyncChange | null = null;
  if (compare) {
    if (!bundledOffer) sync = { kind: 'new', bundled: null, bundledDate: null };
    else if (!samePrices(bundledOffer.prices, offer.prices)) {
      sync = {
        kind: 'prices',
        bundled: bundledOffer.prices,
        bundledDate: day(bundledOffer.fetchedAt),
      };
    }
  }
  return {
    kind,
    source: offer.source,
    sourceId: offer.sourceId,
    currency: offer.currency,
    fetchedAt: read,
    free: offer.free,
    fields: fieldLines(offer.prices, priceSource, priceDate, since, true),
    tiers: offer.tiers.map((tier) => ({
      above: tier.above,
      fields: fieldLines(tier.prices, tierSource, tierDate, null, false),
      source: tierSource,
      date: tierDate,
      taken: offer.tierSource !== undefined,
    })),
    history: history.map((p, i) => ({
      from: i > 0 ? history[i - 1].until : (p.from ?? null),
      until: p.until,
      prices: p.prices,
      tiers: p.tiers.length,
      source: p.source,
      date: p.sourceDate ?? dateIn(p.source),
    })),
    timeRules: offer.timeRules ?? [],
    listPrices: offer.listPrices ?? [],
    freeVariant: hasFreeVariant,
    sync,
  };
}

/** 0 exact id/alias, 1 id or name starts with it, 2 contains it, -1 no match. */
function rank(model: RateCardModel, q: string): number {
  const id = model.id.toLowerCase();
  const bare = id.slice(id.indexOf('/') + 1);
  const name = model.name.toLowerCase();
  const aliases = model.aliases.map((a) => a.toLowerCase());
  if (id === q || bare === q || aliases.includes(q)) return 0;
  if (bare.startsWith(q) || id.startsWith(q) || name.startsWith(q)) return 1;
  if (id.includes(q) || name.includes(q) || aliases.some((a) => a.includes(q))) return 2;
  return -1;
}

/**
 * Models matching `query` (case-insensitive; by id, id without vendor, alias or name), best
 * first, at most `limit`. An empty query matches nothing. `bundled`: the bundled snapshot, given
 * when the card in use is a synced one, to say where the sync changed a price.
 */
export function lookupModels(
  card: RateCard,
  query: string,
  options: { limit?: number; overrides?: PriceOverrides; bundled?: RateCard | null } = {},
): LookupResult {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/:free$/, '');
  const limit = Math.max(1, Math.min(options.limit ?? LOOKUP_LIMIT, 100));
  if (!q) return { query, total: 0, models: [] };
  const hits: { model: RateCardModel; rank: number; index: number }[] = [];
  card.models.forEach((model, index) => {
    const r = rank(model, q);
    if (r >= 0) hits.push({ model, rank: r, index });
  });
  hits.sort(
    (a, b) => a.rank - b.rank || a.model.id.length - b.model.id.length || a.index - b.index,
  );
  const bundledById = options.bundled
    ? new Map(options.bundled.models.map((m) => [m.id, m]))
    : null;
  const models = hits.slice(0, limit).map(({ model }): ModelLine => {
    const before = bundledById?.get(model.id);
    const offers: OfferLine[] = [];
    for (const kind of ['default', 'openrouter'] as const) {
      const offer = model.offers[kind];
      if (!offer) continue;
      offers.push(
        offerLine(kind, offer, before?.offers[kind], bundledById !== null, kind === 'openrouter'),
      );
    }
    return {
      id: model.id,
      name: model.name,
      provider: model.provider,
      aliases: model.aliases,
      offers,
      override: options.overrides?.[model.id] ?? null,
    };
  });
  return { query, total: hits.length, models };
}
