/**
 * Rate-card sync in the background: on install and every 12 h (alarms), fetch models.dev,
 * OpenRouter and genai-prices with ETag/If-None-Match and a timeout, validate, normalize, check against the last
 * good card, store. Any failure is recorded in the status for the UI and the last good card stays
 * in use; nothing here may throw out of a listener (the worker must never crash).
 *
 * Handlers: priceUsage, priceUsageMany, getModels, lookupModels, getRateCardStatus, refreshRateCard.
 */
import { browser } from 'wxt/browser';
import {
  applyFeed,
  applyGenaiFeed,
  getBundledAmendments,
  parseGenaiFeed,
  FEED_SOURCES,
  FX_SOURCE,
  parseExchangeRates,
  getBundledCard,
  listModels,
  lookupModels,
  parseFeedBody,
  priceUsage,
  rateCardSchema,
  type Amendments,
  type FeedKey,
  type RateCard,
  type FeedStatus,
  type RateCardStatus,
  type SyncErrorCode,
  type SyncErrorInfo,
} from '@/utils/core/ratecard';
import type { Handlers } from '@/utils/messaging';
import {
  emptyFeed,
  rateCardSyncStatus,
  syncedGenaiPrices,
  syncedRateCard,
  type SyncedRateCard,
} from '@/utils/storage/state/background';
import { syncedExchangeRates } from '@/utils/storage/state/exchange-rates';
import { getValidOverrides } from '@/utils/storage/validated';
import { currencySettings } from '@/utils/storage/settings/money';

export const FEEDS = FEED_SOURCES;

export const SYNC_ALARM = 'ratecard-sync';
export const SYNC_PERIOD_MINUTES = 12 * 60;
export const FETCH_TIMEOUT_MS = 20_000;
/** models.dev's api.json is ~2.4 MB; anything past 10 MB is not a price list. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;

let current: { card: RateCard; origin: 'bundled' | 'synced' } | null = null;
let syncing: Promise<RateCardStatus> | null = null;

/** The card in use: the last good synced card, unless the bundled snapshot is newer or it is corrupt. */
export async function getCard(): Promise<RateCard> {
  return (await loadCurrent()).card;
}

async function loadCurrent() {
  if (current) return current;
  const bundled = getBundledCard();
  const stored: SyncedRateCard | null = await syncedRateCard.getValue().catch(() => null);
  const parsed = stored ? rateCardSchema.safeParse(stored.card) : null;
  current =
    parsed?.success && parsed.data.createdAt >= bundled.createdAt
      ? { card: parsed.data, origin: 'synced' }
      : { card: bundled, origin: 'bundled' };
  return current;
}

