/**
 * gemini.google.com XHR `POST /_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate`
 * (a real capture, August 2026: fixtures/capture.txt). Not SSE: `)]}'`, then length-prefixed
 * lines, each a JSON array of envelopes; `["wrb.fr", null, "<json>"]` holds the reply, where
 * the inner array's [4][0][1][0] is the reply text and a short string ("3.6 Flash") names the
 * model. **Each chunk is a full snapshot of the reply so far**: the text is replaced, never
 * appended. `["e", …]` ends the response. No token counts. The length prefixes are not trusted
 * (the page's text and the byte count differ for any non-ASCII reply): lines are read as JSON.
 */
import { createLineSplitter } from '../sse';
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
  path: /^\/_\/BardChatUi\/data\/[\w.]*BardFrontendService\/StreamGenerate$/,
  format: 'gemini',
} satisfies UsageStreamSpec;

/** Gemini's model labels as its picker and its stream show them ("3.6 Flash", "2.5 Pro"). */
const MODEL_LABEL =
  /^(?:gemini )?\d+(?:\.\d+)? (?:flash|pro|flash[- ]lite|ultra|deep think)\b[\w .-]{0,30}$/i;

function readInner(inner: unknown[], onText: (s: string) => void, onModel: (s: string) => void) {
  const candidates = inner[4];
  if (Array.isArray(candidates) && Array.isArray(candidates[0])) {
    const parts = candidates[0][1];
    if (Array.isArray(parts) && typeof parts[0] === 'string') onText(parts[0]);
  }
  for (const value of inner) {
    if (typeof value === 'string' && value.length <= 40 && MODEL_LABEL.test(value)) {
      onModel(value);
      break;
    }
  }
}

export function createGeminiParser(options: ParserOptions = {}): UsageStreamParser {
  let model: string | undefined;
  let done = false;
  let sawReply = false;
  const text = createTextSink(options.keepText);

  const handleLine = (line: string) => {
    if (line[0] !== '[') return;
    let outer: unknown;
    try {
      outer = JSON.parse(line);
    } catch {
      return; // not a frame (or a cut one): never a wrong number
    }
    if (!Array.isArray(outer)) return;
    for (const env of outer) {
      if (!Array.isArray(env)) continue;
      if (env[0] === 'e') done = true;
      if (env[0] !== 'wrb.fr' || typeof env[2] !== 'string') continue;
      try {
        const inner: unknown = JSON.parse(env[2]);
        if (Array.isArray(inner))
          readInner(
            inner,
            (s) => {
              sawReply = true;
              text.replace('answer', s);
            },
            (m) => (model = m),
          );
      } catch {
        // a malformed inner payload: skip it
      }
    }
  };

  const lines = createLineSplitter(handleLine);

  const current = (): StreamUsage | null =>
    model === undefined && !sawReply ? null : { format: 'gemini', model, done };

  return readerParser(lines, current, text);
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createGeminiParser,
};

export default stream;
