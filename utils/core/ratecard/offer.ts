import type { Offer, PriceSet, Tier } from './schema';

/** True when nothing in the offer costs money (a free model is priced at 0, not unpriced). */
export function isFreeOffer(prices: PriceSet, tiers: Tier[]): boolean {
  const all = [prices, ...tiers.map((t) => t.prices)];
  return all.every((p) => Object.values(p).every((v) => v === undefined || v === 0));
}

/** Drop undefined keys so cards are stable (hash, diff) and pass the strict schema. */
export function compactPrices<T extends Partial<PriceSet>>(prices: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(prices)) if (v !== undefined) (out as any)[k] = v;
  return out;
}

export function makeOffer(
  fields: Omit<Offer, 'free' | 'prices' | 'tiers'> & { prices: PriceSet; tiers?: Tier[] },
): Offer {
  const prices = compactPrices(fields.prices);
  const tiers = (fields.tiers ?? [])
    .map((t) => ({ above: t.above, prices: compactPrices(t.prices) }))
    .sort((a, b) => a.above - b.above);
  return { ...fields, prices, tiers, free: isFreeOffer(prices, tiers) };
}
