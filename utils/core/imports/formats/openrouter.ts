/**
 * OpenRouter:
 * - the activity page's CSV export, one row per generation (24 columns, `created_at` like
 *   `2026-02-06 18:54:30.040`, UTC without a zone). Columns are found by name, in any order;
 *   renamed headers are matched through ALIASES (case, spaces and underscores ignored).
 *   `tokens_prompt` includes `tokens_cached`; `tokens_completion` includes `tokens_reasoning`.
 *   `cost_total` (plus `byok_usage_inference`, paid to the provider with one's own key) is billed.
 * - `GET /api/v1/activity` (management key): daily rows per endpoint with `usage` in USD.
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
import type { CsvRowParser, ParseContext } from '../context';

const ALIASES: Record<string, string[]> = {
  id: ['generation_id', 'generation', 'id', 'gen_id'],
  time: ['created_at', 'created', 'timestamp', 'date', 'time'],
  cost: ['cost_total', 'total_cost', 'cost', 'usage'],
  byok: ['byok_usage_inference', 'byok_cost'],
  prompt: ['tokens_prompt', 'prompt_tokens', 'input_tokens', 'native_tokens_prompt'],
  completion: [
    'tokens_completion',
    'completion_tokens',
    'output_tokens',
    'native_tokens_completion',
  ],
  reasoning: ['tokens_reasoning', 'reasoning_tokens', 'native_tokens_reasoning'],
  cached: ['tokens_cached', 'cached_tokens', 'native_tokens_cached'],
  model: ['model_permaslug', 'model', 'model_slug', 'model_id'],
  provider: ['provider_name', 'provider'],
  app: ['app_name', 'app'],
  key: ['api_key_name', 'key_name', 'api_key'],
  cancelled: ['cancelled', 'canceled'],
};

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/^\ufeff/, '');

/** Is this header row an OpenRouter activity export? */
export function isOpenRouterHeader(fields: string[]): boolean {
  const names = new Set(fields.map(norm));
  const has = (k: string) => ALIASES[k].some((a) => names.has(a));
  return has('time') && has('model') && (has('prompt') || has('completion'));
}

export function openRouterCsvParser(ctx: ParseContext): CsvRowParser {
  let columns: Record<string, number> | null = null;
  const get = (fields: string[], k: string) => {
    const i = columns![k];
    return i === undefined ? undefined : fields[i];
  };
  return {
    row(fields) {
      if (!columns) {
        const names = fields.map(norm);
        columns = {};
        for (const [k, aliases] of Object.entries(ALIASES)) {
          const i = aliases.map((a) => names.indexOf(a)).find((x) => x >= 0);
          if (i !== undefined) columns[k] = i;
        }
        for (const need of ['time', 'model'] as const) {
          if (columns[need] === undefined)
            throw new RowError(`the header has no ${ALIASES[need][0]} column`);
        }
        return;
      }
      const num = (k: string) => {
        const v = get(fields, k);
        return v === undefined || v.trim() === '' ? 0 : tokenCount(v.trim(), ALIASES[k][0]);
      };
      const prompt = num('prompt');
      const cached = Math.min(num('cached'), prompt);
      const completion = num('completion');
      const reasoning = Math.min(num('reasoning'), completion);
      const paid = usdToMicros(get(fields, 'cost'), 'cost_total');
      const byok = usdToMicros(get(fields, 'byok'), 'byok_usage_inference');
      const time = instant(get(fields, 'time'), 'created_at', ctx.noZone);
      const model = str(get(fields, 'model')?.trim());
      const id = str(get(fields, 'id')?.trim());
      ctx.emit({
        key: `openrouter|gen|${id ?? `${time}|${model}|${prompt}|${completion}|${paid}`}`,
        source: 'openrouter',
        agent: str(get(fields, 'app')?.trim()) ?? 'openrouter',
        project: str(get(fields, 'key')?.trim()),
        session: null,
        model,
        time,
        tokens: {
          input: prompt - cached,
          cacheRead: cached,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output: completion - reasoning,
          reasoning,
        },
        requests: 1,
        cost:
          paid === null && byok === null
            ? null
            : { microUsd: (paid ?? 0) + (byok ?? 0), kind: 'billed' },
      });
    },
  };
}

export const isOpenRouterActivityRow = (v: unknown): v is Record<string, unknown> =>
  isObject(v) &&
  v.date !== undefined &&
  ('prompt_tokens' in v || 'model_permaslug' in v || 'promptTokens' in v);

export function openRouterActivityRecord(ctx: ParseContext, r: Record<string, unknown>): void {
  const t = (a: unknown, b: unknown, what: string) =>
    tokenCount(a ?? b, what, MAX_TOKENS_PER_AGGREGATE);
  const completion = t(r.completion_tokens, r.completionTokens, 'completion_tokens');
  const reasoning = Math.min(
    t(r.reasoning_tokens, r.reasoningTokens, 'reasoning_tokens'),
    completion,
  );
  const paid = usdToMicros(r.usage, 'usage');
  const byok = usdToMicros(r.byok_usage_inference ?? r.byokUsageInference, 'byok_usage_inference');
  const model = str(r.model_permaslug) ?? str(r.modelPermaslug) ?? str(r.model);
  const requests = r.requests;
  ctx.emit({
    key: `openrouter|day|${String(r.date)}|${str(r.endpoint_id) ?? str(r.endpointId) ?? ''}|${model ?? ''}`,
    source: 'openrouter',
    agent: 'openrouter',
    project: null,
    session: null,
    model,
    time: instant(r.date, 'date', ctx.noZone),
    tokens: {
      input: t(r.prompt_tokens, r.promptTokens, 'prompt_tokens'),
      cacheRead: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: completion - reasoning,
      reasoning,
    },
    requests:
      typeof requests === 'number' && Number.isSafeInteger(requests) && requests >= 0
        ? requests
        : null,
    cost:
      paid === null && byok === null
        ? null
        : { microUsd: (paid ?? 0) + (byok ?? 0), kind: 'billed' },
    period: 'day',
  });
}
