/**
 * The popup's "this week on another model", computed once per state of what it depends on: the
 * popup asks at every opening, and the answer only changes when the history is written, the
 * rate card or the user's price for the target changes, or the range asked takes in events it
 * did not. Reading the week's events is most of the cost (thousands of rows), so a repeated
 * question must not read them again.
 *
 * The popup asks for [week start, now + 1 ms): `end` moves at every opening. An answer for
 * [start, end) also answers [start, end') for any `end'` from `end` up to the next stored event
 * after `end` (read with the week's events): no event lies between, as long as the history's
 * revision (utils/db/revision.ts) has not moved, which any committed write to the events makes
 * it do, in the background or in another page.
 *
 * Free of the extension's storage (the caller passes the card and the overrides) so the bench
 * runs it in Node.
 */
import { cardPriceFn, repriceEvents, type RepriceSource } from '@/utils/core/aggregate';
import { findModel, type PriceOverrides, type RateCard } from '@/utils/core/ratecard';
import { eventsBetween, eventsBetweenAndNext } from '@/utils/db/event-store';
import { historyRevision } from '@/utils/db/revision';
import type { HistoryDB } from '@/utils/db/schema';
import type { StoredEvent } from '@/utils/db/types';
import type { Req, Res } from '@/utils/messaging';

/** What the answer is computed from, besides the request. */
export interface RepriceInputs {
  db: HistoryDB;
  card: RateCard;
  overrides: PriceOverrides;
  /** The moment an event without one is priced at. */
  now: number;
}

/** One stored event's usage as the re-pricing needs it. */
export function repriceSource(e: StoredEvent): RepriceSource {
  return {
    model: e.model,
    family: e.input.family,
    tokens: { input: e.input.tokens, output: e.output.tokens, reasoning: e.reasoning.tokens },
    // Imported agent and API usage: uncached input above, cache reads and writes by class.
    cache: e.imported
      ? { read: e.imported.cacheRead, write: e.imported.cacheWrite5m + e.imported.cacheWrite1h }
      : undefined,
    costMicroUsd: e.costMicroUsd,
    time: e.time,
  };
}

/** The answer for these events (each at the target's price on its own date). */
function answerFor(
  events: StoredEvent[],
  inputs: RepriceInputs,
  req: Req<'repriceHistory'>,
): Res<'repriceHistory'> {
  const model = findModel(inputs.card, req.model);
  const result = repriceEvents(
    events.map(repriceSource),
    model?.id ?? req.model,
    req.profile === 'cjk' ? 'cjk' : 'latin',
    cardPriceFn(inputs.card, { overrides: inputs.overrides, now: inputs.now }),
  );
  return { ...result, modelName: model?.name ?? null };
}

/** Re-price the usage of [start, end) on another model, reading the events (no cache). */
export async function repriceRange(
  inputs: RepriceInputs,
  req: Req<'repriceHistory'>,
): Promise<Res<'repriceHistory'>> {
  return answerFor(await eventsBetween(inputs.db, req.start, req.end), inputs, req);
}

interface Entry {
  db: HistoryDB;
  card: RateCard;
  /** The user's price for the target (JSON), the only override the answer depends on. */
  override: string;
  model: string;
  profile: string;
  start: number;
  end: number;
  /** The earliest stored event at or after `end` (Infinity: none). */
  next: number;
  revision: number;
  answer: Res<'repriceHistory'>;
}

/** Answers kept: a few (model, text profile) choices of this week and the last. */
export const REPRICE_CACHE_SIZE = 8;

/** A cache of `repriceRange` answers, most recent last, at most REPRICE_CACHE_SIZE. */
export function createRepriceCache() {
  const entries: Entry[] = [];
  return {
    async answer(
      inputs: RepriceInputs,
      req: Req<'repriceHistory'>,
    ): Promise<Res<'repriceHistory'>> {
      if (!(req.start < req.end)) return answerFor([], inputs, req);
      // Answers from a card since replaced can never be asked for again: let the card go.
      for (let i = entries.length - 1; i >= 0; i--)
        if (entries[i].card !== inputs.card || entries[i].db !== inputs.db) entries.splice(i, 1);
      const override = JSON.stringify(
        inputs.overrides[findModel(inputs.card, req.model)?.id ?? req.model] ?? null,
      );
      const same = (e: Entry) =>
        e.db === inputs.db &&
        e.card === inputs.card &&
        e.override === override &&
        e.model === req.model &&
        e.profile === req.profile &&
        e.start === req.start;
      // Read before the events: a write committing meanwhile leaves this entry behind.
      const revision = historyRevision();
      const at = entries.findIndex(same);
      const hit = at < 0 ? undefined : entries[at];
      if (at >= 0) entries.splice(at, 1);
      if (hit && hit.revision === revision && hit.end <= req.end && req.end <= hit.next) {
        entries.push(hit);
        return hit.answer;
      }
      const { events, next } = await eventsBetweenAndNext(inputs.db, req.start, req.end);
      const answer = answerFor(events, inputs, req);
      // Two requests for the same week may have been computed at once: the later revision stays.
      const twin = entries.findIndex(same);
      if (twin >= 0 && entries[twin].revision > revision) return answer;
      if (twin >= 0) entries.splice(twin, 1);
      const { db, card } = inputs;
      const { model, profile, start, end } = req;
      const upTo = next ?? Infinity;
      entries.push({
        db,
        card,
        override,
        model,
        profile,
        start,
        end,
        next: upTo,
        revision,
        answer,
      });
      if (entries.length > REPRICE_CACHE_SIZE) entries.shift();
      return answer;
    },
    clear(): void {
      entries.length = 0;
    },
  };
}
