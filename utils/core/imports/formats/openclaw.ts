/**
 * OpenClaw session transcripts (legacy JSONL store):
 * `~/.openclaw/agents/<agentId>/sessions/<uuid>.jsonl`, archived copies `.jsonl.deleted.<ts>`
 * and `.jsonl.reset.<ts>`. An assistant `message` line carries `usage{input, output, cacheRead,
 * cacheWrite, cost{total}}`; the stated `cost.total` is what was billed. Rows OpenClaw writes
 * for its own bookkeeping (delivery mirrors, gateway notices: provider "openclaw" or api
 * "openclaw-transcript") are no model output and are skipped. The key is the event's own id,
 * time and counts, so a fork's copy of an event and an archived copy of a file count once.
 */
import { isObject, str, tokenCount, instant, usdToMicros, RowError } from '../limits';
import type { LineParser, ParseContext } from '../context';
import { pathParts } from '../context';

const BOOKKEEPING_MODELS = new Set(['delivery-mirror', 'gateway-injected']);

export function openClawParser(ctx: ParseContext): LineParser {
  const parts = pathParts(ctx.file);
  const agentsAt = parts.lastIndexOf('agents');
  const agentId = agentsAt >= 0 ? (parts[agentsAt + 1] ?? null) : null;
  let session: string | null = null;
  let project: string | null = null;
  let model: string | null = null;
  return {
    line(row) {
      if (!isObject(row)) return;
      if (row.type === 'session') {
        session = str(row.id) ?? session;
        project = str(row.cwd) ?? project;
        return;
      }
      if (row.type === 'model_change') {
        model = str(row.modelId) ?? model;
        return;
      }
      if (row.type === 'custom' && row.customType === 'model-snapshot' && isObject(row.data)) {
        model = str(row.data.modelId) ?? model;
        return;
      }
      if (row.type !== 'message' || !isObject(row.message)) return;
      const m = row.message;
      if (m.role !== 'assistant' || !isObject(m.usage)) return;
      const named = str(m.model);
      if (
        m.api === 'openclaw-transcript' ||
        (m.provider === 'openclaw' && named !== null && BOOKKEEPING_MODELS.has(named))
      ) {
        ctx.skip();
        return;
      }
      const u = m.usage;
      const id = str(row.id);
      if (!id) throw new RowError('assistant message without an id');
      const input = tokenCount(u.input, 'usage.input');
      const output = tokenCount(u.output, 'usage.output');
      const stamp = m.timestamp ?? row.timestamp;
      const cost = isObject(u.cost) ? usdToMicros(u.cost.total, 'usage.cost.total') : null;
      ctx.emit({
        key: `openclaw|${id}|${typeof m.timestamp === 'number' ? m.timestamp : ''}|${input}|${output}`,
        source: 'openclaw',
        agent: agentId ? `openclaw:${agentId}` : 'openclaw',
        project,
        session,
        model: named ?? model,
        time: instant(stamp, 'timestamp', ctx.noZone),
        tokens: {
          input,
          cacheRead: tokenCount(u.cacheRead, 'usage.cacheRead'),
          cacheWrite5m: tokenCount(u.cacheWrite, 'usage.cacheWrite'),
          cacheWrite1h: 0,
          output,
          reasoning: 0,
        },
        requests: 1,
        cost: cost === null ? null : { microUsd: cost, kind: 'billed' },
      });
    },
    checkpoint() {
      return { session, project, model };
    },
    restore(state) {
      const s = state as Record<string, unknown> | null;
      const isText = (v: unknown) => v === null || typeof v === 'string';
      if (!s || !isText(s.session) || !isText(s.project) || !isText(s.model))
        throw new Error('not an OpenClaw checkpoint');
      session = s.session as string | null;
      project = s.project as string | null;
      model = s.model as string | null;
    },
  };
}
