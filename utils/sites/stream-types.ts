/**
 * What a chat site's own stream says about a reply. Pure data: the MAIN-world hook feeds the
 * response text to a parser and passes the result to the content script; the CLI's `usage`
 * command runs the same parsers over a saved body.
 */

/** Which site's stream a report came from: the site's id (e.g. 'deepseek', 'zai'). */
export type UsageStreamFormat = string;

/** A quota window the site reported (Claude's 5-hour and 7-day use, ChatGPT's feature limits). */
export interface QuotaWindow {
  /** The window as the site names it: "5h", "7d", or a feature ("deep_research"). */
  window: string;
  /** Fraction used, 0..1; null when the site gives only what remains. */
  used: number | null;
  /** Uses left, when the site counts them. */
  remaining?: number;
  /** ISO time the window resets; null when not given. */
  resetsAt: string | null;
}

export interface StreamUsage {
  format: UsageStreamFormat;
  /** Prompt tokens of this request as the site counted them (includes the resent history). */
  input?: number;
  /** Output tokens as the site counted them (see `outputIncludesReasoning`). */
  output?: number;
  reasoning?: number;
  /**
   * Prompt + reply of this request when the site reports only a total (DeepSeek's final
   * `accumulated_token_usage`).
   */
  total?: number;
  /**
   * The site's `output` already holds the reasoning (z.ai's and Qwen's `completion_tokens`, as
   * OpenAI's API counts it): our counts may split it, never add to it.
   */
  outputIncludesReasoning?: boolean;
  /** DeepSeek: the running count when the reply began; a cross-check, never a count. */
  opening?: number;
  /** The model that answered, as the stream names it (ChatGPT `model_slug`, Claude `model`). */
  model?: string;
  /** A notice the site gave about the model (Kimi: "Switched to K2.6 Instant …"). */
  notice?: string;
  /** Quota windows the stream reported. */
  limits?: QuotaWindow[];
  /** The stream reached its usage or end frame (vs. cut off). */
  done: boolean;
}

/** The reply's streamed text, kept by the parser so the CLI can count it. */
export interface StreamText {
  answer: string;
  thinking: string;
}

export interface UsageStreamParser {
  /** Feed the next piece of the response body (any split, even inside a line). */
  push(chunk: string): void;
  /** End of body: flush the last partial frame; returns what was found, if anything. */
  finish(): StreamUsage | null;
  /** What was found so far (null until the stream carried anything worth reporting). */
  current(): StreamUsage | null;
  /** The reply's text streamed so far, when asked for (`keepText`); empty otherwise. */
  text(): StreamText;
}

export interface ParserOptions {
  /**
   * Keep the reply's text (the CLI counts it). The page-world hook does not: it never holds more
   * of a body than the frame it is reading.
   */
  keepText?: boolean;
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
  /** Matched against the request URL's pathname; versions as a pattern (`/api/v\d+/…`). */
  path: RegExp;
  createParser(options?: ParserOptions): UsageStreamParser;
  /**
   * The model the page asked for, read from the request's body (MiMo's `modelConfig.model`):
   * for sites whose stream names none. null when the body does not say.
   */
  requestModel?(body: string): string | null;
  /** Hosts other than the page's that the request goes to (none: the page's own origin). */
  requestHosts?: readonly string[];
}

/** A request body as much as a reader of its model needs (a prompt may be megabytes). */
export const MAX_REQUEST_BODY = 1_000_000;

/** A request body's top-level JSON object; null when it is not JSON or not an object. */
export function requestJson(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A model id as a request names it ("gpt-5-5", "claude-haiku-4-5-20251001"); else null. */
export function plainModelId(value: unknown): string | null {
  return typeof value === 'string' && /^[\w.:-]{1,100}$/.test(value) ? value : null;
}

/** Text kept per reply at most: far beyond a chat reply, bounded on a hostile stream. */
export const MAX_STREAM_TEXT = 2_000_000;

/**
 * The answer and thinking text of a reply, appended or replaced, never beyond the bound; keeps
 * nothing unless `keep`.
 */
export function createTextSink(keep = false) {
  let answer = '';
  let thinking = '';
  const cap = (s: string) => (s.length > MAX_STREAM_TEXT ? s.slice(0, MAX_STREAM_TEXT) : s);
  return {
    append(kind: 'answer' | 'thinking', s: string) {
      if (!keep) return;
      if (kind === 'answer') {
        if (answer.length < MAX_STREAM_TEXT) answer = cap(answer + s);
      } else if (thinking.length < MAX_STREAM_TEXT) thinking = cap(thinking + s);
    },
    /** A snapshot stream (Gemini): the whole reply so far replaces what was kept. */
    replace(kind: 'answer' | 'thinking', s: string) {
      if (!keep) return;
      if (kind === 'answer') answer = cap(s);
      else thinking = cap(s);
    },
    text: (): StreamText => ({ answer, thinking }),
  };
}

/**
 * Split a site's output total that includes the reasoning between reasoning and answer in
 * proportion to our counts of the two texts: the total stays the site's, never grows.
 */
export function splitSiteOutput(
  total: number,
  answerCount: number,
  thinkingCount: number,
): { answer: number; reasoning: number } {
  const sum = answerCount + thinkingCount;
  if (sum <= 0 || thinkingCount <= 0) return { answer: total, reasoning: 0 };
  const reasoning = Math.round((total * thinkingCount) / sum);
  return { answer: total - reasoning, reasoning };
}

/**
 * A parser over a frame reader: `push` feeds it; `finish` flushes its last partial frame (when it
 * buffers one) and returns what was found.
 */
export function readerParser(
  reader: { push(chunk: string): void; flush?(): void },
  current: () => StreamUsage | null,
  text: { text(): StreamText },
): UsageStreamParser {
  return {
    push: (chunk) => reader.push(chunk),
    finish() {
      reader.flush?.();
      return current();
    },
    current,
    text: text.text,
  };
}
