/**
 * One sync step, pure: apply a fetched feed's JSON to the card in use. Validates and normalizes
 * the payload, rebuilds the card, and checks it against the previous one (guard.ts). Throws an
 * Error with a message fit for the sync status; the caller keeps the previous card.
 * Shared by the background sync and the CLI's `--sync`.
 */
import { getBundledAmendments } from './bundled';
import { rebuildCard } from './card';
import { checkCardChange } from './guard';
import { normalizeModelsDev } from './normalize-models-dev';
import { normalizeOpenRouter } from './normalize-openrouter';
import { FEED_SOURCES, type FeedKey } from './feeds';
import type { RateCard } from './schema';

export function applyFeed(
  card: RateCard,
  feed: FeedKey,
  json: unknown,
  fetchedAt: string,
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
          getBundledAmendments(),
        )
      : rebuildCard(
          card,
          {
            openrouter: normalizeOpenRouter(json, { fetchedAt }),
            sources,
            createdAt: fetchedAt,
          },
          getBundledAmendments(),
        );
  const rejection = checkCardChange(card, next);
  if (rejection) throw new Error(`${FEED_SOURCES[feed].name} rejected: ${rejection}`);
  return next;
}
