/**
 * claude.ai `POST /api/organizations/<org>/chat_conversations/<id>/completion`: Anthropic-style
 * SSE (a real capture, August 2026: fixtures/capture.txt). No token counts. `message_start`
 * names the model that answered (`message.model`, e.g. "claude-sonnet-5"); text arrives in
 * `content_block_delta` (`text_delta` for the answer, `thinking_delta` for shown thinking: the
 * capture's thinking block is `truncated` and carries none); `message_limit.windows` gives the
 * 5-hour and 7-day quota use (`utilization` 0..1, `resets_at` in epoch seconds);
 * `message_stop` ends it.
 */
import { createSseJsonReader, isRecord } from '../sse';
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
  path: /^\/api\/organizations\/[^/]+\/chat_conversations\/[^/]+\/(?:completion|retry_completion)$/,
  format: 'claude',
} satisfies UsageStreamSpec;

/** Epoch seconds (or an ISO string) as an ISO string; null when neither. */
function isoTime(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const d = new Date(value * 1000);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value)))
    return new Date(value).toISOString();
  return null;
}

function readWindows(windows: unknown): QuotaWindow[] {
  if (!isRecord(windows)) return [];
  const out: QuotaWindow[] = [];
  for (const [name, w] of Object.entries(windows).slice(0, 10)) {
    if (!isRecord(w)) continue;
    const u = w.utilization;
    const used = typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= 1 ? u : null;
    out.push({ window: name.slice(0, 20), used, resetsAt: isoTime(w.resets_at) });
  }
  return out;
}

export function createClaudeParser(options: ParserOptions = {}): UsageStreamParser {
  let model: string | undefined;
  let limits: QuotaWindow[] | undefined;
  let done = false;
  const text = createTextSink(options.keepText);

  const reader = createSseJsonReader(
    (frame) => {
      if (!isRecord(frame)) return;
      if (frame.type === 'message_start' && isRecord(frame.message)) {
        if (typeof frame.message.model === 'string') model = frame.message.model;
      } else if (frame.type === 'content_block_delta' && isRecord(frame.delta)) {
        const d = frame.delta;
        if (d.type === 'text_delta' && typeof d.text === 'string') text.append('answer', d.text);
        else if (d.type === 'thinking_delta' && typeof d.thinking === 'string')
          text.append('thinking', d.thinking);
      } else if (frame.type === 'message_limit' && isRecord(frame.message_limit)) {
        const windows = readWindows(frame.message_limit.windows);
        if (windows.length > 0) limits = windows;
      } else if (frame.type === 'message_stop') {
        done = true;
      }
    },
    undefined,
    // Text deltas carry only the reply's text: skipped unless the text is kept.
    options.keepText
      ? undefined
      : (payload) => !payload.startsWith('{"type":"content_block_delta"'),
  );

  const current = (): StreamUsage | null =>
    model === undefined && limits === undefined
      ? null
      : { format: 'claude', model, ...(limits ? { limits } : {}), done };

  return readerParser(reader, current, text);
}

/** The model the page asked for: the completion POST's `model`, when the page names one. */
export function claudeRequestModel(body: string): string | null {
  return plainModelId(requestJson(body)?.model);
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createClaudeParser,
  requestModel: claudeRequestModel,
};

export default stream;
