/**
 * The one typed protocol between content scripts, pages and the background.
 *
 * A small wrapper over `browser.runtime` messaging (not @webext-core/messaging, which calls the
 * `chrome` global directly and so bypasses webextension-polyfill and WXT's fake browser in tests).
 * Every reply is an envelope so a handler's error reaches the caller as a rejected promise with
 * its message, instead of an undefined response.
 *
 * To add a message: add an entry to `Protocol`, then its handler in a background module (the
 * background's merged map does not compile until every message has one).
 */
import { browser, type Browser } from 'wxt/browser';
import type {
  LookupResult,
  ModelSummary,
  PriceResult,
  RateCardStatus,
} from '@/utils/core/ratecard';
import type { RepriceResult, TextProfile } from '@/utils/core/aggregate';
import type { OfferKind, TokenCount, TurnEvent, Usage } from '@/utils/core/types';
import type { ImportFileRow, StoredEvent } from '@/utils/db/types';
import type { ImportEvent } from '@/utils/core/imports';
import type { CompareRow, FamilyState, OutputSpec } from '@/utils/core/compare';
import type { CompareHandoff } from '@/utils/storage';
import type { OpenRouterStatus } from '@/utils/storage/state/openrouter';
import type { FolderScans } from '@/utils/storage/state/imports';

export interface Protocol {
  /** Liveness and version: used by the e2e wiring test and by the badge's "connected" state. */
  ping: { req: { from: string }; res: { version: string; at: number; from: string } };
  /**
   * Tokens of a text for a model (canonical id; null → labelled default estimate), counted in the
   * background where the vocabularies live (utils/background/tokenizer.ts).
   */
  countTokens: {
    req: { model: string | null; text: string };
    res: { model: string | null; count: TokenCount };
  };
  /** One text on several models (the compare view), in the order asked. */
  countTokensMany: {
    req: { models: (string | null)[]; text: string };
    res: { model: string | null; count: TokenCount }[];
  };
  /**
   * Many texts on one model, in the order asked: the overlay counts a long conversation's turns
   * in a few messages instead of one per turn (each message costs the browser process and the
   * page's thread a round of IPC; a thousand of them slowed the page's own frames).
   */
  countTokensBatch: {
    req: { model: string | null; texts: string[] };
    res: { counts: TokenCount[] };
  };
  /**
   * Price one request's usage on the rate card (utils/background/ratecard.ts); unknown → unpriced.
   * `at`: the moment of use (epoch ms; default now) picks the price then in force (peak hours);
   * `currency`: also price in it (`local`: the lab's list price, else converted at a dated rate).
   */
  priceUsage: {
    req: { model: string; usage: Usage; offer?: OfferKind; at?: number; currency?: string };
    res: PriceResult;
  };
  /** Several usages on one model (the overlay's per-turn rows), in the order asked. */
  priceUsageMany: {
    req: { model: string; usages: Usage[]; offer?: OfferKind; at?: number; currency?: string };
    res: PriceResult[];
  };
  /** Compact model list for menus and the compare view; `override` marks a custom price. */
  getModels: {
    req: Record<string, never>;
    res: { version: string; createdAt: string; models: (ModelSummary & { override: boolean })[] };
  };
  /**
   * "Look up a model" (options page): models of the card in use matching `query`, each priced
   * field with its source and date, tiers, history, time rules, the user's price and sync changes.
   */
  lookupModels: { req: { query: string; limit?: number }; res: LookupResult };
  /** The card in use and the last sync (time, per-feed error) for the UI. */
  getRateCardStatus: { req: Record<string, never>; res: RateCardStatus };
  /** "Refresh now": sync both feeds, answer with the resulting status. */
  refreshRateCard: { req: Record<string, never>; res: RateCardStatus };
  /**
   * Store one completed turn in the history (utils/background/history/record.ts, the only writer).
   * Idempotent by `key`: a repeat is skipped (`duplicate: true`), never counted twice.
   * `costMicroUsd` is null when unpriced (unknown model) or not stored. `queued`: storage was
   * full, the turn is kept aside and saved later by the background (the sender need not retry).
   */
  recordTurn: {
    req: TurnEvent;
    res: { stored: boolean; duplicate: boolean; queued?: boolean; costMicroUsd: number | null };
  };
  /** Import validated history rows (options page, in chunks); duplicates skipped by key. */
  importHistory: {
    req: { events: StoredEvent[]; titles: [string, string][] };
    res: { added: number; duplicates: number };
  };
  /**
   * Store usage read from agents' logs, aggregators' reports and provider exports (options page,
   * in batches; `files` are marked read with the batch that ends them). Priced at each event's
   * date; of two events with one key the one with more tokens is kept.
   */
  importUsage: {
    req: { events: ImportEvent[]; files?: ImportFileRow[] };
    res: { added: number; replaced: number; duplicates: number; refused: number };
  };
  /**
   * Pull OpenRouter credits and daily activity with the key the user saved (options page); the
   * activity is stored as imported usage. Errors are in the status (nothing stored, key kept).
   */
  pullOpenRouter: { req: Record<string, never>; res: OpenRouterStatus };
  /** Remove the saved OpenRouter key and what its pulls found (stored usage stays). */
  forgetOpenRouter: { req: Record<string, never>; res: { forgotten: true } };
  /**
   * Re-scan the granted folders if the user's interval makes a scan due (options page and
   * dashboard on opening), or now (`force`, after a permission was given back).
   */
  rescanFolders: { req: { force?: boolean }; res: FolderScans };
  /** Delete the whole history (the user confirmed). */
  deleteHistory: { req: Record<string, never>; res: { deleted: true } };
  /**
   * "On another model": re-price the stored usage of [start, end) on `model`, scaling counts by
   * the tokenizer families' ratios for the text profile (the background holds the card in use).
   */
  repriceHistory: {
    req: { model: string; profile: TextProfile; start: number; end: number };
    res: RepriceResult & { modelName: string | null };
  };
  /**
   * Compare view (utils/background/compare.ts): rows for `models` (plus the default list when
   * `withDefaults`) priced on the card in use, from per-family counts the page gathered with
   * `countTokens`; `families` says which model to count for each family still needed.
   */
  getCompareRows: {
    req: {
      models: string[];
      withDefaults: boolean;
      counts: Record<string, FamilyState>;
      output: OutputSpec;
      currentModel: string | null;
      /** Also price each row in this currency (`price.local`); absent or USD: USD only. */
      currency?: string;
    };
    res: {
      rows: CompareRow[];
      families: { family: string; label: string; model: string }[];
      missingDefaults: string[];
      card: { version: string; createdAt: string };
    };
  };
  /** Open a compare tab on a text (from the overlay); the text waits in storage.session. */
  openCompare: { req: Omit<CompareHandoff, 'at'>; res: { opened: boolean } };
}

