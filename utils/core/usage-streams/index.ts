import { createDeepSeekParser } from './deepseek';
import { createZaiParser } from './zai';
import type { UsageStreamFormat, UsageStreamParser } from './types';

export type { StreamUsage, UsageStreamFormat, UsageStreamParser } from './types';

const PARSERS: Record<UsageStreamFormat, () => UsageStreamParser> = {
  deepseek: createDeepSeekParser,
  zai: createZaiParser,
};

export function createUsageParser(format: UsageStreamFormat): UsageStreamParser {
  return PARSERS[format]();
}

/** Parse a whole body at once (tests, replays). */
export function parseUsageStream(format: UsageStreamFormat, body: string) {
  const parser = createUsageParser(format);
  parser.push(body);
  return parser.finish();
}
