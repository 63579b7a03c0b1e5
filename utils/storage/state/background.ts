/**
 * State only the background reads and writes (owner `background`): the rate-card cache and sync
 * status, turns kept aside while the disk is full, and which budgets were notified. Apart from
 * the state the pages show so no page loads these items: defining a WXT item reads it at once,
 * and the synced rate card and the pending turns can weigh hundreds of KB. Conventions:
 * ../index.ts.
 */
import { storage } from 'wxt/utils/storage';
import { FEED_SOURCES, type FeedKey } from '@/utils/core/ratecard/feeds';
import type { RateCard } from '@/utils/core/ratecard/schema';
import type { Amendments } from '@/utils/core/ratecard/amend';
import type { FeedStatus, RateCardStatus } from '@/utils/core/ratecard/status';
import type { StoredEvent } from '@/utils/db/types';

export interface SyncedRateCard {
  card: RateCard;
  savedAt: number;
}

/** The last good synced card (null until a sync succeeds; the bundled card is used meanwhile). */
export const syncedRateCard = /* @__PURE__ */ storage.defineItem<SyncedRateCard | null>(
  'local:ratecard',
  { fallback: null, version: 1 },
);

// No side effects: a bundle without the sync status (a content script) drops the feed table too.
/* @__NO_SIDE_EFFECTS__ */
export function emptyFeed(feed: FeedKey): FeedStatus {
  return {
    url: FEED_SOURCES[feed].url,
    lastAttempt: null,
    lastSuccess: null,
    etag: null,
    error: null,
  };
}

export type RateCardSyncStatus = Omit<
  RateCardStatus,
  'version' | 'createdAt' | 'models' | 'origin' | 'syncing'
>;

/** The last sync attempts, per feed (the rest of RateCardStatus comes from the card in use). */
export const rateCardSyncStatus = /* @__PURE__ */ storage.defineItem<RateCardSyncStatus>(
  'local:ratecardStatus',
  {
    fallback: {
      lastSync: null,
      lastAttempt: null,
      error: null,
      feeds: {
        modelsDev: emptyFeed('modelsDev'),
        openrouter: emptyFeed('openrouter'),
      },
    },
    version: 1,
  },
);

export interface SyncedGenaiPrices {
  /** genai-prices' models as amendments (amend.ts), from its last accepted live read. */
  genai: Amendments['genai'];
  genaiSource: string;
  savedAt: number;
}

/**
 * The last good live genai-prices data, amending every card the sync rebuilds (null until one is
 * accepted: the bundled amendments apply).
 */
export const syncedGenaiPrices = /* @__PURE__ */ storage.defineItem<SyncedGenaiPrices | null>(
  'local:genaiPrices',
  { fallback: null, version: 1 },
);

/** Budget id → period id it was last notified for (one notification per budget and period). */
export const budgetNotified = /* @__PURE__ */ storage.defineItem<Record<string, string>>(
  'local:budgetNotified',
  { fallback: {}, version: 1 },
);

export interface PendingTurns {
  events: StoredEvent[];
  /** Conversation titles of those turns (only when the user opted in to storing text). */
  titles: [string, string][];
}

/**
 * Turns the database refused because the disk is full, kept aside to be saved later
 * (utils/background/history/pending.ts). Extension storage is a separate, small store that
 * usually still has room, and survives a stopped service worker.
 */
export const pendingTurns = /* @__PURE__ */ storage.defineItem<PendingTurns>('local:pendingTurns', {
  fallback: { events: [], titles: [] },
});
