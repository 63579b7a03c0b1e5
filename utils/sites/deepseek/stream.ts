/**
 * chat.deepseek.com `POST /api/v0/chat/completion`: SSE with JSON-patch-like frames (a real
 * capture, August 2026: fixtures/capture.txt).
 * - `event: ready` names `model_type: "default"` even with DeepThink on: not the model;
 * - the opening snapshot `{"v": {"response": {..., "thinking_enabled", "accumulated_token_usage":
 *   513, "fragments": [{"type": "THINK" | "RESPONSE", "content"}]}}}`;
 * - text: `{"p": "response/fragments/-1/content", "o": "APPEND", "v": "…"}`, then bare `{"v": "…"}`
 *   continuing the last path; a new fragment: `{"p": "response/fragments", "o": "APPEND", "v": [...]}`;
 * - the end: `{"p": "response", "o": "BATCH", "v": [{"p": "accumulated_token_usage", "v": 603},
 *   {"p": "quasi_status", "v": "FINISHED"}]}`.
 * `accumulated_token_usage` is a running count for the whole conversation: the final value is the
 * context sent this round plus this reply, so it is reported as this request's `total` (its input
 * is the total minus the reply); the opening value is kept as a cross-check only. A stream cut
 * before the final value reports no total: the meter then keeps its own counts. The model comes
 * from `thinking_enabled` (DeepThink → the reasoner).
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
} from '../stream-types';
import type { UsageStreamSpec } from '../types';
import { site } from './site';

/** The request that carries usage (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/api\/v\d+\/chat\/completion$/,
  format: 'deepseek',
} satisfies UsageStreamSpec;

/** A bare text delta (`{"v":"…"}`): only the reply's text, skipped unless the text is kept. */
const notBareText = (payload: string) => !payload.startsWith('{"v":"');

export function createDeepSeekParser(options: ParserOptions = {}): UsageStreamParser {
  let opening: number | undefined;
  let total: number | undefined;
  let model: string | undefined;
  let done = false;
  let lastPath: string | null = null;
  let fragment: 'answer' | 'thinking' = 'answer';
  const text = createTextSink(options.keepText);

  const kindOf = (type: unknown): 'answer' | 'thinking' =>
    type === 'THINK' || type === 'THINKING' ? 'thinking' : 'answer';

  const addFragments = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const f of list) {
      if (!isRecord(f)) continue;
      fragment = kindOf(f.type);
      if (typeof f.content === 'string') text.append(fragment, f.content);
    }
  };

  const setField = (path: string, value: unknown) => {
    const key = path.replace(/^response\//, '');
    if (key === 'accumulated_token_usage') {
      const n = toCount(value);
      if (n !== undefined && n > 0 && (opening === undefined || n >= opening)) total = n;
    } else if ((key === 'status' || key === 'quasi_status') && value === 'FINISHED') {
      done = true;
    } else if (key === 'fragments') {
      addFragments(value);
    } else if (/^fragments\/-?\d+\/content$/.test(key) && typeof value === 'string') {
      text.append(fragment, value);
    }
  };

  const readResponse = (response: Record<string, unknown>) => {
    const n = toCount(response.accumulated_token_usage);
    if (n !== undefined) opening = n;
    if (response.status === 'FINISHED') done = true;
    if (typeof response.thinking_enabled === 'boolean')
      model = response.thinking_enabled ? 'deepseek-reasoner' : 'deepseek-chat';
    addFragments(response.fragments);
  };

  const reader = createSseJsonReader(
    (frame) => {
      if (!isRecord(frame)) return;
      const p = typeof frame.p === 'string' ? frame.p : undefined;
      const v = frame.v;
      if (p === undefined) {
        if (isRecord(v) && isRecord(v.response)) readResponse(v.response);
        // A bare value continues the last path (text appended to the last fragment).
        else if (typeof v === 'string' && lastPath) setField(lastPath, v);
        return;
      }
      lastPath = p;
      if (frame.o === 'BATCH' && Array.isArray(v)) {
        for (const op of v) {
          if (isRecord(op) && typeof op.p === 'string') setField(`${p}/${op.p}`, op.v);
        }
        return;
      }
      setField(p, v);
    },
    undefined,
    options.keepText ? undefined : notBareText,
  );

  const current = (): StreamUsage | null => {
    if (opening === undefined && total === undefined && model === undefined) return null;
    return { format: 'deepseek', total, opening, model, done };
  };

  return readerParser(reader, current, text);
}

/**
 * The model the page asked for: the completion POST's `thinking_enabled` (the DeepThink toggle)
 * names the reasoner or the chat model. The stream's own `thinking_enabled` wins.
 */
export function deepSeekRequestModel(body: string): string | null {
  const thinking = requestJson(body)?.thinking_enabled;
  return thinking === true ? 'deepseek-reasoner' : thinking === false ? 'deepseek-chat' : null;
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createDeepSeekParser,
  requestModel: deepSeekRequestModel,
};

export default stream;
