/**
 * Types shared by the engine, the overlay, the history and the popup. Pure data, no behaviour.
 */

/**
 * Where a number comes from. Every count or cost shown to a user carries one.
 * - `site`: exact usage reported by the site's own stream (z.ai `usage`, DeepSeek
 *   `accumulated_token_usage`);
 * - `exact`: the model's own tokenizer (o200k, cl100k, DeepSeek V3, Qwen3, Llama 3 vocabularies);
 * - `vocab`: a closely related public vocabulary (Gemini counted with Gemma 3's);
 * - `estimate`: a calibrated estimate from another vocabulary (shown as "≈");
 * - `unknown`: not counted (e.g. hidden reasoning).
 *
 * Listed from the surest to the least sure.
 */
export const PROVENANCES = ['site', 'exact', 'vocab', 'estimate', 'unknown'] as const;
export type Provenance = (typeof PROVENANCES)[number];

/** The less sure of two provenances: a sum is only as sure as its least sure part. */
export function weakerProvenance(a: Provenance, b: Provenance): Provenance {
  return PROVENANCES.indexOf(b) > PROVENANCES.indexOf(a) ? b : a;
}

/**
 * Which of a model's prices applies: `default` is the lab's own list price, `openrouter` the
 * price OpenRouter charges for it (its chat and playground bill at that offer).
 */
export const OFFER_KINDS = ['default', 'openrouter'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export interface TokenCount {
  tokens: number;
  provenance: Provenance;
  /** Tokenizer family used, e.g. "o200k_base", "deepseek-v3", "estimate:claude". */
  family: string;
}

/** Token usage of one request, by price class. `input` excludes cached input. */
export interface Usage {
  input: number;
  cacheRead?: number;
  cacheWrite?: number;
  output: number;
  reasoning?: number;
  requests?: number;
}

/**
 * One completed chat turn as the overlay reports it to the background (which prices and stores
 * it). Idempotency: `key` = site + conversation id + turn index + content hash, so re-renders,
 * reloads and revisits never count twice; a regenerated reply has a new hash and counts anew.
 */
export interface TurnEvent {
  key: string;
  site: string;
  conversationId: string;
  turnIndex: number;
  /** Epoch ms when the turn completed. */
  time: number;
  /** The site's model label as shown (e.g. "GPT-5 Thinking"). */
  modelLabel: string | null;
  /**
   * Canonical rate-card id once resolved (e.g. "openai/gpt-5"); a model the card does not know
   * as the site's stream named it ("gpt-5-6", unpriced: never priced as the label); else null.
   */
  model: string | null;
  /** API-equivalent input: all earlier visible turns + this prompt. */
  input: TokenCount;
  output: TokenCount;
  /** Reasoning tokens when shown on screen or reported by the site; provenance `unknown` otherwise. */
  reasoning: TokenCount;
  /** Set when this reply replaced an earlier one (regenerate). */
  regenerated?: boolean;
  /** The card's offer the site bills at (OpenRouter's chat and playground); default otherwise. */
  offer?: OfferKind;
  /** Only when the user opted in to storing text. */
  text?: { prompt: string; reply: string };
  /** The conversation's title as the site shows it; stored only when the user opted in to text. */
  conversationTitle?: string;
}
