/**
 * OpenRouter with the user's own key (options page → `pullOpenRouter`): the account's credits
 * (`GET /api/v1/credits`) and the last 30 completed UTC days of activity (`GET /api/v1/activity`,
 * one row per day and endpoint), stored in the history as source `openrouter`, billed (the
 * `usage` OpenRouter charged). Both endpoints need a management key; a plain key gets 403, said
 * so. The key is read from extension storage and sent only to openrouter.ai, in the
 * Authorization header. A failed pull stores nothing in the history and keeps the key.
 */
import { FileImport, type ImportEvent, type Refusal } from '@/utils/core/imports';
import { usdToMicros } from '@/utils/core/imports/limits';
import type { Handlers, Res } from '@/utils/messaging';
import { openRouterKey } from '@/utils/storage/settings/openrouter';
import {
  EMPTY_OPENROUTER_STATUS,
  openRouterStatus,
  type OpenRouterError,
  type OpenRouterStatus,
} from '@/utils/storage/state/openrouter';
import { importUsage } from './history/imported';

export const OPENROUTER_API = 'https://openrouter.ai/api/v1';
/** The host permission the key's requests need (also the rate card's; see wxt.config.ts). */
export const OPENROUTER_ORIGIN = 'https://openrouter.ai/*';
const TIMEOUT_MS = 20_000;
/** 30 days × a few hundred endpoints is well under this; more is not the documented answer. */
const MAX_BYTES = 8 * 1024 * 1024;

export interface OpenRouterDeps {
  fetch: typeof fetch;
  now: () => number;
}
const deps: OpenRouterDeps = {
  fetch: (...args) => globalThis.fetch(...args),
  now: () => Date.now(),
};
export function configureOpenRouter(overrides: Partial<OpenRouterDeps>): void {
  Object.assign(deps, overrides);
}

class PullError extends Error {
  constructor(readonly info: OpenRouterError) {
    super(
      `${info.code}${info.status ? ` ${info.status}` : ''}${info.detail ? `: ${info.detail}` : ''}`,
    );
  }
}
const fail = (
  code: OpenRouterError['code'],
  status: number | null = null,
  detail: string | null = null,
) => new PullError({ code, status, detail });

/** GET one endpoint; its parsed JSON, or a PullError saying why not. */
async function getJson(path: string, key: string): Promise<unknown> {
  let res: Response;
  try {
    res = await deps.fetch(`${OPENROUTER_API}${path}`, {
      headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw fail('network', null, error instanceof Error ? error.message : String(error));
  }
  if (res.status === 401) throw fail('unauthorized', 401);
  if (res.status === 403) throw fail('forbidden', 403);
  if (res.status === 429) throw fail('rateLimited', 429);
  if (!res.ok) throw fail('http', res.status);
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw fail('network', res.status, error instanceof Error ? error.message : String(error));
  }
  if (text.length > MAX_BYTES) throw fail('malformed', res.status, `${text.length} bytes`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail('malformed', res.status, (error as Error).message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{"data":{"total_credits":100.5,"total_usage":25.75}}` (camelCase accepted too) → micro-USD. */
export function parseCredits(body: unknown): { totalMicroUsd: number; usedMicroUsd: number } {
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data)) throw fail('malformed', null, 'no data object');
  const total = data.total_credits ?? data.totalCredits;
  const used = data.total_usage ?? data.totalUsage;
  if (typeof total !== 'number' || typeof used !== 'number')
    throw fail('malformed', null, 'total_credits or total_usage is not a number');
  try {
    return {
      totalMicroUsd: usdToMicros(total, 'total_credits')!,
      usedMicroUsd: usdToMicros(used, 'total_usage')!,
    };
  } catch (error) {
    throw fail('malformed', null, (error as Error).message);
  }
}

/**
 * `{"data":[{date, model, model_permaslug, endpoint_id, provider_name, usage, byok_usage_inference,
 * requests, prompt_tokens, completion_tokens, reasoning_tokens}]}` → events, through the same
 * parser as a saved activity JSON file (utils/core/imports/formats/openrouter.ts).
 */
export function activityEvents(body: unknown): { events: ImportEvent[]; refusals: Refusal[] } {
  if (!isRecord(body) || !Array.isArray(body.data)) throw fail('malformed', null, 'no data array');
  const events: ImportEvent[] = [];
  const refusals: Refusal[] = [];
  if (body.data.length === 0) return { events, refusals };
  const file = new FileImport('openrouter /api/v1/activity', {
    event: (e) => void events.push(e),
    refusal: (r) => void refusals.push(r),
  });
  file.push(new TextEncoder().encode(JSON.stringify({ data: body.data })));
  const result = file.end();
  if (result.error) throw fail('malformed', null, result.error);
  const foreign = events.filter((e) => e.source !== 'openrouter');
  if (foreign.length) throw fail('malformed', null, 'rows of another report');
  return { events, refusals };
}

const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Pull credits and activity with the stored key; the status the options page shows. */
export async function pullOpenRouter(): Promise<Res<'pullOpenRouter'>> {
  const key = await openRouterKey.getValue();
  const at = deps.now();
  const prior = await openRouterStatus.getValue();
  if (!key) {
    const status = {
      ...prior,
      lastAttempt: at,
      creditsError: fail('noKey').info,
      activityError: fail('noKey').info,
    };
    return status;
  }
  const [credits, activity] = await Promise.allSettled([
    getJson('/credits', key).then(parseCredits),
    getJson('/activity', key).then(async (body) => {
      const { events, refusals } = activityEvents(body);
      let stored;
      try {
        stored = await importUsage(events, undefined);
      } catch (error) {
        throw fail('storage', null, error instanceof Error ? error.message : String(error));
      }
      return {
        at,
        rows: events.length,
        days: new Set(events.map((e) => utcDay(e.time))).size,
        added: stored.added,
        replaced: stored.replaced,
        duplicates: stored.duplicates,
        refused: stored.refused + refusals.length,
      };
    }),
  ]);
  const errorOf = (r: PromiseRejectedResult): OpenRouterError =>
    r.reason instanceof PullError
      ? r.reason.info
      : { code: 'malformed', status: null, detail: String(r.reason) };
  const status: OpenRouterStatus = {
    credits: credits.status === 'fulfilled' ? { ...credits.value, at } : prior.credits,
    creditsError: credits.status === 'rejected' ? errorOf(credits) : null,
    activity: activity.status === 'fulfilled' ? activity.value : prior.activity,
    activityError: activity.status === 'rejected' ? errorOf(activity) : null,
    lastAttempt: at,
  };
  // The key may have been removed while the requests ran: then nothing is kept of them.
  if ((await openRouterKey.getValue()) === key) await openRouterStatus.setValue(status);
  return status;
}

/** The key was removed on the options page: forget what its pulls found (the history keeps its rows). */
export async function forgetOpenRouter(): Promise<Res<'forgetOpenRouter'>> {
  await openRouterKey.setValue(null);
  await openRouterStatus.setValue(EMPTY_OPENROUTER_STATUS);
  return { forgotten: true };
}

export function setupOpenRouter(): Handlers<'pullOpenRouter' | 'forgetOpenRouter'> {
  return {
    pullOpenRouter: () => pullOpenRouter(),
    forgetOpenRouter: () => forgetOpenRouter(),
  };
}
