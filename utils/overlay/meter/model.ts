/**
 * Which model the page is using: the user's override first, then the model the site's stream
 * named, then the page's label; each turned into a rate-card candidate id (an API id as shown on
 * playgrounds, the site's alias table elsewhere: no guessing), then looked up on the card.
 */
import type { AdapterPricing } from '@/utils/sites/types';
import { resolveSiteModel } from '@/utils/sites';
import type { ModelInfo, ModelSource, ModelView } from '../types';
import type { PriceCache } from './price-cache';

/** A label's candidate id: an API id as shown, else the site's alias table (no guessing). */
export function candidateFor(
  siteId: string,
  pricing: AdapterPricing | undefined,
  label: string,
): string | null {
  if (pricing?.modelLabel === 'api-id') return label.trim() || null;
  return resolveSiteModel(siteId, label)?.model ?? null;
}

/** The candidate id and where it came from, before the card lookup (pure). */
export function pickCandidate(
  from: { override: string | null; streamModel: string | null; label: string | null },
  candidate: (label: string) => string | null,
): { candidate: string | null; source: ModelSource } {
  let id: string | null = null;
  let source: ModelSource = 'none';
  if (from.override) {
    id = from.override;
    source = 'override';
  } else if (from.streamModel) {
    id = candidate(from.streamModel);
    source = id ? 'stream' : 'none';
  }
  if (!id && from.label) {
    id = candidate(from.label);
    if (id) source = 'label';
  }
  return { candidate: id, source };
}

/**
 * The model view for a label and a candidate: `found` is the card's entry (null when the card
 * has no such model, or has not answered yet: `known` tells which).
 */
export function modelView(
  label: string | null,
  picked: { candidate: string | null; source: ModelSource },
  found: ModelInfo | null,
  known: boolean,
): ModelView {
  if (!picked.candidate) {
    return {
      label,
      candidate: null,
      source: 'none',
      info: null,
      status: label ? 'unknown-label' : 'not-detected',
    };
  }
  return {
    label,
    candidate: picked.candidate,
    source: picked.source,
    info: found,
    status: found ? 'ok' : known ? 'unpriced' : 'loading',
  };
}

/** The model view for a snapshot: candidate picked, then looked up on the card. */
export async function resolveModel(
  prices: Pick<PriceCache, 'info' | 'knows'>,
  site: { id: string; pricing?: AdapterPricing },
  from: { override: string | null; streamModel: string | null; label: string | null },
): Promise<ModelView> {
  const picked = pickCandidate(from, (label) => candidateFor(site.id, site.pricing, label));
  if (!picked.candidate) return modelView(from.label, picked, null, false);
  const found = await prices.info(picked.candidate);
  const view = modelView(from.label, picked, found, prices.knows(picked.candidate));
  // Shown as the site named it when the card does not know it (the candidate is our reading).
  return picked.source === 'stream' && from.streamModel
    ? { ...view, named: from.streamModel }
    : view;
}
