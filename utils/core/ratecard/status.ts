/** Sync status shown in the UI (a pure type: shared by the background and the pages). */

/**
 * What went wrong in a sync, as a code with its values, so the page shows it in the UI's language
 * at display time (the English `error` text is kept beside it, for older readers and for statuses
 * stored before codes existed).
 */
export type SyncErrorCode =
  | 'timeout' // {source} did not answer within {seconds} s
  | 'unreachable' // {source} unreachable ({detail})
  | 'http' // {source} answered HTTP {status}
  | 'tooLarge' // {source} answered more than {mb} MB
  | 'rejected' // the answer failed validation; {detail} is the validator's (English) text
  | 'failed' // storage failure or a bug during the sync; {detail}
  | 'unavailable'; // the background could not read the status

export interface SyncErrorInfo {
  code: SyncErrorCode;
  values: Record<string, string | number>;
}

export interface FeedStatus {
  url: string;
  /** Epoch ms of the last fetch attempt, or null. */
  lastAttempt: number | null;
  /** Epoch ms of the last time the feed answered with a usable payload (or 304), or null. */
  lastSuccess: number | null;
  etag: string | null;
  /** The last attempt's error, or null when it succeeded. */
  error: string | null;
  /** The same error as a code (absent in statuses stored before codes existed). */
  errorInfo?: SyncErrorInfo | null;
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
  /** The same errors as codes (absent in statuses stored before codes existed). */
  errors?: SyncErrorInfo[] | null;
  /** genaiPrices is absent in statuses stored before it was a live feed. */
  feeds: { modelsDev: FeedStatus; openrouter: FeedStatus; genaiPrices?: FeedStatus };
  /** Where the card in use has its prices from, each with its data date and license. */
  cardSources?: { name: string; url: string; fetchedAt: string; license: string }[];
  /** The synced exchange rates: their day (null: none yet) and the last attempt's error. */
  exchangeRates?: { date: string | null; error: string | null; errorInfo?: SyncErrorInfo | null };
}
