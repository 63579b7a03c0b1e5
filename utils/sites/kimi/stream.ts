/**
 * www.kimi.com `POST /apiv2/kimi.gateway.chat.v1.ChatService/Chat`: Connect RPC
 * (`application/connect+json`; a real capture, August 2026: fixtures/capture.txt). Each message
 * is a 5-byte envelope (flags, then a big-endian length) and a JSON object. The length bytes are
 * not trusted: read as text, a byte ≥ 0x80 becomes U+FFFD (the capture was saved that way, and
 * the page-world hook decodes the same way) and lengths count bytes, not characters. Frames are
 * found by scanning for a JSON object that starts with `{"` and balancing its braces outside
 * strings. Events: `block.think` / `block.think.content` (thinking), `block.text` /
 * `block.text.content` (the answer), a `notification` of type `TYPE_MODEL_DEGRADE` ("Switched to
 * K2.6 Instant …": the model that answered), `done: {}` at the end. No token counts.
 */
import { isRecord } from '../sse';
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

/** The request that carries the reply (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/apiv\d+\/kimi\.gateway\.chat\.v\d+\.ChatService\/Chat$/,
  format: 'kimi',
} satisfies UsageStreamSpec;

const MAX_FRAME = 8 * 1024 * 1024;

/**
 * Finds JSON objects in text fed in pieces, whatever bytes sit between them. Linear: a small
 * state machine (outside / in object / in string) that jumps with `indexOf` to the next place
 * its state can change (the next `{"` outside an object, the next quote or backslash inside a
 * string: most of a frame is string), looking at single characters only between strings; the
 * pieces of an object that spans chunks are joined once, when it closes. An object longer than
 * MAX_FRAME is dropped (nothing of it is kept).
 */
// eslint-disable-next-line max-lines-per-function -- one state machine, one loop: it is the hot path
export function createJsonObjectScanner(onObject: (json: string) => void) {
  let parts: string[] = [];
  let kept = 0;
  let inObject = false;
  let braceAtEnd = false; // the last chunk ended in `{`: it starts a frame if `"` follows
  let depth = 0;
  let inString = false;
  let escaped = false;

  const open = (withBrace: boolean) => {
    inObject = true;
    parts = withBrace ? ['{'] : [];
    kept = parts.length;
    depth = withBrace ? 1 : 0;
    inString = false;
    escaped = false;
  };

  const push = (chunk: string) => {
    const n = chunk.length;
    if (n === 0) return;
    let start = inObject ? 0 : -1;
    let i = 0;
    let quote = -1; // the next `"` at or after i (n: none), while in a string
    let backslash = -1; // the next `\` at or after i (n: none)
    while (i < n) {
      if (!inObject) {
        if (braceAtEnd) {
          braceAtEnd = false;
          if (chunk.charCodeAt(0) === 34) {
            open(true);
            start = 0;
          }
        }
        if (!inObject) {
          // `{"` starts a frame (a length byte that happens to be `{` is followed by another `{`)
          const at = chunk.indexOf('{"', i);
          if (at < 0) {
            if (chunk.charCodeAt(n - 1) === 123) braceAtEnd = true;
            return;
          }
          open(false);
          start = at;
          i = at;
        }
      }
      if (inString) {
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        if (quote < i) {
          quote = chunk.indexOf('"', i);
          if (quote < 0) quote = n;
        }
        if (backslash < i) {
          backslash = chunk.indexOf('\\', i);
          if (backslash < 0) backslash = n;
        }
        if (backslash < quote) {
          escaped = true;
          i = backslash + 1;
        } else {
          inString = quote >= n;
          i = quote + 1;
        }
        continue;
      }
      const c = chunk.charCodeAt(i++);
      if (c === 34) inString = true;
      else if (c === 123) depth++;
      else if (c === 125 && --depth === 0) {
        const last = chunk.slice(start, i);
        const json = parts.length > 0 ? parts.join('') + last : last;
        inObject = false;
        parts = [];
        kept = 0;
        onObject(json);
      }
    }
    if (!inObject) return;
    const rest = chunk.slice(start);
    kept += rest.length;
    if (kept > MAX_FRAME) {
      inObject = false;
      parts = [];
      kept = 0;
    } else parts.push(rest);
  };

  return { push };
}

const DEGRADE = /switched to (.{1,40}?)(?= for\b|[,!;]|\.(?:\s|$)|$)/i;

export function createKimiParser(options: ParserOptions = {}): UsageStreamParser {
  let model: string | undefined;
  let notice: string | undefined;
  let done = false;
  const text = createTextSink(options.keepText);

  const onFrame = (frame: Record<string, unknown>) => {
    if (isRecord(frame.done)) done = true;
    const mask = typeof frame.mask === 'string' ? frame.mask : '';
    const block = isRecord(frame.block) ? frame.block : null;
    if (block && mask.startsWith('block.think') && isRecord(block.think)) {
      if (typeof block.think.content === 'string') text.append('thinking', block.think.content);
    } else if (block && mask.startsWith('block.text') && isRecord(block.text)) {
      if (typeof block.text.content === 'string') text.append('answer', block.text.content);
    }
    const n = frame.notification;
    if (isRecord(n) && n.type === 'TYPE_MODEL_DEGRADE' && typeof n.message === 'string') {
      notice = n.message.slice(0, 300);
      const m = DEGRADE.exec(n.message);
      if (m) model = m[1].trim();
    }
  };

  // Without the text, only the end and the notices matter: other frames are not parsed.
  const wanted = options.keepText ? null : /"(?:done|notification)"/;
  const scanner = createJsonObjectScanner((json) => {
    if (wanted && !wanted.test(json)) return;
    try {
      const frame: unknown = JSON.parse(json);
      if (isRecord(frame)) onFrame(frame);
    } catch {
      // not a frame after all: skip it
    }
  });

  const current = (): StreamUsage | null =>
    model === undefined && !done && notice === undefined
      ? null
      : { format: 'kimi', model, ...(notice ? { notice } : {}), done };

  return readerParser({ push: (chunk) => scanner.push(chunk) }, current, text);
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createKimiParser,
};

export default stream;
