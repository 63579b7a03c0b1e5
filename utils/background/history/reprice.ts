/**
 * "What would this have cost on another model": the popup's re-pricing of the history, chat turns
 * and imported agent and API usage alike (the latter per token class: uncached input, cache
 * reads, cache writes, output, reasoning), each event at the target's price on its own date.
 * Answers are kept until the history, the card or the user's price for the target changes
 * (reprice-cache.ts): the popup asks at every opening.
 */
import type { Req, Res } from '@/utils/messaging';
import { deps } from './deps';
import { createRepriceCache } from './reprice-cache';

/** The background's answers (exported for the tests, which count its reads). */
export const repriceCache = createRepriceCache();

/** Re-price the usage of [start, end) on another model (per turn, with token ratios). */
export async function repriceHistory(req: Req<'repriceHistory'>): Promise<Res<'repriceHistory'>> {
  const [card, overrides] = await Promise.all([deps.getCard(), deps.getOverrides()]);
  return repriceCache.answer({ db: deps.db(), card, overrides, now: deps.now() }, req);
}