export async function getStatus(): Promise<RateCardStatus> {
  const { card, origin } = await loadCurrent();
  const stored = await rateCardSyncStatus.getValue();
  const fx = await syncedExchangeRates.getValue().catch(() => null);
  return {
    ...stored,
    feeds: { ...stored.feeds, genaiPrices: stored.feeds.genaiPrices ?? emptyFeed('genaiPrices') },
    version: card.version,
    createdAt: card.createdAt,
    models: card.models.length,
    origin,
    syncing: syncing !== null,
    cardSources: card.sources,
    exchangeRates: {
      date: fx?.rates ? (Object.values(fx.rates)[0]?.date ?? null) : null,
      error: fx?.error ?? null,
      errorInfo: fx?.errorInfo ?? null,
    },
  };
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

type FeedResult = { kind: 'not-modified' } | { kind: 'body'; json: unknown; etag: string | null };

/** Fetch one feed: conditional, bounded in time and size, HTML and malformed JSON named as such. */
export async function fetchFeed(
  key: FeedKey,
  etag: string | null,
  fetchImpl: FetchLike,
  timeoutMs = FETCH_TIMEOUT_MS,
): Promise<FeedResult> {
  const feed = FEEDS[key];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(feed.url, {
        headers: etag ? { 'If-None-Match': etag } : {},
        signal: controller.signal,
        cache: 'no-cache',
        credentials: 'omit',
      });
    } catch (error) {
      if (controller.signal.aborted) {
        throw new SyncError(
          `${feed.name} did not answer within ${timeoutMs / 1000} s`,
          'timeout',
          { source: feed.name, seconds: timeoutMs / 1000 },
          error,
        );
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new SyncError(
        `${feed.name} unreachable (${detail})`,
        'unreachable',
        { source: feed.name, detail },
        error,
      );
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) throw httpError(feed.name, response.status);
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (length > MAX_FEED_BYTES) throw tooLarge(feed.name);
    const body = await readLimited(response, feed.name, controller);
    const json = parseFeedBody(feed.name, body, response.headers.get('content-type'));
    return { kind: 'body', json, etag: response.headers.get('etag') };
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(name: string) {
  const mb = MAX_FEED_BYTES / 1024 / 1024;
  return new SyncError(`${name} response is larger than ${mb} MB: not a price list`, 'tooLarge', {
    source: name,
    mb,
  });
}

function httpError(name: string, status: number) {
  // The status as text: a number would be written with the locale's grouping.
  return new SyncError(`${name} answered HTTP ${status}`, 'http', {
    source: name,
    status: String(status),
  });
}

/** A sync failure with its code and values (the message stays the English text). */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly code: SyncErrorCode,
    readonly values: Record<string, string | number>,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/**
 * Any error as its English text and its code: our own SyncErrors keep theirs; anything else (the
 * feed validators' errors) is `fallback` with the text as its detail.
 */
export function describeError(
  error: unknown,
  fallback: SyncErrorCode = 'rejected',
): { text: string; info: SyncErrorInfo } {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof SyncError) return { text, info: { code: error.code, values: error.values } };
  return { text, info: { code: fallback, values: { detail: text } } };
}

/** Read a body, giving up (and cancelling the download) past MAX_FEED_BYTES. */
async function readLimited(response: Response, name: string, controller: AbortController) {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FEED_BYTES) {
      await reader.cancel().catch(() => {});
      controller.abort();
      throw tooLarge(name);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export interface SyncDeps {
  /** Replaced in tests (the network boundary). */
  fetch?: FetchLike;
  now?: () => number;
  timeoutMs?: number;
}

/** Sync the three feeds once; concurrent calls share one run. Never throws. */
export function syncRateCard(deps: SyncDeps = {}): Promise<RateCardStatus> {
  syncing ??= runSync(deps).finally(() => {
    syncing = null;
  });
  return syncing;
}

async function runSync({
  fetch: fetchImpl = (i, init) => fetch(i, init),
  now = Date.now,
  timeoutMs = FETCH_TIMEOUT_MS,
}: SyncDeps) {
  try {
    const status = await rateCardSyncStatus.getValue();
    const attempt = now();
    const feeds = structuredClone(status.feeds);
    const { card: previous, origin } = await loadCurrent();
    let card = previous;
    // An ETag stands for a payload already in the card in use; with the bundled card in use (a
    // cleared or corrupt stored card, or a newer bundled snapshot) ask for the full payload.
    const conditional = origin === 'synced';
    const iso = new Date(attempt).toISOString();

    feeds.genaiPrices ??= emptyFeed('genaiPrices');
    const { amendments, live } = await amendmentsInUse(origin);

    // genai-prices first: new data needs a fresh (unconditional) models.dev read to amend, since
    // the lab offers carried over from the card in use are amended already (sync.ts).
    const genaiFeed = feeds.genaiPrices;
    const pendingGenai = await fetchGenai(genaiFeed, {
      etag: conditional && live ? genaiFeed.etag : null,
      attempt,
      iso,
      fetchImpl,
      timeoutMs,
    });

    // Each feed is applied and checked on its own, so one broken feed does not block the others.
    let modelsDevJson: unknown;
    for (const key of ['modelsDev', 'openrouter'] as const) {
      const feed = feeds[key];
      feed.lastAttempt = attempt;
      try {
        const etag = conditional && !(key === 'modelsDev' && pendingGenai) ? feed.etag : null;
        const result = await fetchFeed(key, etag, fetchImpl, timeoutMs);
        if (result.kind === 'body') {
          card = applyFeed(card, key, result.json, iso, amendments);
          feed.etag = result.etag;
          if (key === 'modelsDev') modelsDevJson = result.json;
        }
        markOk(feed, attempt);
      } catch (error) {
        markFailed(feed, error);
      }
    }

    let acceptedGenai: Amendments | null = null;
    if (pendingGenai) {
      card = applyPendingGenai(card, pendingGenai, modelsDevJson, feeds, { attempt, iso });
      if (!genaiFeed.error) acceptedGenai = pendingGenai.amendments;
    }

    await syncRates(fetchImpl, attempt, timeoutMs);
    if (card !== previous && card.version !== previous.version) {
      await syncedRateCard.setValue({ card, savedAt: attempt });
      current = { card, origin: 'synced' };
    }
    if (acceptedGenai) {
      await syncedGenaiPrices.setValue({
        genai: acceptedGenai.genai,
        genaiSource: acceptedGenai.genaiSource,
        savedAt: attempt,
      });
    }
    await saveStatus(status.lastSync, feeds, attempt);
  } catch (error) {
    // Storage failure or a bug: record it, keep the card in use.
    const message = error instanceof Error ? error.message : String(error);
    await rateCardSyncStatus
      .getValue()
      .then((s) =>
        rateCardSyncStatus.setValue({
          ...s,
          lastAttempt: now(),
          error: `sync failed: ${message}`,
          errors: [{ code: 'failed', values: { detail: message } }],
        }),
      )
      .catch(() => {});
  }
  // This run is over even though `syncing` is cleared only after it returns.
  const result = await getStatus().catch(() => null);
  return result ? { ...result, syncing: false } : fallbackStatus();
}

/** Fetch and validate genai-prices (null: not modified or failed, recorded in `feed`). */
async function fetchGenai(
  feed: FeedStatus,
  run: {
    etag: string | null;
    attempt: number;
    iso: string;
    fetchImpl: FetchLike;
    timeoutMs: number;
  },
): Promise<{ amendments: Amendments; etag: string | null } | null> {
  feed.lastAttempt = run.attempt;
  try {
    const result = await fetchFeed('genaiPrices', run.etag, run.fetchImpl, run.timeoutMs);
    if (result.kind === 'body') {
      return { amendments: parseGenaiFeed(result.json, run.iso), etag: result.etag };
    }
    markOk(feed, run.attempt);
  } catch (error) {
    markFailed(feed, error);
  }
  return null;
}

/** Record a run's outcome: `lastSync` moves only when every feed succeeded. */
async function saveStatus(
  lastSync: number | null,
  feeds: RateCardStatus['feeds'],
  attempt: number,
): Promise<void> {
  const failed = [feeds.modelsDev, feeds.openrouter, feeds.genaiPrices].filter((f) => f?.error);
  await rateCardSyncStatus.setValue({
    lastSync: failed.length ? lastSync : attempt,
    lastAttempt: attempt,
    error: failed.length ? failed.map((f) => f!.error).join('; ') : null,
    errors: failed.length
      ? failed.map((f) => f!.errorInfo ?? { code: 'rejected', values: { detail: f!.error! } })
      : null,
    feeds,
  });
}

/**
 * The genai-prices data the card in use was amended with (its last accepted live read, or the
 * bundled copy); every card a sync rebuilds is amended with it.
 */
async function amendmentsInUse(origin: 'bundled' | 'synced') {
  const stored = await syncedGenaiPrices.getValue().catch(() => null);
  const bundled = getBundledAmendments();
  return origin === 'synced' && stored
    ? {
        amendments: {
          ...bundled,
          genai: stored.genai,
          genaiSource: stored.genaiSource,
          // The live read's day (the day its source label names).
          genaiDate: new Date(stored.savedAt).toISOString().slice(0, 10),
        },
        live: true,
      }
    : { amendments: bundled, live: false };
}

/**
 * New genai-prices data over this run's fresh models.dev payload; the outcome is recorded in
 * `feeds.genaiPrices` (a rejection keeps `card`; no fresh payload: not applied, and why).
 */
function applyPendingGenai(
  card: RateCard,
  pending: { amendments: Amendments; etag: string | null },
  modelsDevJson: unknown,
  feeds: RateCardStatus['feeds'],
  run: { attempt: number; iso: string },
): RateCard {
  const feed = feeds.genaiPrices!;
  try {
    if (modelsDevJson === undefined) {
      const why = feeds.modelsDev.error ?? 'models.dev sent no new data';
      const text = `genai-prices not applied: it needs a fresh models.dev read (${why})`;
      throw new SyncError(text, 'rejected', { detail: text });
    }
    const next = applyGenaiFeed(card, pending.amendments, modelsDevJson, run.iso);
    feed.etag = pending.etag;
    markOk(feed, run.attempt);
    return next;
  } catch (error) {
    markFailed(feed, error);
    return card;
  }
}

function markOk(feed: FeedStatus, attempt: number) {
  feed.lastSuccess = attempt;
  feed.error = null;
  feed.errorInfo = null;
}

function markFailed(feed: FeedStatus, error: unknown) {
  const { text, info } = describeError(error);
  feed.error = text;
  feed.errorInfo = info;
}

/**
 * Refresh the exchange rates (keyless, ECB via Frankfurter) with the card; a failure keeps the
 * last good rates and is recorded beside them, never thrown.
 */
async function syncRates(fetchImpl: FetchLike, now: number, timeoutMs: number): Promise<void> {
  const stored = await syncedExchangeRates.getValue();
  const source = FX_SOURCE.name;
  try {
    let response: Response;
    try {
      response = await fetchImpl(FX_SOURCE.url, {
        signal: AbortSignal.timeout(timeoutMs),
        cache: 'no-cache',
        credentials: 'omit',
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw error instanceof Error && error.name === 'TimeoutError'
        ? new SyncError(
            `${source} did not answer within ${timeoutMs / 1000} s`,
            'timeout',
            { source, seconds: timeoutMs / 1000 },
            error,
          )
        : new SyncError(
            `${source} unreachable (${detail})`,
            'unreachable',
            { source, detail },
            error,
          );
    }
    if (!response.ok) throw httpError(source, response.status);
    const text = await response.text();
    if (text.length > 1_000_000) {
      throw new SyncError(`${source}: answer too large`, 'tooLarge', { source, mb: 1 });
    }
    const json = parseFeedBody(source, text, response.headers.get('content-type'));
    const rates = parseExchangeRates(json, now, stored.rates ?? {});
    await syncedExchangeRates.setValue({ rates, lastAttempt: now, error: null, errorInfo: null });
  } catch (error) {
    const { text, info } = describeError(error);
    await syncedExchangeRates.setValue({
      ...stored,
      lastAttempt: now,
      error: text,
      errorInfo: info,
    });
  }
}

/** The last good synced exchange rates ({} before the first sync). */
export async function getSyncedRates() {
  return (await syncedExchangeRates.getValue().catch(() => null))?.rates ?? {};
}

/** The rates to price in another currency with: the user's own over the synced ones. */
export async function getRatesInUse() {
  const user = (await currencySettings.getValue().catch(() => null))?.rates ?? {};
  return { ...(await getSyncedRates()), ...user };
}

function fallbackStatus(): RateCardStatus {
  const card = current?.card ?? getBundledCard();
  return {
    version: card.version,
    createdAt: card.createdAt,
    models: card.models.length,
    origin: current?.origin ?? 'bundled',
    lastSync: null,
    lastAttempt: null,
    syncing: false,
    error: 'status unavailable',
    errors: [{ code: 'unavailable', values: {} }],
    feeds: {
      ...structuredClone(rateCardSyncStatus.fallback.feeds),
      genaiPrices: emptyFeed('genaiPrices'),
    },
  };
}

/** Forget the in-memory card (tests; a storage change from another context). */
export function resetRateCardMemory() {
  current = null;
  syncing = null;
}

async function ensureAlarm() {
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (!existing) {
    await browser.alarms.create(SYNC_ALARM, {
      delayInMinutes: SYNC_PERIOD_MINUTES,
      periodInMinutes: SYNC_PERIOD_MINUTES,
    });
  }
}

export const rateCardHandlers: Handlers<
  | 'priceUsage'
  | 'priceUsageMany'
  | 'getModels'
  | 'lookupModels'
  | 'getRateCardStatus'
  | 'refreshRateCard'
> = {
  priceUsage: async ({ model, usage, offer, at, currency }) =>
    priceUsage(await getCard(), model, usage, {
      offer,
      at: at ?? Date.now(),
      overrides: await getValidOverrides(),
      currency,
      rates: currency ? await getRatesInUse() : undefined,
    }),
  priceUsageMany: async ({ model, usages, offer, at, currency }) => {
    const card = await getCard();
    // One moment for the whole batch: the rows of one view are priced alike.
    const options = {
      offer,
      at: at ?? Date.now(),
      overrides: await getValidOverrides(),
      currency,
      rates: currency ? await getRatesInUse() : undefined,
    };
    return usages.map((usage) => priceUsage(card, model, usage, options));
  },
  getModels: async () => {
    const card = await getCard();
    const overrides = await getValidOverrides();
    return {
      version: card.version,
      createdAt: card.createdAt,
      models: listModels(card).map((m) => ({ ...m, override: m.id in overrides })),
    };
  },
  lookupModels: async ({ query, limit }) => {
    const { card, origin } = await loadCurrent();
    return lookupModels(card, query, {
      limit,
      overrides: await getValidOverrides(),
      bundled: origin === 'synced' ? getBundledCard() : null,
    });
  },
  getRateCardStatus: () => getStatus(),
  refreshRateCard: () => syncRateCard(),
};

/**
 * Register the sync's listeners (synchronously, from the background's main()) and return the
 * message handlers. Sync runs on install and on the 12-hour alarm; the alarm is re-created on
 * each start if the browser dropped it.
 */
export function setupRateCard(): typeof rateCardHandlers {
  browser.runtime.onInstalled.addListener(() => {
    void ensureAlarm().catch(() => {});
    void syncRateCard();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncRateCard();
  });
  void ensureAlarm().catch(() => {});
  return rateCardHandlers;
}
