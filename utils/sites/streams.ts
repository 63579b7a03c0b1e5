/**
 * The stream registry: every site whose own stream carries exact usage, one line each. The
 * MAIN-world hook (entrypoints/usage-hook.content.ts) and its channel import this file only, never
 * the adapters, so their bundles hold the stream readers and nothing of the page readers. The
 * registry meta-test checks it lists exactly the adapters that declare a `usageStream`.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import deepseek from './deepseek/stream';
import zai from './zai/stream';
import type { SiteStream, UsageStreamFormat, UsageStreamParser } from './stream-types';

export type { SiteStream, StreamUsage, UsageStreamFormat, UsageStreamParser } from './stream-types';

export const STREAMS: readonly SiteStream[] = [deepseek, zai];

/** The match patterns of every site with a stream reader (the hook's content scripts). */
export const STREAM_MATCHES: string[] = STREAMS.flatMap((s) => s.matches);

/** The streams to read on a page URL (none on a site without one). */
export function findStreams(url: string | URL): SiteStream[] {
  return STREAMS.filter((s) => s.matches.some((m) => new MatchPattern(m).includes(url)));
}

export function createUsageParser(format: UsageStreamFormat): UsageStreamParser {
  const stream = STREAMS.find((s) => s.format === format);
  if (!stream) throw new Error(`no usage stream reader for ${format}`);
  return stream.createParser();
}

/** Parse a whole body at once (tests, replays). */
export function parseUsageStream(format: UsageStreamFormat, body: string) {
  const parser = createUsageParser(format);
  parser.push(body);
  return parser.finish();
}
