/**
 * "What would this have cost on another model": the popup's re-pricing of the history, chat turns
 * and imported agent and API usage alike (the latter per token class: uncached input, cache
 * reads, cache writes, output, reasoning), each event at the target's price on its own date.
 */
import { cardPriceFn, repriceEvents } from '@/utils/core/aggregate';
import { findModel } from '@/utils/core/ratecard';
import { eventsBetween } from '@/utils/db/queries';
import type { Req, Res } from '@/utils/messaging';
import { deps } from './deps';

/** Re-price the usage of [start, end) on another model (per turn, with token ratios). */
export async function repriceHistory(req: Req<'repriceHistory'>): Promise<Res<'repriceHistory'>> {
  const [card, overrides] = await Promise.all([deps.getCard(), deps.getOverrides()]);
  const model = findModel(card, req.model);
  const events = await eventsBetween(deps.db(), req.start, req.end);
  const result = repriceEvents(
    events.map((e) => ({
      model: e.model,
      family: e.input.family,
      tokens: { input: e.input.tokens, output: e.output.tokens, reasoning: e.reasoning.tokens },
      // Imported agent and API usage: uncached input above, cache reads and writes by class.
      cache: e.imported
        ? {
            read: e.imported.cacheRead,
            write: e.imported.cacheWrite5m + e.imported.cacheWrite1h,
          }
        : undefined,
      costMicroUsd: e.costMicroUsd,
      time: e.time,
    })),
    model?.id ?? req.model,
    req.profile === 'cjk' ? 'cjk' : 'latin',
    // Each turn at the price in force on its date (peak hours, earlier prices), not today's.
    cardPriceFn(card, { overrides, now: deps.now() }),
  );
  return { ...result, modelName: model?.name ?? null };
}
