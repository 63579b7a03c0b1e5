/**
 * chatgpt.com `POST /backend-api/f/conversation` (also `/backend-api/conversation`): SSE with
 * `delta_encoding` "v1" (a real capture, August 2026: fixtures/capture.txt). No token counts. It
 * names the model that answered (`message.metadata.model_slug` in the opening `add`, and
 * `server_ste_metadata.metadata.model_slug`), streams the reply as JSON-patch appends to
 * `/message/content/parts/0` (bare `{"v": "…"}` frames continue the last path), and ends with
 * `message_stream_complete` and `[DONE]`. `conversation_detail_metadata.limits_progress` lists
 * feature quotas (`feature_name`, `remaining`, `reset_after`). Reasoning summaries (`channel`
 * other than "final", or `content_type: "thoughts"`) count as thinking.
 */
import { createSseJsonReader, isRecord, toCount } from '../sse';
import {
  createTextSink,
  type QuotaWindow,
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

/** The request that carries the reply (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/backend-api(?:\/f)?\/conversation$/,
  format: 'chatgpt',
} satisfies UsageStreamSpec;

const MAX_LIMITS = 20;

function readLimits(list: unknown): QuotaWindow[] {
  if (!Array.isArray(list)) return [];
  const out: QuotaWindow[] = [];
  for (const item of list.slice(0, MAX_LIMITS)) {
    if (!isRecord(item) || typeof item.feature_name !== 'string') continue;
    const remaining = toCount(item.remaining);
    out.push({
      window: item.feature_name.slice(0, 60),
      used: null,
      ...(remaining !== undefined ? { remaining } : {}),
      resetsAt: typeof item.reset_after === 'string' ? item.reset_after.slice(0, 40) : null,
    });
  }
  return out;
}

export function createChatGptParser(options: ParserOptions = {}): UsageStreamParser {
  let model: string | undefined;
  let limits: QuotaWindow[] | undefined;
  let done = false;
  let lastPath: string | null = null;
  let kind: 'answer' | 'thinking' = 'answer';
  const text = createTextSink(options.keepText);

  const readMessage = (message: Record<string, unknown>) => {
    if (isRecord(message.author) && message.author.role !== 'assistant') return;
    const meta = isRecord(message.metadata) ? message.metadata : {};
    if (typeof meta.model_slug === 'string') model = meta.model_slug;
    const content = isRecord(message.content) ? message.content : {};
    const final =
      message.channel === undefined || message.channel === null || message.channel === 'final';
    kind = final && content.content_type !== 'thoughts' ? 'answer' : 'thinking';
  };

  const apply = (p: string, o: unknown, v: unknown) => {
    if (p === '' && o === 'add' && isRecord(v) && isRecord(v.message)) readMessage(v.message);
    else if (p === '' && o === 'patch' && Array.isArray(v)) {
      for (const op of v) if (isRecord(op) && typeof op.p === 'string') apply(op.p, op.o, op.v);
    } else if (/^\/message\/content\/parts\/\d+$/.test(p) && typeof v === 'string') {
      text.append(kind, v);
    }
    if (p !== '') lastPath = p;
  };

  const reader = createSseJsonReader(
    (frame) => {
      if (!isRecord(frame)) return;
      if (frame.type === 'server_ste_metadata' && isRecord(frame.metadata)) {
        if (typeof frame.metadata.model_slug === 'string') model = frame.metadata.model_slug;
      } else if (frame.type === 'conversation_detail_metadata') {
        limits = readLimits(frame.limits_progress);
      } else if (frame.type === 'message_stream_complete') {
        done = true;
      } else if (typeof frame.p === 'string') {
        apply(frame.p, frame.o, frame.v);
      } else if (frame.p === undefined && 'v' in frame) {
        if (typeof frame.v === 'string' && lastPath) apply(lastPath, 'append', frame.v);
        else if (isRecord(frame.v) && isRecord(frame.v.message)) readMessage(frame.v.message);
      }
    },
    () => {
      done = true;
    },
    // Text deltas carry only the reply's text: skipped unless the text is kept.
    options.keepText
      ? undefined
      : (payload) =>
          !payload.startsWith('{"v":"') && !payload.startsWith('{"p":"/message/content/parts/'),
  );

  const current = (): StreamUsage | null =>
    model === undefined && limits === undefined
      ? null
      : { format: 'chatgpt', model, ...(limits ? { limits } : {}), done };

  return readerParser(reader, current, text);
}

/**
 * The model the page asked for: the conversation POST's `model` ("gpt-5-5"; the stream's
 * `model_slug` wins when it names one). "auto" names no model.
 */
export function chatGptRequestModel(body: string): string | null {
  const model = plainModelId(requestJson(body)?.model);
  return model === 'auto' ? null : model;
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createChatGptParser,
  requestModel: chatGptRequestModel,
};

export default stream;
