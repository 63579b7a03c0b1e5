/** Sync status shown in the UI (a pure type: shared by the background and the pages). */
export interface FeedStatus {
  url: string;
  /** Epoch ms of the last fetch attempt, or null. */
  lastAttempt: number | null;
  /** Epoch ms of the last time the feed answered with a usable payload (or 304), or null. */
  lastSuccess: number | null;
  etag: string | null;
  /** The last attempt's error, or null when it succeeded. */
  error: string | null;
}

export interface RateCardStatus {
  /** The card in use. */
  version: string;
  createdAt: string;
  models: number;
  /** 'bundled': the snapshot shipped with the extension; 'synced': a card built from the feeds. */
  origin: 'bundled' | 'synced';
  /** Epoch ms of the last sync that succeeded for every feed (updated or not modified). */
  lastSync: number | null;
  lastAttempt: number | null;
  syncing: boolean;
  /** Summary of the last attempt's errors (null when none): the card in use is the last good one. */
  error: string | null;
  feeds: { modelsDev: FeedStatus; openrouter: FeedStatus };
  /** Where the card in use has its prices from, each with its data date and license. */
  cardSources?: { name: string; url: string; fetchedAt: string; license: string }[];
  /** The synced exchange rates: their day (null: none yet) and the last attempt's error. */
  exchangeRates?: { date: string | null; error: string | null };
}
