/**
 * ccusage `--json` reports (every shape its docs and code show): `{"daily"|"monthly"|"weekly"|
 * "sessions"|"blocks": [rows], "totals"}`, the docs' `{"type", "data": [rows], "summary"}`, a bare
 * array of rows, `--instances` (`{"projects": {"<name>": [rows]}}`), `--by-agent` (rows with
 * `period` and `agents[]`), `--breakdown` (`modelBreakdowns[]`), blocks (`tokenCounts`,
 * `costUSD`) and @ccusage/codex rows (`cachedInputTokens`, `reasoningOutputTokens`, `models{}`).
 * A row becomes one event per model when it breaks down by model. ccusage's cost is its own
 * estimate from its price list: kept as the source's estimate, never as billed.
 */
import {
  instant,
  isObject,
  MAX_TOKENS_PER_AGGREGATE,
  RowError,
  str,
  tokenCount,
  usdToMicros,
} from '../limits';
import type { ParseContext } from '../context';
import type { ImportEvent, ImportTokens } from '../types';
import type { JsonPath } from '../json-records';

type Row = Record<string, unknown>;
type Period = NonNullable<ImportEvent['period']>;

const t = (v: unknown, what: string) => tokenCount(v, what, MAX_TOKENS_PER_AGGREGATE);

/** Does this record look like a ccusage row? */
export function isCcusageRow(v: unknown): v is Row {
  if (!isObject(v)) return false;
  return (
    'inputTokens' in v ||
    'tokenCounts' in v ||
    Array.isArray(v.agents) ||
    Array.isArray(v.modelBreakdowns)
  );
}

function rowPeriod(row: Row): { period: Period; label: string; when: unknown } {
  if (str(row.date)) return { period: 'day', label: String(row.date), when: row.date };
  if (str(row.month)) return { period: 'month', label: String(row.month), when: row.month };
  if (str(row.week)) return { period: 'week', label: String(row.week), when: row.week };
  if (str(row.period)) return { period: 'day', label: String(row.period), when: row.period };
  if (str(row.sessionId)) {
    return {
      period: 'session',
      label: String(row.sessionId),
      when: row.lastActivity ?? row.lastActivityAt ?? row.date,
    };
  }
  const start = row.startTime ?? row.blockStart;
  if (start !== undefined) return { period: 'block', label: String(start), when: start };
  throw new RowError('row has no date, month, week, session or block start');
}

function rowTokens(r: Row): ImportTokens {
  const counts = isObject(r.tokenCounts) ? r.tokenCounts : r;
  if ('cachedInputTokens' in counts || 'reasoningOutputTokens' in counts) {
    // @ccusage/codex keeps Codex's inclusive counters: cached within input, reasoning within output.
    const input = t(counts.inputTokens, 'inputTokens');
    const cached = Math.min(t(counts.cachedInputTokens, 'cachedInputTokens'), input);
    const output = t(counts.outputTokens, 'outputTokens');
    const reasoning = Math.min(t(counts.reasoningOutputTokens, 'reasoningOutputTokens'), output);
    return {
      input: input - cached,
      cacheRead: cached,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: output - reasoning,
      reasoning,
    };
  }
  return {
    input: t(counts.inputTokens, 'inputTokens'),
    cacheRead: t(counts.cacheReadTokens ?? counts.cacheReadInputTokens, 'cacheReadTokens'),
    cacheWrite5m: t(
      counts.cacheCreationTokens ?? counts.cacheCreationInputTokens,
      'cacheCreationTokens',
    ),
    cacheWrite1h: 0,
    output: t(counts.outputTokens, 'outputTokens'),
    reasoning: 0,
  };
}

function rowCost(r: Row): ImportEvent['cost'] {
  const micros = usdToMicros(r.cost ?? r.totalCost ?? r.costUSD, 'cost');
  return micros === null ? null : { microUsd: micros, kind: 'estimate' };
}

/** ccusage names other agents' models "[openclaw] gpt-5.2". */
function splitAgent(model: string | null, agent: string): { agent: string; model: string | null } {
  const m = model ? /^\[([\w.-]+)\]\s*(.+)$/.exec(model) : null;
  return m ? { agent: m[1], model: m[2] } : { agent, model };
}

export function ccusageRecord(
  ctx: ParseContext,
  path: JsonPath,
  row: Row,
  reportKind: string | null,
): void {
  const project = path[0] === 'projects' && typeof path[1] === 'string' ? path[1] : null;
  if (row.isGap === true) {
    ctx.skip();
    return;
  }
  if (Array.isArray(row.agents)) {
    for (const a of row.agents) {
      if (!isObject(a)) continue;
      emitRow(
        ctx,
        { ...a, period: row.period ?? row.date, date: row.date ?? row.period },
        project,
        str(a.agent) ?? 'claude-code',
        reportKind,
      );
    }
    return;
  }
  const codexFlavour = 'cachedInputTokens' in row || isObject(row.models);
  emitRow(ctx, row, project, codexFlavour ? 'codex' : 'claude-code', reportKind);
}

function emitRow(
  ctx: ParseContext,
  row: Row,
  instanceProject: string | null,
  agent: string,
  reportKind: string | null,
): void {
  const { period: found, label, when } = rowPeriod(row);
  const period: Period =
    found === 'day' && reportKind === 'weekly'
      ? 'week'
      : found === 'day' && reportKind === 'monthly'
        ? 'month'
        : found;
  const time = instant(when, 'date', ctx.noZone);
  const project = instanceProject ?? str(row.projectPath) ?? str(row.project);
  const session = period === 'session' ? label : null;
  const base = (model: string | null, tokens: ImportTokens, cost: ImportEvent['cost']) => {
    const who = splitAgent(model, agent);
    return {
      key: `ccusage|${period}|${label}|${project ?? ''}|${who.agent}|${who.model ?? ''}`,
      source: 'ccusage' as const,
      agent: who.agent,
      project,
      session,
      model: who.model,
      time,
      tokens,
      requests: null,
      cost,
      period,
    };
  };
  const breakdowns: [string | null, Row][] = [];
  if (Array.isArray(row.modelBreakdowns) && row.modelBreakdowns.length > 0) {
    for (const b of row.modelBreakdowns) if (isObject(b)) breakdowns.push([str(b.modelName), b]);
  } else if (isObject(row.models)) {
    for (const [name, b] of Object.entries(row.models)) if (isObject(b)) breakdowns.push([name, b]);
  }
  if (breakdowns.length > 0) {
    for (const [model, b] of breakdowns) ctx.emit(base(model, rowTokens(b), rowCost(b)));
    return;
  }
  const used = Array.isArray(row.modelsUsed)
    ? row.modelsUsed
    : Array.isArray(row.models)
      ? row.models
      : [];
  const model = used.length === 1 ? str(used[0]) : null;
  ctx.emit(base(model, rowTokens(row), rowCost(row)));
}
