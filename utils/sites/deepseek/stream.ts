/**
 * chat.deepseek.com `POST /api/v0/chat/completion`: SSE with JSON-patch-like frames.
 * - first snapshot: `{"v": {"response": {..., "accumulated_token_usage": 0, "fragments": [...]}}}`;
 * - later: `{"p": "response/accumulated_token_usage", "o": "SET", "v": 42}`, or inside a batch
 *   `{"p": "response", "o": "BATCH", "v": [{"p": "accumulated_token_usage", "v": 42}, ...]}`;
 * - the end: `response/status` (or `quasi_status`) set to "FINISHED".
 * `accumulated_token_usage` is the request's total (prompt incl. history + reply): a public
 * observation (+22 per "reply with one character" round) shows it grows by each round's tokens.
 * The model is `model_type` in the first event when present, or `thinking_enabled` → reasoner.
 */
import { createSseJsonReader, isRecord, toCount } from '../sse';
import type { SiteStream, StreamUsage, UsageStreamParser } from '../stream-types';
import type { UsageStreamSpec } from '../types';
import { site } from './site';

/** The request that carries usage (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/api\/v0\/chat\/completion$/,
  format: 'deepseek',
} satisfies UsageStreamSpec;

export function createDeepSeekParser(): UsageStreamParser {
  let total: number | undefined;
  let model: string | undefined;
  let done = false;

  const setField = (path: string, value: unknown) => {
    const key = path.replace(/^response\//, '');
    if (key === 'accumulated_token_usage') {
      const n = toCount(value);
      if (n !== undefined && n > 0) total = n;
    } else if ((key === 'status' || key === 'quasi_status') && value === 'FINISHED') {
      done = true;
    }
  };

  const readResponse = (response: Record<string, unknown>) => {
    if ('accumulated_token_usage' in response)
      setField('accumulated_token_usage', response.accumulated_token_usage);
    if (response.status === 'FINISHED') done = true;
    if (typeof response.model_type === 'string') model = response.model_type;
    else if (model === undefined && typeof response.thinking_enabled === 'boolean')
      model = response.thinking_enabled ? 'deepseek-reasoner' : 'deepseek-chat';
  };

  const reader = createSseJsonReader((frame) => {
    if (!isRecord(frame)) return;
    if (typeof frame.model_type === 'string') model = frame.model_type;
    const p = typeof frame.p === 'string' ? frame.p : undefined;
    const v = frame.v;
    if (p === undefined) {
      if (isRecord(v) && isRecord(v.response)) readResponse(v.response);
      return;
    }
    if (frame.o === 'BATCH' && Array.isArray(v)) {
      for (const op of v) {
        if (isRecord(op) && typeof op.p === 'string') setField(`${p}/${op.p}`, op.v);
      }
      return;
    }
    setField(p, v);
  });

  const current = (): StreamUsage | null =>
    total === undefined ? null : { format: 'deepseek', total, model, done };

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
  createParser: createDeepSeekParser,
};

export default stream;
