/**
 * Kimi CLI `wire.jsonl` (`~/.kimi/sessions/<group>/<session>/wire.jsonl`): usage per model step
 * in `StatusUpdate` messages, `payload.token_usage{input_other, output, input_cache_read,
 * input_cache_creation}`; a step re-reported with the same `message_id` keeps its larger copy.
 * Kimi Code (`…/agents/<agent>/wire.jsonl`) writes `usage.record` lines with the camelCase
 * names; only `usageScope: "turn"` records are requests (session-scope ones are bookkeeping),
 * and the model comes from the line or the `llm.request` before it. Legacy wire files do not
 * name the model (it is in `~/.kimi/config.json`): such events are kept with no model.
 */
import { isObject, str, tokenCount, instant, RowError } from '../limits';
import type { LineParser, ParseContext } from '../context';
import { pathParts } from '../context';
import { totalImportTokens, type ImportTokens } from '../types';
import { HeldEvents, isHeldState } from '../held';

function kimiTokens(u: Record<string, unknown>): ImportTokens {
  return {
    input: tokenCount(u.input_other ?? u.inputOther, 'input_other'),
    cacheRead: tokenCount(u.input_cache_read ?? u.inputCacheRead, 'input_cache_read'),
    cacheWrite5m: tokenCount(
      u.input_cache_creation ?? u.inputCacheCreation,
      'input_cache_creation',
    ),
    cacheWrite1h: 0,
    output: tokenCount(u.output, 'output'),
    reasoning: 0,
  };
}

export function kimiParser(ctx: ParseContext): LineParser {
  const parts = pathParts(ctx.file);
  const agentsAt = parts.lastIndexOf('agents');
  const session =
    agentsAt >= 1 ? parts[agentsAt - 1] : parts.length >= 2 ? parts[parts.length - 2] : null;
  // A step re-reported keeps its larger copy.
  const held = new HeldEvents(ctx, (kept, copy) => totalImportTokens(copy.tokens) > kept, false);
  const keep = held.add.bind(held);
  let requestModel: string | null = null;
  let step = 0;
  const base = (time: number, tokens: ImportTokens, model: string | null) => ({
    source: 'kimi-cli' as const,
    agent: 'kimi-cli',
    project: null,
    session,
    model,
    time,
    tokens,
    requests: 1,
    cost: null,
  });
  return {
    line(row) {
      if (!isObject(row)) return;
      if (row.type === 'llm.request') {
        requestModel = str(row.model)?.replace(/^kimi-code\//, '') ?? requestModel;
        return;
      }
      if (row.type === 'usage.record') {
        if (row.usageScope !== 'turn' || !isObject(row.usage)) return;
        const tokens = kimiTokens(row.usage);
        if (totalImportTokens(tokens) === 0) return;
        const time = instant(row.time, 'time', ctx.noZone);
        const model = str(row.model)?.replace(/^kimi-code\//, '') ?? requestModel;
        keep({ key: `kimi-cli|code|${session}|${time}|${step++}`, ...base(time, tokens, model) });
        return;
      }
      const message = row.message;
      if (!isObject(message) || message.type !== 'StatusUpdate') return;
      const payload = message.payload;
      if (!isObject(payload) || !isObject(payload.token_usage)) return;
      const tokens = kimiTokens(payload.token_usage);
      if (totalImportTokens(tokens) === 0) return;
      const time = instant(row.timestamp, 'timestamp', ctx.noZone);
      const id = str(payload.message_id);
      if (!id && !session) throw new RowError('StatusUpdate without message_id or session folder');
      keep({
        key: id ? `kimi-cli|${id}` : `kimi-cli|${session}|${time}`,
        ...base(time, tokens, null),
      });
    },
    end() {
      held.end();
    },
    checkpoint() {
      return { held: held.state(), requestModel, step };
    },
    restore(state) {
      const s = state as { held?: unknown; requestModel?: unknown; step?: unknown } | null;
      if (
        !s ||
        !isHeldState(s.held) ||
        !(s.requestModel === null || typeof s.requestModel === 'string') ||
        !Number.isInteger(s.step)
      )
        throw new Error('not a Kimi checkpoint');
      held.restore(s.held);
      requestModel = s.requestModel;
      step = s.step as number;
    },
  };
}
