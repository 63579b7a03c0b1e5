/**
 * Rules a freshly synced card must pass before it replaces the last good one. A feed that lost
 * most of its models, or that moved a price by more than 10x, is far more likely broken than
 * right; keeping the last good card costs little, showing wrong prices costs trust.
 */
import type { RateCard } from './schema';

/** Reject when the model count falls by more than this fraction. */
export const MAX_MODEL_DROP = 0.3;
/** Reject when a known price moves by more than this factor, up or down. */
export const MAX_PRICE_FACTOR = 10;

/** Null when `next` may replace `previous`; otherwise the reason, for the sync status. */
export function checkCardChange(previous: RateCard, next: RateCard): string | null {
  const before = previous.models.length;
  const after = next.models.length;
  if (after < before * (1 - MAX_MODEL_DROP)) {
    return `model count dropped from ${before} to ${after} (more than ${MAX_MODEL_DROP * 100}%)`;
  }
  const old = new Map(previous.models.map((m) => [m.id, m]));
  for (const model of next.models) {
    const prev = old.get(model.id);
    if (!prev) continue;
    for (const kind of ['default', 'openrouter'] as const) {
      const a = prev.offers[kind];
      const b = model.offers[kind];
      if (!a || !b || a.currency !== b.currency) continue;
      for (const cls of ['input', 'output'] as const) {
        const x = a.prices[cls];
        const y = b.prices[cls];
        if (x > 0 && y > 0 && (y / x > MAX_PRICE_FACTOR || x / y > MAX_PRICE_FACTOR)) {
          return `${model.id} ${cls} price (${kind} offer) moved from ${x} to ${y} USD per 1M tokens (more than ${MAX_PRICE_FACTOR}x)`;
        }
      }
    }
  }
  return null;
}

/**
 * Turn a fetched body into JSON with a clear message for the usual failures: an HTML error page
 * (a captive portal, a CDN error), an empty body, or malformed JSON.
 */
export function parseFeedBody(source: string, body: string, contentType: string | null): unknown {
  const head = body.trimStart().slice(0, 200).toLowerCase();
  if (
    (contentType ?? '').includes('text/html') ||
    head.startsWith('<!doctype') ||
    head.startsWith('<html') ||
    head.startsWith('<')
  ) {
    return fail(source, 'returned an HTML page, not JSON');
  }
  if (!body.trim()) return fail(source, 'returned an empty body');
  try {
    return JSON.parse(body);
  } catch (error) {
    return fail(
      source,
      `returned malformed JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function fail(source: string, message: string): never {
  throw new Error(`${source} ${message}`);
}
