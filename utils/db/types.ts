/**
 * Rows of the history database. Stored events are the unit of truth; conversations and the
 * daily rollups are derived from them (and can be rebuilt from them).
 */
import type { FileCheckpoint } from '@/utils/core/imports/file-import';
import type { ImportEvent, ImportSource } from '@/utils/core/imports/types';
import type { TokenCount } from '@/utils/core/types';

/** The prices the cost was computed with, as the rate card stated them (per 1M tokens). */
export interface AppliedPrices {
  /** Rate-card source of the offer, e.g. "models.dev", "openrouter.ai" or "override". */
  source: string;
  /** Offer kind used, e.g. "default" or "openrouter". */
  offer: string;
  /** ISO 4217 code of the prices (every current source is USD). */
  currency: string;
  /** Price per 1M tokens by class (input, output, cacheRead, cacheWrite, reasoning), and `request` per request. */
  perMillion: Record<string, number>;
  /** The long-context tier applied (its `above` threshold), or null for the base rate. */
  tierAbove: number | null;
}

/** Bit flags of a stored event. */
export const EventFlag = {
  /** The reply replaced an earlier one (regenerate). */
  regenerated: 1,
  /** Priced with a user's custom price, not the rate card's. */
  customPrice: 2,
} as const;

export interface StoredEvent {
  /** Auto-increment primary key (absent before insertion). */
  id?: number;
  /** Idempotency key (unique index): site + conversation + turn + content hash. */
  key: string;
  /** Epoch ms the turn completed. */
  time: number;
  site: string;
  conversationId: string;
  /** `${site}|${conversationId}`, indexed to find a conversation's events. */
  conversation: string;
  turnIndex: number;
  modelLabel: string | null;
  /** Canonical rate-card id, or null (unresolved: unpriced). */
  model: string | null;
  input: TokenCount;
  output: TokenCount;
  reasoning: TokenCount;
  /** Integer micro-USD; null = unpriced (never 0 for an unknown model). */
  costMicroUsd: number | null;
  /** Rate-card version (content hash) the cost was computed with; null when unpriced. */
  rateCardVersion: string | null;
  prices: AppliedPrices | null;
  /** EventFlag bits. */
  flags: number;
  /** Prompt and reply text, only when the user opted in. */
  text?: { prompt: string; reply: string };
  /** Set on usage imported from an agent's log, an aggregator's report or a provider export. */
  imported?: ImportedFields;
}

/**
 * How an imported event's cost was arrived at: `billed` (the source states what was charged),
 * `api` (priced on the rate card at the event's own date: API-equivalent), `estimate` (the
 * aggregator's own estimate, when the card cannot price the model), `unpriced` (neither).
 */
export type ImportCostKind = 'billed' | 'api' | 'estimate' | 'unpriced';

/**
 * What an imported event adds to a chat turn's fields. On such an event `site` is the source,
 * `conversationId` its session (or project, or period), `input` its uncached input and
 * `modelLabel` the model as the source named it.
 */
export interface ImportedFields {
  source: ImportSource;
  agent: string;
  project: string | null;
  session: string | null;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  requests: number | null;
  period: NonNullable<ImportEvent['period']> | null;
  costKind: ImportCostKind;
  /** The cost the source stated (billed or its estimate), integer micro-USD; null if none. */
  statedMicroUsd: number | null;
}

/** What every spend rollup row counts (the dashboard's numbers). */
export interface SpendValues {
  events: number;
  /** Uncached input. */
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  /** What the source says was charged. */
  billedMicroUsd: number;
  /** Priced on the rate card (chat turns; imported usage with no stated cost). */
  apiMicroUsd: number;
  /** An aggregator's own estimate, for models the card does not know. */
  estimateMicroUsd: number;
  unpricedEvents: number;
}

/** One day's imported usage for one (source, agent, project, model): what the dashboard reads. */
export interface ImportDayRow extends SpendValues {
  /** `${day}|${source}|${agent}|${project}|${model}` */
  id: string;
  day: string;
  source: ImportSource;
  agent: string;
  project: string;
  /** The model as named by the source ("" when not named). */
  model: string;
}

/**
 * One calendar month of spend for one (source, agent, project, model), chat and imported alike:
 * the sum of that month's `dayTotals` rows of chat sites (agent and project "") and its
 * `importDays` rows, so a whole month or all time is read in a few rows per month. The days are
 * kept per day of the month for the chart and for the first day with data.
 */
export interface SpendMonthRow extends SpendValues {
  /** `${month}|${source}|${agent}|${project}|${model}` */
  id: string;
  /** "YYYY-MM", in the rollups' time zone. */
  month: string;
  /** The chat site, or the import source. */
  source: string;
  agent: string;
  project: string;
  /** As the day rollup names it: a chat turn's rate-card id, an import's model as named. */
  model: string;
  /** Events per day of the month (index 0 is the 1st; 31 entries). */
  dayEvents: number[];
  /** Priced micro-USD (billed + API-equivalent + estimate) per day of the month. */
  dayMicroUsd: number[];
}

/** A file an import read to its end: a re-scan skips it while its size and date are unchanged. */
export interface ImportFileRow {
  /** `${root}|${path}`: the granted folder's name (or "files") and the path inside it. */
  id: string;
  size: number;
  lastModified: number;
  events: number;
  importedAt: number;
  /**
   * Set while the file is read only in part (an import stopped or cancelled mid-file): where to
   * go on, saved in the same transaction as the batch it ends. A row without it is a file read
   * to its end.
   */
  checkpoint?: StoredCheckpoint;
}

/** A parser's checkpoint plus what identifies the bytes it was taken on. */
export interface StoredCheckpoint extends FileCheckpoint {
  /** SHA-256 (hex) of the file's first 4 KB and of the 4 KB before `offset`. */
  hash: string;
}

export interface ConversationRow {
  /** `${site}|${conversationId}` */
  id: string;
  site: string;
  conversationId: string;
  /** Only when the user opted in to storing text. */
  title?: string;
  firstSeen: number;
  lastSeen: number;
  events: number;
  pricedEvents: number;
  costMicroUsd: number;
  input: number;
  output: number;
  reasoning: number;
}

/** Small key/value rows: e.g. the time zone the day rollups were computed in. */
export interface MetaRow {
  key: string;
  value: unknown;
}
