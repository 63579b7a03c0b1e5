/**
 * Provider organization reports (admin keys), read from their JSON pages:
 * - OpenAI `GET /v1/organization/usage/completions`: `data[]` buckets (`start_time`,
 *   `end_time`, Unix s) of results with `input_tokens` (which includes `input_cached_tokens`),
 *   `output_tokens`, `num_model_requests` and the grouping fields;
 * - OpenAI `GET /v1/organization/costs`: results with `amount{value, currency}`: billed;
 * - Anthropic `GET /v1/organizations/usage_report/messages`: buckets (`starting_at`,
 *   `ending_at`) of results with `uncached_input_tokens`, `cache_read_input_tokens`,
 *   `cache_creation{ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}` (or the flattened
 *   `cache_creation_5m_input_tokens`/`…_1h_…`) and `output_tokens`;
 * - Anthropic `GET /v1/organizations/cost_report`: results whose `amount` is a decimal string in
 *   cents (`"123.45"` = $1.23): billed.
 * A bucket row's key is its period and every grouping field, so the same page exported twice or
 * two overlapping pages count each bucket once.
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
import type { ImportEvent } from '../types';

type Row = Record<string, unknown>;
const t = (v: unknown, what: string) => tokenCount(v, what, MAX_TOKENS_PER_AGGREGATE);

function periodOf(seconds: number): ImportEvent['period'] {
  if (seconds <= 60) return 'minute';
  if (seconds <= 3600) return 'hour';
  return 'day';
}

const ids = (r: Row, fields: string[]) => fields.map((f) => str(r[f]) ?? '').join('|');

export const isOpenAiBucket = (v: unknown): v is Row =>
  isObject(v) && Array.isArray(v.results) && v.start_time !== undefined;
export const isAnthropicBucket = (v: unknown): v is Row =>
  isObject(v) && Array.isArray(v.results) && v.starting_at !== undefined;

export function openAiBucket(ctx: ParseContext, bucket: Row): void {
  const start = instant(bucket.start_time, 'start_time', ctx.noZone);
  const end =
    bucket.end_time === undefined ? start : instant(bucket.end_time, 'end_time', ctx.noZone);
  const period = periodOf((end - start) / 1000);
  for (const r of bucket.results as unknown[]) {
    if (!isObject(r)) continue;
    const where = `${start}|${end}`;
    if (isObject(r.amount)) {
      const currency = String(r.amount.currency ?? 'usd').toLowerCase();
      if (currency !== 'usd') throw new RowError(`cost in ${currency}, not USD`);
      const micros = usdToMicros(r.amount.value, 'amount.value');
      ctx.emit({
        key: `openai-org|cost|${where}|${ids(r, ['project_id', 'line_item', 'organization_id', 'api_key_id'])}`,
        source: 'openai-org',
        agent: 'openai-api',
        project: str(r.project_id),
        session: null,
        model: null,
        time: start,
        tokens: {
          input: 0,
          cacheRead: 0,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output: 0,
          reasoning: 0,
        },
        requests: null,
        cost: micros === null ? null : { microUsd: micros, kind: 'billed' },
        period,
      });
      continue;
    }
    const input = t(r.input_tokens, 'input_tokens');
    const cached = Math.min(t(r.input_cached_tokens, 'input_cached_tokens'), input);
    const requests = r.num_model_requests;
    ctx.emit({
      key: `openai-org|usage|${where}|${ids(r, ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'])}`,
      source: 'openai-org',
      agent: 'openai-api',
      project: str(r.project_id),
      session: null,
      model: str(r.model),
      time: start,
      tokens: {
        input: input - cached,
        cacheRead: cached,
        cacheWrite5m: t(r.input_cache_write_tokens ?? r.input_cache_creation_tokens, 'cache write'),
        cacheWrite1h: 0,
        output: t(r.output_tokens, 'output_tokens'),
        reasoning: 0,
      },
      requests:
        typeof requests === 'number' && Number.isSafeInteger(requests) && requests >= 0
          ? requests
          : null,
      cost: null,
      period,
    });
  }
}

export function anthropicBucket(ctx: ParseContext, bucket: Row): void {
  const start = instant(bucket.starting_at, 'starting_at', ctx.noZone);
  const end =
    bucket.ending_at === undefined ? start : instant(bucket.ending_at, 'ending_at', ctx.noZone);
  const period = periodOf((end - start) / 1000);
  for (const r of bucket.results as unknown[]) {
    if (!isObject(r)) continue;
    const where = `${start}|${end}`;
    if (r.amount !== undefined) {
      const currency = String(r.currency ?? 'USD').toUpperCase();
      if (currency !== 'USD') throw new RowError(`cost in ${currency}, not USD`);
      const cents = usdToMicros(r.amount, 'amount');
      ctx.emit({
        key: `anthropic-org|cost|${where}|${ids(r, ['workspace_id', 'description', 'model', 'cost_type', 'token_type', 'service_tier', 'context_window', 'inference_geo'])}`,
        source: 'anthropic-org',
        agent: 'anthropic-api',
        project: str(r.workspace_id),
        session: null,
        model: str(r.model),
        time: start,
        tokens: {
          input: 0,
          cacheRead: 0,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output: 0,
          reasoning: 0,
        },
        requests: null,
        // The amount is in cents: micro-"cents" / 100 = micro-USD.
        cost: cents === null ? null : { microUsd: Math.round(cents / 100), kind: 'billed' },
        period,
      });
      continue;
    }
    const split = isObject(r.cache_creation) ? r.cache_creation : r;
    ctx.emit({
      key: `anthropic-org|usage|${where}|${ids(r, ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window', 'inference_geo', 'speed', 'account_id', 'service_account_id'])}`,
      source: 'anthropic-org',
      agent: 'anthropic-api',
      project: str(r.workspace_id) ?? str(r.api_key_id),
      session: null,
      model: str(r.model),
      time: start,
      tokens: {
        input: t(r.uncached_input_tokens, 'uncached_input_tokens'),
        cacheRead: t(r.cache_read_input_tokens, 'cache_read_input_tokens'),
        cacheWrite5m: t(
          split.ephemeral_5m_input_tokens ?? split.cache_creation_5m_input_tokens,
          'cache write 5m',
        ),
        cacheWrite1h: t(
          split.ephemeral_1h_input_tokens ?? split.cache_creation_1h_input_tokens,
          'cache write 1h',
        ),
        output: t(r.output_tokens, 'output_tokens'),
        reasoning: 0,
      },
      requests: null,
      cost: null,
      period,
    });
  }
}
