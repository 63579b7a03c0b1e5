/**
 * Codex CLI rollouts: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`. Usage comes from
 * `event_msg` lines of `payload.type: "token_count"`, whose `info.total_token_usage` is
 * cumulative for the session: each event is the difference from the previous total. The
 * counters are inclusive (`cached_input_tokens` is part of `input_tokens`,
 * `reasoning_output_tokens` part of `output_tokens`), so they are split, never added on top.
 *
 * - A total equal to the previous one is a re-emit: skipped as a duplicate.
 * - A total below the previous one (a reset) falls back to `last_token_usage`.
 * - A forked or subagent session (`session_meta.forked_from_id`) first replays its parent's
 *   history: its first total is the parent's, taken as the baseline and not counted.
 * - The key is the cumulative and last counters, not the session: a replayed parent turn in a
 *   fork has the same key as in the parent's own rollout, so it is counted once.
 */
import { isObject, str, tokenCount, instant, MAX_TOKENS_PER_AGGREGATE } from '../limits';
import type { LineParser, ParseContext } from '../context';

interface Counters {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

function counters(u: unknown, what: string): Counters | null {
  if (!isObject(u)) return null;
  const max = MAX_TOKENS_PER_AGGREGATE;
  return {
    input: tokenCount(u.input_tokens, `${what}.input_tokens`, max),
    cached: Math.max(
      tokenCount(u.cached_input_tokens, `${what}.cached_input_tokens`, max),
      tokenCount(u.cache_read_input_tokens, `${what}.cache_read_input_tokens`, max),
    ),
    output: tokenCount(u.output_tokens, `${what}.output_tokens`, max),
    reasoning: tokenCount(u.reasoning_output_tokens, `${what}.reasoning_output_tokens`, max),
  };
}

const same = (a: Counters, b: Counters) =>
  a.input === b.input &&
  a.cached === b.cached &&
  a.output === b.output &&
  a.reasoning === b.reasoning;

function minus(a: Counters, b: Counters): Counters | null {
  const d = {
    input: a.input - b.input,
    cached: a.cached - b.cached,
    output: a.output - b.output,
    reasoning: a.reasoning - b.reasoning,
  };
  return d.input < 0 || d.cached < 0 || d.output < 0 || d.reasoning < 0 ? null : d;
}

const isCounters = (v: unknown): v is Counters =>
  isObject(v) &&
  (['input', 'cached', 'output', 'reasoning'] as const).every(
    (k) => typeof v[k] === 'number' && Number.isFinite(v[k]),
  );

const text = (c: Counters) => `${c.input}.${c.cached}.${c.output}.${c.reasoning}`;

interface CodexState {
  session: string | null;
  project: string | null;
  model: string | null;
  forked: boolean;
  previous: Counters | null;
}

/** A saved checkpoint state, checked. */
function codexState(state: unknown): CodexState {
  const s = state as Record<string, unknown> | null;
  const isText = (v: unknown) => v === null || typeof v === 'string';
  if (
    !s ||
    !isText(s.session) ||
    !isText(s.project) ||
    !isText(s.model) ||
    typeof s.forked !== 'boolean' ||
    !(s.previous === null || isCounters(s.previous))
  )
    throw new Error('not a Codex checkpoint');
  return s as unknown as CodexState;
}

export function codexParser(ctx: ParseContext): LineParser {
  let session: string | null = null;
  let project: string | null = null;
  let model: string | null = null;
  let forked = false;
  let previous: Counters | null = null;
  return {
    line(row) {
      if (!isObject(row) || !isObject(row.payload)) return;
      const p = row.payload;
      if (row.type === 'session_meta') {
        // A fork's rollout holds its own session_meta first, then may replay the parent's.
        session ??= str(p.id);
        project ??= str(p.cwd);
        if (str(p.forked_from_id) || (isObject(p.source) && 'subagent' in p.source)) forked = true;
        return;
      }
      if (row.type === 'turn_context') {
        model = str(p.model) ?? model;
        project ??= str(p.cwd);
        return;
      }
      if (row.type !== 'event_msg' || p.type !== 'token_count' || !isObject(p.info)) return;
      const info = p.info;
      const total = counters(info.total_token_usage, 'total_token_usage');
      const last = counters(info.last_token_usage, 'last_token_usage');
      if (!total) return;
      if (previous && same(total, previous)) {
        ctx.duplicate();
        return;
      }
      let delta: Counters | null;
      if (!previous) {
        if (forked) {
          previous = total;
          ctx.skip();
          return;
        }
        delta = total;
      } else {
        delta = minus(total, previous) ?? last;
      }
      previous = total;
      if (!delta) return;
      const cached = Math.min(delta.cached, delta.input);
      const reasoning = Math.min(delta.reasoning, delta.output);
      if (delta.input + delta.output === 0) return;
      ctx.emit({
        key: `codex|${text(total)}|${last ? text(last) : ''}`,
        source: 'codex',
        agent: 'codex',
        project,
        session,
        model: str(info.model) ?? model,
        time: instant(row.timestamp, 'timestamp', ctx.noZone),
        tokens: {
          input: delta.input - cached,
          cacheRead: cached,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output: delta.output - reasoning,
          reasoning,
        },
        requests: 1,
        cost: null,
      });
    },
    checkpoint() {
      return { session, project, model, forked, previous };
    },
    restore(state) {
      ({ session, project, model, forked, previous } = codexState(state));
    },
  };
}
