import type { SiteTokens, Turn } from '@/utils/sites/types';
import type { StreamUsage } from '@/utils/sites/stream-types';
import type { TokenCount, TurnEvent, Usage } from '@/utils/core/types';

/** What the runner read from the page at one moment. */
export interface Snapshot {
  url: string;
  conversationId: string | null;
  /** null when the composer is not on the page. */
  draft: string | null;
  turns: Turn[];
  modelLabel: string | null;
  streaming: boolean;
  /**
   * Output tokens to assume for the next request until its reply arrives (an API playground's
   * max-output setting); absent on chat sites.
   */
  outputAssumption?: number | null;
  /** The site's own token count on the page (AI Studio's prompt count); absent elsewhere. */
  siteTokens?: SiteTokens | null;
  /** Set when an adapter reader threw: the snapshot holds what could still be read. */
  error?: string;
}

/** Exact usage from the site's own stream, as the MAIN-world hook reported it. */
export interface UsageReport extends StreamUsage {
  /** Epoch ms when the stream ended (or the usage arrived). */
  at: number;
  /** Path of the request, for the panel. */
  path?: string;
}

export interface ModelInfo {
  id: string;
  name: string;
  contextWindow: number | null;
}

/**
 * A cost in the user's display currency, as the background priced it: the lab's own list price
 * in that currency, or the USD cost converted at a dated rate ('mixed': a sum of both kinds).
 */
export interface LocalMoney {
  currency: string;
  /** Micro-units of `currency` (integer). */
  micros: number;
  basis: 'list price' | 'converted' | 'mixed';
  /** The rate used (converted): units per USD, its day and origin ('synced', 'bundled', 'user'). */
  rate?: { perUsd: number; date: string; source: string };
  /** Where a list price came from ("DeepSeek pricing page 2025-09-29"), or the rate in words. */
  source: string;
}

export type PriceReply =
  | {
      priced: true;
      /** USD micros (the card's figure). */
      costMicros: number;
      /** The same cost in the user's currency, when it is not USD and could be priced in it. */
      local?: LocalMoney;
      /** Why `local` is missing though another currency was asked ("no exchange rate for XAF"). */
      localError?: string;
      /** Epoch ms when a time-of-day rule (peak hours) may change this price: stale from then. */
      until?: number;
    }
  | { priced: false; reason: string };

/** Everything the meter needs from outside; the content script wires these to messages. */
export interface MeterServices {
  countTokens(model: string | null, text: string): Promise<TokenCount>;
  /**
   * Many texts on one model in one round trip, in order. Optional: without it the meter sends
   * one `countTokens` per text (a thousand turns = a thousand messages).
   */
  countTokensBatch?(model: string | null, texts: string[]): Promise<TokenCount[]>;
  /** The rate card's entry for an id or alias; null when the card has no such model. */
  modelInfo(id: string): Promise<ModelInfo | null>;
  priceUsage(model: string, usage: Usage): Promise<PriceReply>;
  /** Several usages on one model in one round trip, in order (optional, as above). */
  priceUsageMany?(model: string, usages: Usage[]): Promise<PriceReply[]>;
  recordTurn(event: TurnEvent): Promise<void>;
}

export type ModelSource = 'override' | 'stream' | 'label' | 'none';

export interface ModelView {
  /** The site's label as shown, if any. */
  label: string | null;
  /** The id the label, the stream or the override pointed to (before the card lookup). */
  candidate: string | null;
  /** The model as the site's stream named it ("gpt-5-6"), when the stream chose the candidate. */
  named?: string;
  source: ModelSource;
  /** The rate card's entry; null = not in the card (unpriced) or not detected. */
  info: ModelInfo | null;
  /** 'unknown-label': a label we cannot map; 'not-detected': no label at all; 'unpriced': mapped but not in the card. */
  status: 'ok' | 'unknown-label' | 'not-detected' | 'unpriced' | 'loading';
}

export interface TurnRow {
  turnIndex: number;
  input: TokenCount | null;
  output: TokenCount | null;
  reasoning: TokenCount;
  costMicros: number | null;
  /** The cost in the user's currency (absent: show USD). */
  local?: LocalMoney;
  /** Why there is no cost: 'unpriced', 'counting', 'engine unavailable'. */
  costNote?: string;
  recorded: 'no' | 'pending' | 'saved' | 'failed';
  /** The numbers came from the site's own stream. */
  exact: boolean;
  /**
   * Input the site counted beyond the visible conversation (system prompt, memory, tools,
   * search results): its exact input minus our count; null when not known or not positive.
   */
  hiddenContext?: number | null;
  regenerated?: boolean;
}

export type Health = 'ok' | 'partial' | 'not-detected' | 'error';

export interface MeterView {
  site: { id: string; label: string };
  health: Health;
  healthNote?: string;
  model: ModelView;
  draft: {
    chars: number;
    tokens: TokenCount | null;
    costMicros: number | null;
    local?: LocalMoney;
    note?: string;
    /** Output tokens included in `costMicros` (a playground's max-output setting). */
    assumedOutput?: number;
  } | null;
  conversation: {
    /** Tokens of every visible turn (what the next request resends). */
    contextTokens: number | null;
    costMicros: number | null;
    /** The rows' sum in the user's currency, when every priced row has one. */
    local?: LocalMoney;
    costNote?: string;
    turns: number;
  };
  /**
   * Sending the draft now: API-equivalent input = every visible turn + the draft, priced as
   * input on the detected model. null until counted or when unpriced.
   */
  nextRequest: {
    inputTokens: number;
    costMicros: number | null;
    local?: LocalMoney;
    note?: string;
  } | null;
  /**
   * The user's currency could not be used (no exchange rate for it): figures are in USD and this
   * says why. Absent when the currency is USD or every figure is in it.
   */
  localError?: string;
  /** (conversation + draft) / context window, 0..∞; null when the window is unknown. */
  contextRatio: number | null;
  rows: TurnRow[];
  streaming: boolean;
  engine: 'ok' | 'unavailable';
  lastUsage: UsageReport | null;
  /** The site's own count shown on its page, passed through as the site's (never ours). */
  siteTokens: SiteTokens | null;
}
