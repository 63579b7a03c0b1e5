/**
 * The one shape every site adapter has. An adapter is mostly data (id, label, match patterns,
 * selectors with fallbacks); its readers take a root node so tests can pass a happy-dom document
 * and the runner can pass the live one. Adapters never observe, debounce, message or store:
 * the runner (utils/overlay/runner/) owns all of that, and contains every adapter call.
 */
import type { OfferKind } from '@/utils/core/types';
import type { AliasTable } from './models';
import type { UsageStreamFormat } from './stream-types';

/** 'system': an API playground's system prompt, sent as input with every request. */
export type Role = 'user' | 'assistant' | 'system';

/** One visible message element and its role, as listed by an adapter (cheap: no text read). */
export interface TurnNode {
  el: Element;
  role: Role;
}

/** The text of one turn. `thinking` is the reasoning shown on screen ('' when none is shown). */
export interface TurnText {
  text: string;
  thinking: string;
}

export interface Turn extends TurnText {
  role: Role;
}

/**
 * Selectors, each a list tried in order (first match wins), so a site's markup change that
 * breaks the first guess can fall back to a second without a code change. In an adapter each
 * list carries a one-line note of where it came from: "same as <public project> (checked
 * <month>)" when that project's code of that month uses it on the live site, or "reconstructed
 * fixture, unverified on the live page" ("unverified" for short).
 */
export interface SiteSelectors {
  /** The composer: a textarea or a contenteditable element. */
  composer: string[];
  /** Messages written by the user. */
  user: string[];
  /** Replies of the model. */
  assistant: string[];
  /** Reasoning shown on screen, inside an assistant turn. */
  thinking?: string[];
  /** Inside a turn, not part of its text (buttons, toolbars, citations UI). */
  ignore?: string[];
  /** The selected model's label. */
  modelLabel?: string[];
  /**
   * Shown anywhere while a reply streams (e.g. a stop button, `[data-is-streaming="true"]`); an
   * element the page hides by markup (`hidden`, `!hidden`, `display: none`) does not count.
   */
  streaming?: string[];
}

/** A site's own traffic that carries exact usage, read by the MAIN-world hook. */
export interface UsageStreamSpec {
  /** Matched against the request URL's pathname. */
  path: RegExp;
  format: UsageStreamFormat;
}

/** How a site's model is priced (playgrounds and OpenRouter show API ids, not display names). */
export interface AdapterPricing {
  /**
   * 'alias' (default): a display label, resolved through the site alias table.
   * 'api-id': the page shows the API id itself (playgrounds, OpenRouter): it goes to the rate
   * card's resolver as is, with no alias guessing.
   */
  modelLabel?: 'alias' | 'api-id';
  /** The card's offer this site bills at (OpenRouter's chat: OpenRouter's price). */
  offer?: OfferKind;
}

/**
 * What a site is, as plain data (its folder's `site.ts`): no DOM code, so the manifest's match
 * lists, the page-world hook and the docs can read it without the adapter.
 */
export interface SiteInfo {
  /**
   * Stable id: used in settings, idempotency keys and history, and the name of the site's
   * folder (`utils/sites/<id>/`). Lowercase, no spaces.
   */
  id: string;
  /** Human name shown in the badge and the popup. */
  label: string;
  /** Extension match patterns; the manifest's lists are derived from them. */
  matches: string[];
}

/**
 * The site's own token count shown on its page (Google AI Studio counts the prompt), read beside
 * ours and labelled as the site's: never mixed into our counts.
 */
export interface SiteTokens {
  /** Tokens as the page shows them. */
  tokens: number;
  /** Whose count it is, as the overlay names it ("Google"). */
  by: string;
  /** What it counts ("prompt": the next request's input, the conversation and the draft). */
  of: 'prompt';
}

/** A site's row in docs/sites.md (written by `npx tsx scripts/gen-sites.ts`). */
export interface SiteDoc {
  /** The name in the table when it differs from the adapter's label. */
  name?: string;
  /** The hosts as the table names them (e.g. "kimi.com, www.kimi.com"). */
  hosts: string;
  draft: string;
  turns: string;
  model: string;
  exactUsage: string;
  notes: string;
  /**
   * What rests on maintained public code that reads the live site (which parts, which projects,
   * the date of their code), for the table of sources in docs/sites.md.
   */
  sourced?: string;
  /** What is still our guess (no public source reads it). */
  guessed?: string;
}

export interface AdapterSpec extends SiteInfo {
  selectors: SiteSelectors;
  /** Conversation id from the page URL; null on a new, unsaved chat. */
  conversationId: (url: URL) => string | null;
  usageStream?: UsageStreamSpec;
  /** Its model labels → rate-card ids (its folder's `models.ts`), tried before the shared ones. */
  models?: AliasTable;
  /** What is known not to work on this site (tests and docs name them). */
  knownGaps?: string[];
  /** Overrides for sites whose markup does not fit the selector lists. */
  listTurns?: (root: ParentNode) => TurnNode[];
  readTurn?: (node: TurnNode) => TurnText;
  readModelLabel?: (root: ParentNode) => string | null;
  isStreaming?: (root: ParentNode) => boolean;
  pricing?: AdapterPricing;
  /**
   * Output tokens to assume for the next request until its reply arrives (a playground's
   * max-output setting); null when the page shows none.
   */
  readOutputAssumption?: (root: ParentNode) => number | null;
  /** The site's own token count on the page, if it shows one (null when not shown). */
  readSiteTokens?: (root: ParentNode) => SiteTokens | null;
}

export interface SiteAdapter extends Required<
  Pick<
    AdapterSpec,
    'id' | 'label' | 'matches' | 'selectors' | 'conversationId' | 'knownGaps' | 'models'
  >
> {
  usageStream?: UsageStreamSpec;
  /** The composer element, or null when it cannot be found. */
  findComposer(root: ParentNode): Element | null;
  /** The draft's text, or null when there is no composer on the page. */
  readDraft(root: ParentNode): string | null;
  /** Every message element in document order. */
  listTurns(root: ParentNode): TurnNode[];
  /** A message's text and shown reasoning. */
  readTurn(node: TurnNode): TurnText;
  /** All turns with their text (convenience for tests and small pages; the runner caches). */
  readTurns(root: ParentNode): Turn[];
  readModelLabel(root: ParentNode): string | null;
  isStreaming(root: ParentNode): boolean;
  /** A CSS selector matching any turn element, used to map a DOM mutation to its turn. */
  turnSelector: string;
  pricing?: AdapterPricing;
  readOutputAssumption?: (root: ParentNode) => number | null;
  readSiteTokens?: (root: ParentNode) => SiteTokens | null;
}
