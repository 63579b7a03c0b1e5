/**
 * Exact usage read from a chat site's own stream. Pure data: the MAIN-world hook feeds the
 * response text to a parser and passes the result to the content script.
 */

/** Which site's stream a report came from: the site's id (e.g. 'deepseek', 'zai'). */
export type UsageStreamFormat = string;

export interface StreamUsage {
  format: UsageStreamFormat;
  /** Prompt tokens of this request as the site counted them (includes the resent history). */
  input?: number;
  output?: number;
  reasoning?: number;
  /**
   * Total tokens of the request when the site reports only a total (DeepSeek's
   * `accumulated_token_usage`: prompt + reply of this request).
   */
  total?: number;
  /** The model named in the stream (DeepSeek `model_type`, z.ai `model`), as the site spells it. */
  model?: string;
  /** The stream said it finished (vs. cut off). */
  done: boolean;
}

export interface UsageStreamParser {
  /** Feed the next piece of the response body (any split, even inside a line). */
  push(chunk: string): void;
  /** End of body: flush the last partial line; returns the usage found, if any. */
  finish(): StreamUsage | null;
  /** Usage found so far (null until the stream carried any). */
  current(): StreamUsage | null;
}

/**
 * A site's stream reader, as its folder's `stream.ts` exports it: where the site runs, which
 * requests carry usage, and the parser. Registered in utils/sites/streams.ts (the page-world
 * hook's registry, which never imports an adapter).
 */
export interface SiteStream {
  /** The site's id; also the `format` of every report it produces. */
  format: UsageStreamFormat;
  /** The site's match patterns (from its `site.ts`). */
  matches: readonly string[];
  /** Matched against the request URL's pathname. */
  path: RegExp;
  createParser(): UsageStreamParser;
}
