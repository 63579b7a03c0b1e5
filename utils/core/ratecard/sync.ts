/**
 * One sync step, pure: apply a fetched feed's JSON to the card in use. Validates and normalizes
 * the payload, rebuilds the card, and checks it against the previous one (guard.ts). Throws an
 * Error with a message fit for the sync status; the caller keeps the previous card.
 * Shared by the background sync and the CLI's `--sync`.
 *
 * genai-prices is not a feed of models but of amendments (dated history and tiers, amend.ts),
 * merged into the lab offers by the same code the build uses. A lab offer carried over from the
 * previous card is amended already, so new genai-prices data is applied only with a fresh
 * models.dev payload from the same sync (`applyGenaiFeed`).
 */
import { buildAmendments, type Amendments } from './amend';
import { getBundledAmendments } from './bundled';
import { rebuildCard } from './card';
import { checkCardChange } from './guard';
import { normalizeModelsDev } from './normalize-models-dev';
import { normalizeOpenRouter } from './normalize-openrouter';
import { FEED_SOURCES, type CardFeedKey } from './feeds';
import type { RateCard } from './schema';

export function applyFeed(
  card: RateCard,
  feed: CardFeedKey,
  json: unknown,
  fetchedAt: string,
  amendments: Amendments = getBundledAmendments(),
): RateCard {
  const sources = [{ ...FEED_SOURCES[feed], fetchedAt }];
  const next =
    feed === 'modelsDev'
      ? rebuildCard(
          card,
          {
            modelsDev: normalizeModelsDev(json, { fetchedAt }),
            sources,
            createdAt: fetchedAt,
          },
          amendments,
        )
      : rebuildCard(
          card,
          {
            openrouter: normalizeOpenRouter(json, { fetchedAt }),
            sources,
            createdAt: fetchedAt,
          },
          amendments,
        );
  const rejection = checkCardChange(card, next);
  if (rejection) throw new Error(`${FEED_SOURCES[feed].name} rejected: ${rejection}`);
  return next;
}

/** The source label a live genai-prices read carries in the card (`history[].source` etc.). */
export function genaiLiveSource(fetchedAt: string): string {
  return `genai-prices (live, ${fetchedAt.slice(0, 10)})`;
}

/**
 * Validate genai-prices' live data (schema, history going backwards, bad or overlapping time
 * windows) into amendments: its models with the labs' own data of the bundled amendments.
 */
export function parseGenaiFeed(json: unknown, fetchedAt: string): Amendments {
  try {
    return buildAmendments(
      json,
      getBundledAmendments().lab,
      genaiLiveSource(fetchedAt),
      fetchedAt.slice(0, 10),
    );
  } catch (error) {
    const name = FEED_SOURCES.genaiPrices.name;
    const text = error instanceof Error ? error.message : String(error);
    throw new Error(`${name} rejected: ${text.replace(`${name}: `, '')}`, { cause: error });
  }
}

/**
 * Rebuild the card with new genai-prices amendments over the lab offers of a fresh models.dev
 * payload (`modelsDevJson`, already accepted in this sync), and check the change like any feed's.
 */
export function applyGenaiFeed(
  card: RateCard,
  amendments: Amendments,
  modelsDevJson: unknown,
  fetchedAt: string,
): RateCard {
  const next = rebuildCard(
    card,
    {
      modelsDev: normalizeModelsDev(modelsDevJson, { fetchedAt }),
      sources: [{ ...FEED_SOURCES.genaiPrices, fetchedAt }],
      createdAt: fetchedAt,
    },
    amendments,
  );
  const rejection = checkCardChange(card, next);
  if (rejection) throw new Error(`${FEED_SOURCES.genaiPrices.name} rejected: ${rejection}`);
  return next;
}
