/**
 * The three live price feeds, by key. A module of its own (no parser, no zod) because the rate-card
 * sync status stored in extension storage names their URLs in its fallback, and the storage
 * module is loaded by content scripts and the popup.
 */
import type { SourceInfo } from './schema';

export type FeedKey = 'modelsDev' | 'openrouter' | 'genaiPrices';
/** The feeds whose payload carries the card's models (genai-prices amends them: sync.ts). */
export type CardFeedKey = Exclude<FeedKey, 'genaiPrices'>;

export const FEED_SOURCES: Record<FeedKey, Omit<SourceInfo, 'fetchedAt'>> = {
  modelsDev: { name: 'models.dev', url: 'https://models.dev/api.json', license: 'MIT' },
  openrouter: {
    name: 'openrouter.ai',
    url: 'https://openrouter.ai/api/v1/models',
    license: "OpenRouter's terms",
  },
  // The file @pydantic/genai-prices' own `updatePrices` fetches (its main branch, v2 data).
  genaiPrices: {
    name: 'genai-prices',
    url: 'https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json',
    license: 'MIT',
  },
};
