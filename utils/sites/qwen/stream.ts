/**
 * chat.qwen.ai `POST /api/v2/chat/completions`: OpenAI-like SSE (a real capture, August 2026:
 * fixtures/capture.txt). Every frame carries `usage: {input_tokens, output_tokens, total_tokens}`,
 * the output growing to its final value; text in `choices[0].delta.content` with `phase`
 * ("answer" | "thinking" | "think"); the last frame has `status: "finished"`. The input is exact
 * from the first frame; the output only counts once the stream finished (a cut-off stream's
 * running output is partial, so it is not reported). The output is taken to hold the reasoning,
 * as OpenAI-style `output_tokens` does: split, never added to.
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
  format: 'qwen',
} satisfies UsageStreamSpec;

export function createQwenParser(options: ParserOptions = {}): UsageStreamParser {
  let input: number | undefined;
  let output: number | undefined;
  let reasoning: number | undefined;
  let model: string | undefined;
  let done = false;
  const text = createTextSink(options.keepText);

  const reader = createSseJsonReader((frame) => {
    if (!isRecord(frame)) return;
    if (typeof frame.model === 'string') model = frame.model;
    const u = frame.usage;
    if (isRecord(u)) {
      input = toCount(u.input_tokens) ?? toCount(u.prompt_tokens) ?? input;
      output = toCount(u.output_tokens) ?? toCount(u.completion_tokens) ?? output;
      const details = isRecord(u.output_tokens_details) ? u.output_tokens_details : {};
      reasoning = toCount(details.reasoning_tokens) ?? reasoning;
    }
    const choice = Array.isArray(frame.choices) ? frame.choices[0] : undefined;
    const delta = isRecord(choice) && isRecord(choice.delta) ? choice.delta : undefined;
    if (!delta) return;
    if (typeof delta.content === 'string' && delta.content !== '') {
      const thinking = delta.phase === 'thinking' || delta.phase === 'think';
      text.append(thinking ? 'thinking' : 'answer', delta.content);
    }
    if (delta.status === 'finished') done = true;
  });

  const current = (): StreamUsage | null => {
    if (input === undefined && output === undefined) return null;
    return {
      format: 'qwen',
      input,
      ...(done ? { output, reasoning, outputIncludesReasoning: true } : {}),
      model,
      done,
    };
  };

  return readerParser(reader, current, text);
}

/** The model the page asked for: the completion POST's top-level `model` ("qwen3-max"). */
export function qwenRequestModel(body: string): string | null {
  return plainModelId(requestJson(body)?.model);
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createQwenParser,
  requestModel: qwenRequestModel,
};

export default stream;
