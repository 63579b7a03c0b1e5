/**
 * Gemini CLI sessions: `~/.gemini/tmp/<projectHash>/chats/session-*.json` (one document with
 * `sessionId`, `projectHash` and `messages[]`, a `gemini` message carrying `tokens{input,
 * output, cached, thoughts, tool, total}` and `model`), and the JSONL recordings (a header line
 * with `sessionId`, then message lines; a message rewritten later keeps its last copy).
 * `tokens.input` is the API's `promptTokenCount`, which includes the cached part when `total`
 * says so (total = input + output + thoughts + tool): then cached is taken out of input.
 */
import { isObject, str, tokenCount, instant } from '../limits';
import type { LineParser, ParseContext, RecordParser } from '../context';
import { pathParts } from '../context';
import type { ImportEvent } from '../types';
import type { JsonPath } from '../json-records';
import { HeldEvents, isHeldState } from '../held';

export function geminiTokens(t: Record<string, unknown>) {
  const input = tokenCount(t.input, 'tokens.input');
  const cached = tokenCount(t.cached, 'tokens.cached');
  const output = tokenCount(t.output, 'tokens.output');
  const thoughts = tokenCount(t.thoughts, 'tokens.thoughts');
  const tool = tokenCount(t.tool, 'tokens.tool');
  const total = t.total === undefined ? null : tokenCount(t.total, 'tokens.total', 1e12);
  const inclusive = input + output + thoughts + tool;
  const cacheInInput = cached > 0 && total === inclusive && total !== inclusive + cached;
  return {
    input: (cacheInInput ? input - Math.min(cached, input) : input) + tool,
    cacheRead: cached,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    output,
    reasoning: thoughts,
  };
}

function geminiEvent(
  ctx: ParseContext,
  m: Record<string, unknown>,
  session: string | null,
  project: string | null,
  model: string | null,
): ImportEvent | null {
  if (m.type !== 'gemini' || !isObject(m.tokens)) return null;
  const id = str(m.id);
  const tokens = geminiTokens(m.tokens);
  const time = instant(m.timestamp, 'timestamp', ctx.noZone);
  return {
    key: `gemini-cli|${session ?? ''}|${id ?? time}`,
    source: 'gemini-cli',
    agent: 'gemini-cli',
    project,
    session,
    model: str(m.model) ?? model,
    time,
    tokens,
    requests: 1,
    cost: null,
  };
}

function projectFromPath(file: string): string | null {
  const parts = pathParts(file);
  const chats = parts.lastIndexOf('chats');
  return chats >= 1 ? parts[chats - 1] : null;
}

/** The JSON session document: rows are `messages[]`, the ids are top-level scalars. */
export function geminiDocumentParser(ctx: ParseContext): RecordParser {
  let session: string | null = null;
  let project: string | null = projectFromPath(ctx.file);
  return {
    top(key, value) {
      if (key === 'sessionId') session = str(value);
      if (key === 'projectHash') project = str(value) ?? project;
    },
    record(path: JsonPath, value) {
      if (path[0] !== 'messages' || !isObject(value)) return;
      const event = geminiEvent(ctx, value, session, project, null);
      if (event) ctx.emit(event);
    },
  };
}

/** The JSONL recordings and headless runs. */
export function geminiLinesParser(ctx: ParseContext): LineParser {
  let session: string | null = null;
  let project: string | null = projectFromPath(ctx.file);
  let model: string | null = null;
  // A message rewritten later keeps its last copy.
  const held = new HeldEvents(ctx, () => true, true);
  return {
    line(row) {
      if (!isObject(row)) return;
      const id = str(row.sessionId) ?? str(row.session_id);
      if (id) session = id;
      project = str(row.projectHash) ?? project;
      if (row.type === 'init') {
        model = str(row.model) ?? model;
        return;
      }
      const event = geminiEvent(ctx, row, session, project, model);
      if (!event) return;
      held.add(event);
    },
    end() {
      held.end();
    },
    checkpoint() {
      return { held: held.state(), session, project, model };
    },
    restore(state) {
      const s = state as Record<string, unknown> | null;
      const isText = (v: unknown) => v === null || typeof v === 'string';
      if (
        !s ||
        !isHeldState(s.held) ||
        !isText(s.session) ||
        !isText(s.project) ||
        !isText(s.model)
      )
        throw new Error('not a Gemini CLI checkpoint');
      held.restore(s.held);
      session = s.session as string | null;
      project = s.project as string | null;
      model = s.model as string | null;
    },
  };
}
