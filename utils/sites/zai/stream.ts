/**
 * chat.z.ai `POST /api/v2/chat/completions`: SSE frames
 * `{"type": "chat:completion", "data": {"delta_content": "...", "phase": "thinking" | "answer"}}`;
 * the frame with `phase: "other"` carries `usage: {prompt_tokens, completion_tokens, ...}`, the
 * site's exact count (as the source of public extensions that read the site showed, mid-2026).
 * `done: true` in a frame marks the end.
 */
import { createSseJsonReader, isRecord, toCount } from '../sse';
import type { SiteStream, StreamUsage, UsageStreamParser } from '../stream-types';
import type { UsageStreamSpec } from '../types';
import { site } from './site';

/** The request that carries usage (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/api\/v2\/chat\/completions$/,
  format: 'zai',
} satisfies UsageStreamSpec;

export function createZaiParser(): UsageStreamParser {
  let usage: StreamUsage | null = null;
  let model: string | undefined;
  let done = false;

  const reader = createSseJsonReader((frame) => {
    if (!isRecord(frame) || !isRecord(frame.data)) return;
    const data = frame.data;
    if (typeof data.model === 'string') model = data.model;
    if (data.done === true) done = true;
    const u = data.usage;
    if (!isRecord(u)) return;
    const input = toCount(u.prompt_tokens);
    const output = toCount(u.completion_tokens);
    if (input === undefined && output === undefined) return;
    const details = isRecord(u.completion_tokens_details) ? u.completion_tokens_details : {};
    usage = {
      format: 'zai',
      input,
      output,
      reasoning: toCount(details.reasoning_tokens),
      total: toCount(u.total_tokens),
      done: false,
    };
  });

  const current = (): StreamUsage | null => (usage ? { ...usage, model, done } : null);

  return {
    push: (chunk) => reader.push(chunk),
    finish() {
      reader.flush();
      return current();
    },
    current,
  };
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createZaiParser,
};

export default stream;
