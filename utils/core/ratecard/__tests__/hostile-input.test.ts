// Hostile input, the rate-card parser: damaged copies of the real feeds (the full
// models.dev file of 2026-07-02 and the trimmed OpenRouter list) go through the same steps as a
// sync: parseFeedBody, then applyFeed onto the card in use. Whatever the damage, the outcome is
// a valid card or an Error with a message (never a TypeError or RangeError from deep inside),
// and the card in use (frozen here) is never written to: the last good card is never lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyFeed,
  getBundledCard,
  parseFeedBody,
  rateCardSchema,
  type CardFeedKey,
  type RateCard,
} from '@/utils/core/ratecard';
import { loadFullModelsDev, loadOpenRouterFixture } from './helpers';
import { damagedCopy, deepFreeze } from '../../__tests__/mutate';

export const RATECARD_RUNS = { modelsDev: 60, openrouter: 300 };

const inUse: RateCard = deepFreeze(structuredClone(getBundledCard()));
const snapshot = JSON.stringify(inUse);

function sync(feed: CardFeedKey, body: string): { card?: RateCard; error?: Error } {
  try {
    const json = parseFeedBody(feed, body, 'application/json');
    return { card: applyFeed(inUse, feed, json, '2026-07-03T00:00:00.000Z') };
  } catch (error) {
    return { error: error as Error };
  }
}

describe.each([
  { feed: 'modelsDev' as const, source: () => JSON.stringify(loadFullModelsDev()) },
  { feed: 'openrouter' as const, source: () => JSON.stringify(loadOpenRouterFixture()) },
])('$feed feed, damaged', ({ feed, source }) => {
  const body = source();

  it('the undamaged feed applies (the properties start from a valid file)', () => {
    const { card, error } = sync(feed, body);
    expect(error).toBeUndefined();
    expect(rateCardSchema.safeParse(card).success).toBe(true);
  });

  it(`gives a valid card or a plain error, and never touches the card in use (${RATECARD_RUNS[feed]} files)`, () => {
    const outcomes = { card: 0, error: 0 };
    fc.assert(
      fc.property(damagedCopy(body), ({ text }) => {
        const { card, error } = sync(feed, text);
        if (error) {
          outcomes.error++;
          expect(error).toBeInstanceOf(Error);
          expect(error).not.toBeInstanceOf(TypeError);
          expect(error).not.toBeInstanceOf(RangeError);
          expect(error.message.length).toBeGreaterThan(5);
        } else {
          outcomes.card++;
          const checked = rateCardSchema.safeParse(card);
          expect(checked.success, JSON.stringify(checked.error?.issues[0])).toBe(true);
          for (const m of card!.models)
            for (const offer of Object.values(m.offers))
              for (const price of Object.values(offer!.prices))
                expect(Number.isFinite(price) && price >= 0).toBe(true);
        }
      }),
      { numRuns: RATECARD_RUNS[feed], seed: 11 },
    );
    expect(JSON.stringify(inUse)).toBe(snapshot);
    expect(outcomes.card).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  }, 180_000);
});
