/**
 * Xiaomi MiMo Studio `POST /open-apis/bot/chat?xiaomichatbot_ph=…` (the UltraSpeed models:
 * `/fastchat/open-apis/bot/chat`): SSE with named events, as the reverse-engineered API docs of
 * XoRubys/mimo-v2-web describe it (docs/api/bot/chat.md, 2026-01-31; no capture of ours):
 * - `event:dialogId` `{"content": "<id>"}`;
 * - `event:message` `{"type": "text", "content": "<piece>"}`: the reply, its reasoning mixed in
 *   (`<think>…</think>` when thinking is on);
 * - `event:usage` `{"promptTokens", "completionTokens", "totalTokens", "nativeUsage":
 *   {"completion_tokens_details": {"reasoning_tokens"}}}`: the site's exact count. The completion
 *   holds the reasoning (the OpenAI convention `nativeUsage` follows): split, never added to;
 * - `event:finish` `{"content": "[DONE]"}`.
 * The stream names no model: the request body does (`modelConfig.model`, e.g.
 * `mimo-v2-flash-studio`), read by `requestModel`.
 */
import { createSseJsonReader, isRecord, toCount } from '../sse';
import {
  createTextSink,
  type ParserOptions,
  type SiteStream,
  type StreamUsage,
  type UsageStreamParser,
  readerParser,
} from '../stream-types';
import type { UsageStreamSpec } from '../types';
import { site } from './site';

/** The request that carries usage (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^(?:\/fastchat)?\/open-apis\/bot\/chat$/,
  format: 'mimo',
} satisfies UsageStreamSpec;

/** The model the page asked for, from the request's JSON body (`modelConfig.model`). */
export function mimoRequestModel(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const config = isRecord(parsed) && isRecord(parsed.modelConfig) ? parsed.modelConfig : null;
    const model = config?.model;
    return typeof model === 'string' && /^[\w.:-]{1,100}$/.test(model) ? model : null;
  } catch {
    return null;
  }
}

/** Splits the streamed content at `<think>` / `</think>` (either may be cut across pieces). */
function createThinkSplitter(append: (kind: 'answer' | 'thinking', s: string) => void) {
  let inThink = false;
  let pending = '';
  const OPEN = '<think>';
  const CLOSE = '</think>';
  return (piece: string) => {
    let s = pending + piece;
    pending = '';
    while (s.length > 0) {
      const tag = inThink ? CLOSE : OPEN;
      const at = s.indexOf(tag);
      if (at >= 0) {
        if (at > 0) append(inThink ? 'thinking' : 'answer', s.slice(0, at));
        inThink = !inThink;
        s = s.slice(at + tag.length);
        continue;
      }
      // Keep a tail that may be the start of a tag cut across pieces.
      let keep = 0;
      for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
        if (tag.startsWith(s.slice(-n))) {
          keep = n;
          break;
        }
      }
      if (s.length > keep) append(inThink ? 'thinking' : 'answer', s.slice(0, s.length - keep));
      pending = s.slice(s.length - keep);
      s = '';
    }
  };
}

export function createMimoParser(options: ParserOptions = {}): UsageStreamParser {
  let usage: StreamUsage | null = null;
  const text = createTextSink(options.keepText);
  const split = createThinkSplitter(text.append);

  const readUsage = (u: Record<string, unknown>) => {
    const input = toCount(u.promptTokens);
    const output = toCount(u.completionTokens);
    if (input === undefined && output === undefined) return;
    const native = isRecord(u.nativeUsage) ? u.nativeUsage : {};
    const details = isRecord(native.completion_tokens_details)
      ? native.completion_tokens_details
      : {};
    usage = {
      format: 'mimo',
      input,
      output,
      reasoning: toCount(details.reasoning_tokens),
      total: toCount(u.totalTokens),
      outputIncludesReasoning: true,
      done: true,
    };
  };

  const reader = createSseJsonReader((frame, event) => {
    if (!isRecord(frame)) return;
    // Named events first; the frames' own keys when a proxy dropped the `event:` lines.
    if (event === 'usage' || (event === null && 'promptTokens' in frame)) readUsage(frame);
    else if ((event === 'message' || event === null) && frame.type === 'text') {
      if (typeof frame.content === 'string') split(frame.content);
    }
  });

  // Only the usage event carries numbers: before it (or without it) nothing is reported, and a
  // stream cut before it is never passed off as exact.
  const current = (): StreamUsage | null => usage;

  return readerParser(reader, current, text);
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createMimoParser,
  requestModel: mimoRequestModel,
};

export default stream;
