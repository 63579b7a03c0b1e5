/**
 * The rate card bundled with the extension (`snapshot.json`, made by `npm run ratecard:build`).
 * Everything works offline from it; a synced card replaces it only after validation.
 * `amendments.json` (same build) holds what the card adds to the feeds (amend.ts), so a card
 * rebuilt from a sync keeps genai-prices' history and the labs' own data.
 */
import snapshot from './snapshot.json';
import amendments from './amendments.json';
import type { Amendments } from './amend';
import { rateCardSchema, type RateCard } from './schema';

let bundled: RateCard | undefined;

/** The bundled card, validated once (a broken snapshot fails loudly in tests, not silently). */
export function getBundledCard(): RateCard {
  bundled ??= rateCardSchema.parse(snapshot);
  return bundled;
}

/** The bundled amendments (written by the build from validated sources). */
export function getBundledAmendments(): Amendments {
  return amendments as Amendments;
}
