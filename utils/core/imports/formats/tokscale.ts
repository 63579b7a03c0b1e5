/**
 * tokscale `--json` reports: `{"groupBy": "session,model", "entries": [{client, provider, model,
 * input, output, cacheRead, cacheWrite, reasoning, messageCount, cost, …}]}`. Its token classes
 * are disjoint (reasoning apart from output). An entry's key is every grouping field it has; its
 * time is its `date` (or another date field): an entry without one cannot be placed in the
 * history and is refused with that reason. Its cost is tokscale's estimate, not a bill.
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

const t = (v: unknown, what: string) => tokenCount(v, what, MAX_TOKENS_PER_AGGREGATE);
const TOKEN_FIELDS = new Set([
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'reasoning',
  'messageCount',
  'cost',
  'total',
  'totalTokens',
]);
const DATE_FIELDS = [
  'date',
  'day',
  'timestamp',
  'lastActivity',
  'lastTimestamp',
  'startTime',
  'month',
];

export const isTokscaleEntry = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && ('input' in v || 'cacheRead' in v) && ('client' in v || 'model' in v);

export function tokscaleRecord(
  ctx: ParseContext,
  entry: Record<string, unknown>,
  groupBy: string,
): void {
  const dateField = DATE_FIELDS.find((f) => entry[f] !== undefined && entry[f] !== null);
  if (!dateField) {
    throw new RowError(
      'entry has no date: export with a date grouping (tokscale --json --group-by date,…)',
    );
  }
  const identity = Object.keys(entry)
    .filter(
      (k) => !TOKEN_FIELDS.has(k) && (typeof entry[k] === 'string' || typeof entry[k] === 'number'),
    )
    .sort()
    .map((k) => `${k}=${String(entry[k])}`)
    .join(',');
  const cost = usdToMicros(entry.cost, 'cost');
  const messages = entry.messageCount;
  ctx.emit({
    key: `tokscale|${groupBy}|${identity}`,
    source: 'tokscale',
    agent: str(entry.client) ?? str(entry.source) ?? 'tokscale',
    project: str(entry.workspace) ?? str(entry.workspaceLabel) ?? str(entry.project),
    session: str(entry.sessionId),
    model: str(entry.model),
    time: instant(entry[dateField], dateField, ctx.noZone),
    tokens: {
      input: t(entry.input, 'input'),
      cacheRead: t(entry.cacheRead, 'cacheRead'),
      cacheWrite5m: t(entry.cacheWrite, 'cacheWrite'),
      cacheWrite1h: 0,
      output: t(entry.output, 'output'),
      reasoning: t(entry.reasoning, 'reasoning'),
    },
    requests:
      typeof messages === 'number' && Number.isSafeInteger(messages) && messages >= 0
        ? messages
        : null,
    cost: cost === null ? null : { microUsd: cost, kind: 'estimate' },
    period:
      dateField === 'month'
        ? 'month'
        : dateField === 'date' || dateField === 'day'
          ? 'day'
          : 'session',
  });
}
