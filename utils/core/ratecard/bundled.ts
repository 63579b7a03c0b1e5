/**
 * The rate card bundled with the extension (`snapshot.json`, made by `npm run ratecard:build`).
 * Everything works offline from it; a synced card replaces it only after validation.
 */
import snapshot from './snapshot.json';
import { rateCardSchema, type RateCard } from './schema';

let bundled: RateCard | undefined;

/** The bundled card, validated once (a broken snapshot fails loudly in tests, not silently). */
export function getBundledCard(): RateCard {
  bundled ??= rateCardSchema.parse(snapshot);
  return bundled;
}
