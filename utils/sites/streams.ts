/**
 * The stream registry: every site whose own stream carries something (exact usage, the model
 * that answered, quota windows), one line each. The
 * MAIN-world hook (entrypoints/usage-hook.content.ts) and its channel import this file only, never
 * the adapters, so their bundles hold the stream readers and nothing of the page readers. The
 * registry meta-test checks it lists exactly the adapters that declare a `usageStream`.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import aistudio from './aistudio/stream';
import chatgpt from './chatgpt/stream';
import claude from './claude/stream';
import deepseek from './deepseek/stream';
import mimo from './mimo/stream';
import perplexity from './perplexity/stream';
import gemini from './gemini/stream';
import kimi from './kimi/stream';
import qwen from './qwen/stream';
import zai from './zai/stream';
import type {
  ParserOptions,
  SiteStream,
  UsageStreamFormat,
  UsageStreamParser,
} from './stream-types';

export type {
  ParserOptions,
  QuotaWindow,
  SiteStream,
  StreamText,
  StreamUsage,
  UsageStreamFormat,
  UsageStreamParser,
} from './stream-types';

export const STREAMS: readonly SiteStream[] = [
  chatgpt,
  claude,
  deepseek,
  gemini,
  kimi,
  qwen,
  zai,
  mimo,
  perplexity,
  aistudio,
];

/** The match patterns of every site with a stream reader (the hook's content scripts). */
export const STREAM_MATCHES: string[] = STREAMS.flatMap((s) => s.matches);

/** The streams to read on a page URL (none on a site without one). */
export function findStreams(url: string | URL): SiteStream[] {
  return STREAMS.filter((s) => s.matches.some((m) => new MatchPattern(m).includes(url)));
}

export function createUsageParser(
  format: UsageStreamFormat,
  options?: ParserOptions,
): UsageStreamParser {
  const stream = STREAMS.find((s) => s.format === format);
  if (!stream) throw new Error(`no usage stream reader for ${format}`);
  return stream.createParser(options);
}

/** A match pattern's host ("*.example.com" allowed), or null for "<all_urls>" and the like. */
function patternHost(pattern: string): string | null {
  const m = /^[a-z*]+:\/\/([^/]+)\//.exec(pattern);
  return m ? m[1] : null;
}

/**
 * The stream reader for a request URL (the CLI, replays): a site whose pages share the
 * request's host, and whose path pattern matches the request's path. Requests often go to
 * paths the pages' own patterns leave out (Gemini's pages are `/app…`, its stream `/_/…`).
 */
export function findStreamForRequest(url: string | URL): SiteStream | null {
  const u = new URL(url);
  const sameHost = (m: string) => {
    const host = patternHost(m);
    if (!host) return false;
    return host.startsWith('*.') ? u.host.endsWith(host.slice(1)) : u.host === host;
  };
  // Or one of the hosts its requests go to (AI Studio's prompts go to Google's API host).
  const requestHost = (s: SiteStream) =>
    u.protocol === 'https:' && !!s.requestHosts?.includes(u.host);
  return (
    STREAMS.find((s) => (s.matches.some(sameHost) || requestHost(s)) && s.path.test(u.pathname)) ??
    null
  );
}

/** Parse a whole body at once (tests, replays). */
export function parseUsageStream(format: UsageStreamFormat, body: string) {
  const parser = createUsageParser(format);
  parser.push(body);
  return parser.finish();
}