export type MessageType = keyof Protocol;
export type Req<K extends MessageType> = Protocol[K]['req'];
export type Res<K extends MessageType> = Protocol[K]['res'];

interface Envelope<K extends MessageType = MessageType> {
  tm: 1;
  type: K;
  data: Req<K>;
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export type Sender = Browser.runtime.MessageSender;
export type Handler<K extends MessageType> = (
  data: Req<K>,
  sender: Sender,
) => Res<K> | Promise<Res<K>>;
/**
 * One handler for each message of `K`. Each background module states the messages it answers
 * (`Handlers<'ping'>`); the background's merged map is a `Handlers` of every message, so a
 * message added to `Protocol` without a handler fails to compile there.
 */
export type Handlers<K extends MessageType = MessageType> = { [P in K]: Handler<P> };

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).tm === 1 &&
    typeof (message as Envelope).type === 'string'
  );
}

/** Send a typed message to the background; rejects with the handler's error message. */
export async function sendMessage<K extends MessageType>(type: K, data: Req<K>): Promise<Res<K>> {
  const envelope: Envelope<K> = { tm: 1, type, data };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<Res<K>> | undefined;
  if (!reply) throw new Error(`No handler answered "${type}"`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/**
 * Install the background's handlers. Only messages from this extension are answered
 * (content scripts and pages): a web page can never reach `runtime.onMessage` without
 * `externally_connectable`, and the id check makes that explicit.
 */
export function registerHandlers(handlers: Partial<Handlers>): () => void {
  // Reply through `sendResponse` + `return true`: understood by Chrome, Firefox, the polyfill
  // and WXT's fake browser alike (a returned Promise is not, in all of them).
  const listener = (
    message: unknown,
    sender: Sender,
    sendResponse: (reply: Reply<unknown>) => void,
  ): true | undefined => {
    if (!isEnvelope(message)) return undefined;
    if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
    const handler = handlers[message.type] as
      ((data: unknown, sender: Sender) => unknown) | undefined;
    if (!handler) return undefined;
    (async () => {
      try {
        sendResponse({ ok: true, value: await handler(message.data, sender) });
      } catch (error) {
        sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    })();
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
