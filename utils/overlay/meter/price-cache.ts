/**
 * The rate card's answers, cached: model entries by id, and prices by usage (a row's price does
 * not change while the card does not, so only new rows reach the background). Concurrent asks
 * for the same usage share one message; many usages go in one `priceUsageMany` message. Both
 * caches are dropped when the card changes (`invalidate`).
 */
import type { Usage } from '@/utils/core/types';
import type { MeterServices, ModelInfo, PriceReply } from '../types';

/** Usages per `priceUsageMany` message. */
export const BATCH_USAGES = 1000;

/** The cache key of a usage on a model: what the price depends on. */
export function priceKey(model: string, usage: Usage): string {
  return `${model}|${usage.input}|${usage.output}|${usage.reasoning ?? 0}`;
}

/**
 * Indices of `keys` grouped by key, in order of first appearance (one ask per distinct key);
 * null keys (nothing to ask) are left out.
 */
export function groupByKey(keys: readonly (string | null)[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (key === null) return;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

const reasonOf = (error: unknown) =>
  error instanceof Error ? error.message : 'pricing unavailable';

export interface PriceCache {
  /** The card's entry for an id or alias (null: not in the card, or the card cannot answer yet). */
  info(id: string): Promise<ModelInfo | null>;
  /** The card answered for this id (so a null `info` means "not in the card", not "loading"). */
  knows(id: string): boolean;
  price(model: string, usage: Usage): Promise<PriceReply>;
  /** Prices of many usages on one model: cached, the rest in one message where possible. */
  priceAll(model: string, usages: readonly Usage[]): Promise<PriceReply[]>;
  /** Drop everything that depends on the rate card (after a card sync, another currency). */
  invalidate(): void;
  /** Counts the invalidations: a view built on an older generation is re-priced. */
  generation(): number;
  /** Why the last answers could not be given in the user's currency (no rate), if so. */
  localError(): string | undefined;
  /** The moment a cached price goes stale (a peak window opens or closes), or Infinity. */
  staleAt(): number;
}

interface PriceState {
  services: MeterServices;
  now: () => number;
  /** The earliest moment a cached price goes stale (a peak window opens or closes). */
  staleAt: number;
  generation: number;
  localError?: string;
  infos: Map<string, ModelInfo | null>;
  prices: Map<string, PriceReply>;
  inflight: Map<string, Promise<PriceReply>>;
}

async function lookUp(st: PriceState, id: string): Promise<ModelInfo | null> {
  if (st.infos.has(id)) return st.infos.get(id)!;
  let value: ModelInfo | null;
  try {
    value = await st.services.modelInfo(id);
  } catch {
    // The card cannot answer (not loaded yet): do not cache, try again next time.
    return null;
  }
  st.infos.set(id, value);
  return value;
}

/** Keep the reason the user's currency could not be used (or forget it once it could). */
function noteLocal(st: PriceState, reply: PriceReply) {
  if (!reply.priced) return;
  if (reply.until !== undefined && reply.until < st.staleAt) st.staleAt = reply.until;
  if (reply.localError) st.localError = reply.localError;
  else if (reply.local) st.localError = undefined;
}

async function priceOne(st: PriceState, model: string, usage: Usage): Promise<PriceReply> {
  const key = priceKey(model, usage);
  const hit = st.prices.get(key);
  if (hit) return hit;
  // Concurrent asks for the same usage share one message.
  let pending = st.inflight.get(key);
  if (!pending) {
    pending = st.services.priceUsage(model, usage).then(
      (reply) => {
        st.prices.set(key, reply);
        noteLocal(st, reply);
        return reply;
      },
      (error): PriceReply => ({ priced: false, reason: reasonOf(error) }),
    );
    st.inflight.set(key, pending);
    void pending.finally(() => st.inflight.delete(key));
  }
  return pending;
}

/** One `priceUsageMany` message per BATCH_USAGES distinct usages; a failed message prices none. */
async function priceGroups(
  st: PriceState,
  many: NonNullable<MeterServices['priceUsageMany']>,
  model: string,
  usages: readonly Usage[],
  groups: number[][],
  out: PriceReply[],
): Promise<void> {
  for (let start = 0; start < groups.length; start += BATCH_USAGES) {
    const part = groups.slice(start, start + BATCH_USAGES);
    let replies: PriceReply[] | null = null;
    try {
      replies = await many(
        model,
        part.map((indices) => usages[indices[0]]),
      );
    } catch (error) {
      const reason = reasonOf(error);
      replies = part.map((): PriceReply => ({ priced: false, reason }));
    }
    part.forEach((indices, k) => {
      const reply: PriceReply = replies?.[k] ?? { priced: false, reason: 'pricing unavailable' };
      if (replies?.[k]) st.prices.set(priceKey(model, usages[indices[0]]), reply);
      noteLocal(st, reply);
      for (const i of indices) out[i] = reply;
    });
  }
}

async function priceMany(
  st: PriceState,
  model: string,
  usages: readonly Usage[],
): Promise<PriceReply[]> {
  const out: PriceReply[] = new Array(usages.length);
  const missing = groupByKey(
    usages.map((usage, i) => {
      const key = priceKey(model, usage);
      const hit = st.prices.get(key);
      if (!hit) return key;
      out[i] = hit;
      return null;
    }),
  );
  if (missing.size === 0) return out;
  const many = st.services.priceUsageMany?.bind(st.services);
  const groups = [...missing.values()];
  if (!many || groups.length === 1) {
    await Promise.all(
      groups.map(async (indices) => {
        const reply = await priceOne(st, model, usages[indices[0]]);
        for (const i of indices) out[i] = reply;
      }),
    );
    return out;
  }
  await priceGroups(st, many, model, usages, groups, out);
  return out;
}

/**
 * Drop every cached price once a time-of-day rule may have changed one (the price of the same
 * usage differs inside and outside DeepSeek's peak hours); the next view prices again.
 */
function expire(st: PriceState) {
  if (st.now() < st.staleAt) return;
  st.prices.clear();
  st.staleAt = Infinity;
  st.generation++;
}

export function createPriceCache(
  services: MeterServices,
  now: () => number = Date.now,
): PriceCache {
  const st: PriceState = {
    services,
    now,
    staleAt: Infinity,
    generation: 0,
    infos: new Map(),
    prices: new Map(),
    inflight: new Map(),
  };
  return {
    info: (id) => lookUp(st, id),
    knows: (id) => st.infos.has(id),
    price: (model, usage) => (expire(st), priceOne(st, model, usage)),
    priceAll: (model, usages) => (expire(st), priceMany(st, model, usages)),
    invalidate() {
      st.infos.clear();
      st.prices.clear();
      st.localError = undefined;
      st.staleAt = Infinity;
      st.generation++;
    },
    generation: () => (expire(st), st.generation),
    localError: () => st.localError,
    staleAt: () => st.staleAt,
  };
}
