/**
 * What the card adds to the feeds' current prices, applied by the builder (and again after every
 * sync, from the bundled `amendments.json` that `npm run ratecard:build` writes):
 * - genai-prices' dated price history: the earlier prices of a lab model and the day each change
 *   took effect, and a newer price than models.dev's read where genai-prices has one;
 * - the labs' own data from `sources/lab-prices.json` (each entry names its source and date):
 *   time-of-day rules (DeepSeek's peak hours), CNY list prices, earlier prices, a lab offer
 *   where the feeds have none, and ids that bill as another model;
 * - long-context tiers reconciled across offers: a lab offer without tiers takes the tiers another
 *   source states for the same model at the same base price (genai-prices, else OpenRouter) and
 *   says so in `tierSource`; a dated genai-prices price without tiers says "none since …".
 */
import { z } from './zod';
import { matchesLogic, normalizeGenaiPrices, type GenaiModel } from './normalize-genai-prices';
import { makeOffer } from './offer';
import {
  listPriceSchema,
  priceSetSchema,
  timeRuleSchema,
  type Offer,
  type PricePeriod,
  type PriceSet,
  type RateCardModel,
  type Tier,
} from './schema';

const modelId = z.string().regex(/^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._:-]*$/);

export const labPricesSchema = z.strictObject({
  note: z.string().optional(),
  /** Ids the lab bills as another model (deepseek-chat is V4 Flash's non-thinking mode). */
  follow: z.array(
    z.strictObject({ model: modelId, as: modelId, since: z.string(), source: z.string() }),
  ),
  /** Lab offers for models the feeds price only through resellers. */
  labOffers: z.array(
    z.strictObject({
      model: modelId,
      prices: priceSetSchema,
      source: z.string(),
      fetchedAt: z.string(),
    }),
  ),
  /** Earlier USD prices the feeds do not carry, oldest first per model. */
  history: z.array(
    z.strictObject({
      model: modelId,
      until: z.string(),
      prices: priceSetSchema,
      source: z.string(),
      /** The date of that source's data (YYYY-MM-DD). */
      sourceDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  ),
  timeRules: z.array(z.strictObject({ models: z.array(modelId).min(1), rule: timeRuleSchema })),
  listPrices: z.array(z.strictObject({ models: z.array(modelId).min(1), price: listPriceSchema })),
});
export type LabPrices = z.infer<typeof labPricesSchema>;

export interface Amendments {
  /** genai-prices models with a dated change or tiers (the rest adds nothing to the card). */
  genai: GenaiModel[];
  /** e.g. "genai-prices 0.1.8 (2026-09-23)". */
  genaiSource: string;
  /** The date of genai-prices' data (its package date, or the day of a live read). */
  genaiDate?: string;
  lab: LabPrices;
}

const samePrice = (a: Partial<PriceSet>, b: Partial<PriceSet>) =>
  a.input === b.input &&
  a.output === b.output &&
  (a.cacheRead ?? a.input) === (b.cacheRead ?? b.input);

/** The genai-prices model a card model bills as: its `match` rule on the bare id, provider first. */
function genaiFor(model: RateCardModel, genai: GenaiModel[]): GenaiModel | undefined {
  const bare = model.id.slice(model.id.indexOf('/') + 1);
  return genai.find((g) => g.provider === model.provider && matchesLogic(g.match, bare));
}

/** Merge genai-prices' periods into a lab offer whose current price one of them agrees with. */
export function mergeGenai(offer: Offer, g: GenaiModel, source: string, date?: string): Offer {
  const periods = g.periods;
  let k = -1;
  for (let i = periods.length - 1; i >= 0; i--) {
    if (samePrice(periods[i].prices, offer.prices)) {
      k = i;
      break;
    }
  }
  if (k < 0) return offer; // the sources disagree on the price: keep the lab feed's, add nothing
  const last = periods.length - 1;
  const read = offer.fetchedAt.slice(0, 10);
  if (k < last && (periods[last].from ?? '') <= read) return offer; // genai's change predates a read that still shows the old price
  const current = k === last ? periods[k] : periods[last];
  const dated = date ? { sourceDate: date } : {};
  const history: PricePeriod[] = periods.slice(0, k === last ? k : last).map((p, i) => ({
    until: periods[i + 1].from!,
    prices: p.prices,
    tiers: p.tiers,
    source,
    ...dated,
    ...(p.from ? { from: p.from } : {}),
  }));
  const next: Offer = { ...offer };
  if (history.length) next.history = history;
  if (current.from) next.since = current.from;
  if (k !== last) {
    next.prices = { ...current.prices };
    next.tiers = current.tiers;
    next.priceSource = `${source}, since ${current.from}`;
    if (date) next.priceSourceDate = date;
  }
  if (!next.tiers.length && current.tiers.length) {
    next.tiers = current.tiers;
    next.tierSource = source;
    if (date) next.tierSourceDate = date;
  } else if (!next.tiers.length && current.from && history.some((p) => p.tiers.length)) {
    next.tierSource = `${source}: no long-context rate since ${current.from}`;
    if (date) next.tierSourceDate = date;
  }
  return makeOffer(next);
}

/** Apply genai-prices and the labs' own data to the merged models (in place), then reconcile tiers. */
export function applyAmendments(models: RateCardModel[], amendments: Amendments | undefined): void {
  // A lab offer carried over from the previous card (a sync that brought no models.dev data) is
  // amended already: amending it again would stack its rules.
  const fresh = new Set(models.filter((m) => !m.offers.default || !isAmended(m.offers.default)));
  const byId = new Map([...fresh].map((m) => [m.id, m]));
  if (amendments) {
    const { lab } = amendments;
    for (const extra of lab.labOffers) {
      const m = byId.get(extra.model);
      if (!m || m.offers.default) continue;
      m.offers.default = makeOffer({
        source: extra.source,
        sourceId: extra.model,
        currency: 'USD',
        prices: extra.prices,
        fetchedAt: extra.fetchedAt,
      });
    }
    for (const m of fresh) {
      const g = m.offers.default && genaiFor(m, amendments.genai);
      if (g) {
        m.offers.default = mergeGenai(
          m.offers.default!,
          g,
          amendments.genaiSource,
          amendments.genaiDate,
        );
      }
    }
    for (const f of lab.follow) {
      const m = byId.get(f.model);
      const target = models.find((x) => x.id === f.as)?.offers.default;
      if (
        !m?.offers.default ||
        !target ||
        !samePrice(m.offers.default.prices, latestBefore(target, f.since))
      )
        continue;
      m.offers.default = makeOffer({
        ...target,
        sourceId: m.offers.default.sourceId,
        priceSource: `${target.priceSource ?? `${target.source} ${target.fetchedAt}`}, as ${f.as} (${f.source})`,
        priceSourceDate: target.priceSourceDate ?? target.fetchedAt.slice(0, 10),
      });
    }
    for (const h of lab.history) {
      const offer = byId.get(h.model)?.offers.default;
      if (!offer) continue;
      const history = [
        ...(offer.history ?? []),
        {
          until: h.until,
          prices: h.prices,
          tiers: [],
          source: h.source,
          ...(h.sourceDate ? { sourceDate: h.sourceDate } : {}),
        },
      ];
      history.sort((a, b) => Date.parse(a.until) - Date.parse(b.until));
      offer.history = history;
    }
    for (const { models: ids, rule } of lab.timeRules) {
      for (const id of ids) {
        const offer = byId.get(id)?.offers.default;
        if (offer) offer.timeRules = [...(offer.timeRules ?? []), rule];
      }
    }
    for (const { models: ids, price } of lab.listPrices) {
      for (const id of ids) {
        const offer = byId.get(id)?.offers.default;
        if (!offer) continue;
        const lists = [...(offer.listPrices ?? []), price];
        lists.sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
        offer.listPrices = lists;
      }
    }
  }
  for (const m of fresh) reconcileTiers(m);
}

/** True when an offer carries what amendments add (a feed's offer never does). */
function isAmended(offer: Offer): boolean {
  return !!(
    offer.history ||
    offer.since ||
    offer.priceSource ||
    offer.tierSource ||
    offer.timeRules ||
    offer.listPrices
  );
}

/** The offer's price in force just before `since` (its current one when nothing is dated). */
function latestBefore(offer: Offer, since: string): PriceSet {
  const t = Date.parse(since);
  const p = (offer.history ?? []).find((h) => t < Date.parse(h.until));
  return p ? p.prices : offer.prices;
}

/** A lab offer without tiers takes OpenRouter's for the same model at the same base price. */
function reconcileTiers(model: RateCardModel): void {
  const lab = model.offers.default;
  const or = model.offers.openrouter;
  if (!lab || !or || lab.tiers.length || lab.tierSource || !or.tiers.length) return;
  if (!samePrice(lab.prices, or.prices)) return;
  model.offers.default = makeOffer({
    ...lab,
    tiers: or.tiers.map((t): Tier => ({ above: t.above, prices: { ...t.prices } })),
    tierSource: `${or.source} ${or.fetchedAt}`,
    tierSourceDate: or.fetchedAt.slice(0, 10),
  });
}

/** The amendments from genai-prices' data and `sources/lab-prices.json`, validated. */
export function buildAmendments(
  genaiRaw: unknown,
  labRaw: unknown,
  genaiSource: string,
  genaiDate?: string,
): Amendments {
  const genai = normalizeGenaiPrices(genaiRaw).filter(
    (g) => g.periods.length > 1 || g.periods.some((p) => p.tiers.length),
  );
  const lab = labPricesSchema.safeParse(labRaw);
  if (!lab.success) {
    const issue = lab.error.issues[0];
    throw new Error(`lab-prices.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { genai, genaiSource, ...(genaiDate ? { genaiDate } : {}), lab: lab.data };
}
