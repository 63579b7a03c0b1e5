/**
 * chat.z.ai `POST /api/v2/chat/completions` (query string varies): SSE frames
 * `{"type": "chat:completion", "data": {"delta_content": "...", "phase": "thinking" | "answer"}}`;
 * a frame with `phase: "other"` carries `usage: {prompt_tokens, completion_tokens, total_tokens}`,
 * the site's exact count, then `phase: "done"` with `done: true` (a real capture, August 2026:
 * fixtures/capture.txt). `completion_tokens` already includes the thinking (165 for ~15 tokens of
 * answer), so the output is marked as holding the reasoning: split, never added to. The stream
 * names no model.
 */
import { createSseJsonReader, isRecord, toCount } from '../sse';
import {
  createTextSink,
  type ParserOptions,
  type SiteStream,
  type StreamUsage,
  type UsageStreamParser,
  readerParser,
  requestJson,
  plainModelId,
} from '../stream-types';
import type { UsageStreamSpec } from '../types';
import { site } from './site';

/** The request that carries usage (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/api\/v\d+\/chat\/completions$/,
  format: 'zai',
} satisfies UsageStreamSpec;

export function createZaiParser(options: ParserOptions = {}): UsageStreamParser {
  let usage: StreamUsage | null = null;
  const text = createTextSink(options.keepText);

  const reader = createSseJsonReader(
    (frame) => {
      if (!isRecord(frame) || !isRecord(frame.data)) return;
      const data = frame.data;
      if (typeof data.delta_content === 'string')
        text.append(data.phase === 'thinking' ? 'thinking' : 'answer', data.delta_content);
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
        outputIncludesReasoning: true,
        done: true,
      };
    },
    undefined,
    options.keepText ? undefined : (payload) => payload.includes('"usage"'),
  );

  // The usage frame is the last word on the numbers: reaching it is reaching the end.
  const current = (): StreamUsage | null => (usage ? { ...usage, done: true } : null);

  return readerParser(reader, current, text);
}

/**
 * The model the page asked for: the completion POST's top-level `model`, as the site names it
 * (an upstream id such as "GLM-4-6-API-V1" or "glm-4.7"; the site's alias table maps it).
 */
export function zaiRequestModel(body: string): string | null {
  return plainModelId(requestJson(body)?.model);
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createZaiParser,
  requestModel: zaiRequestModel,
};

export default stream;
