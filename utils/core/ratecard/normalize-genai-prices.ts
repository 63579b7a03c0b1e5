/**
 * pydantic/genai-prices (MIT) → dated price periods per lab model. Its v2 data lists providers,
 * each model with a `match` rule and either one price or a list of conditional prices: an
 * unconstrained first price, then prices gated on a `start_date` (a dated price change) or a
 * daily `time_of_date` window. Prices are USD per 1M tokens (`*_mtok`); a tiered price is
 * `{base, tiers: [{start, price}]}`, applied when the prompt exceeds `start` (as here).
 *
 * Daily windows are not imported: the format cannot say on which days or since when they apply
 * (its own DeepSeek note says so), so the card's time rules come from `sources/lab-prices.json`.
 */
import { z } from './zod';
import { RateCardSourceError } from './normalize-models-dev';
import { compactPrices } from './offer';
import type { PriceSet, Tier } from './schema';

const amount = z.number().nonnegative();
const tiered = z.looseObject({
  base: amount,
  tiers: z.array(z.looseObject({ start: z.number().int().positive(), price: amount })),
});
const field = z.union([amount, tiered]);
const modelPriceSchema = z.looseObject({
  input_mtok: field.optional(),
  output_mtok: field.optional(),
  cache_read_mtok: field.optional(),
  cache_write_mtok: field.optional(),
  cache_write_1h_mtok: field.optional(),
});
const conditionalSchema = z.looseObject({
  constraint: z
    .looseObject({
      type: z.string().optional(),
      start_date: z.string().optional(),
      start_time: z.string().optional(),
      end_time: z.string().optional(),
    })
    .optional(),
  prices: modelPriceSchema,
});

type MatchLogic = Record<string, unknown>;
const modelSchema = z.looseObject({
  id: z.string().min(1),
  match: z.record(z.string(), z.unknown()),
  prices: z.union([modelPriceSchema, z.array(conditionalSchema).min(1)]),
});
const providerSchema = z.looseObject({ id: z.string().min(1), models: z.array(z.unknown()) });
const rootSchema = z.array(providerSchema).min(1);

/** genai-prices provider id → the card's provider id (models.dev's). */
export const GENAI_PROVIDERS: Record<string, string> = {
  anthropic: 'anthropic',
  openai: 'openai',
  google: 'google',
  'x-ai': 'xai',
  mistral: 'mistral',
  deepseek: 'deepseek',
  moonshotai: 'moonshotai',
  zai: 'zai',
  minimax: 'minimax',
  cohere: 'cohere',
  perplexity: 'perplexity',
};

/** One price of a model and the day it took effect (null: the first known price). */
export interface GenaiPeriod {
  from: string | null;
  prices: PriceSet;
  tiers: Tier[];
}

export interface GenaiModel {
  /** The card's provider id. */
  provider: string;
  id: string;
  match: MatchLogic;
  /** Oldest first. */
  periods: GenaiPeriod[];
}

const FIELDS = [
  ['input_mtok', 'input'],
  ['output_mtok', 'output'],
  ['cache_read_mtok', 'cacheRead'],
  ['cache_write_mtok', 'cacheWrite'],
  ['cache_write_1h_mtok', 'cacheWrite1h'],
] as const;

function toPeriod(raw: z.infer<typeof modelPriceSchema>, from: string | null): GenaiPeriod | null {
  if (raw.input_mtok === undefined || raw.output_mtok === undefined) return null;
  const prices: Partial<PriceSet> = {};
  const starts = new Set<number>();
  for (const [key, name] of FIELDS) {
    const value = raw[key];
    if (value === undefined) continue;
    prices[name] = typeof value === 'number' ? value : value.base;
    if (typeof value !== 'number') for (const t of value.tiers) starts.add(t.start);
  }
  const tiers: Tier[] = [...starts]
    .sort((a, b) => a - b)
    .map((above) => {
      const tierPrices: Partial<PriceSet> = {};
      for (const [key, name] of FIELDS) {
        const value = raw[key];
        if (value === undefined || typeof value === 'number') continue;
        const hit = value.tiers.filter((t) => t.start <= above).at(-1);
        if (hit) tierPrices[name] = hit.price;
      }
      return { above, prices: tierPrices };
    });
  return { from, prices: compactPrices(prices as PriceSet), tiers };
}

export function normalizeGenaiPrices(raw: unknown): GenaiModel[] {
  const root = rootSchema.safeParse(raw);
  if (!root.success) {
    const issue = root.error.issues[0];
    throw new RateCardSourceError(
      'genai-prices',
      `payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const out: GenaiModel[] = [];
  for (const provider of root.data) {
    const cardProvider = GENAI_PROVIDERS[provider.id];
    if (!cardProvider) continue;
    for (const value of provider.models) {
      const parsed = modelSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const id = (value as { id?: unknown })?.id;
        throw new RateCardSourceError(
          'genai-prices',
          `${provider.id}/${typeof id === 'string' ? id : '?'}: ${issue.path.join('.')}: ${issue.message}`,
        );
      }
      const m = parsed.data;
      const entries = Array.isArray(m.prices) ? m.prices : [{ prices: m.prices }];
      const periods: GenaiPeriod[] = [];
      const windows: [number, number][] = [];
      let last = '';
      for (const entry of entries) {
        const c = 'constraint' in entry ? entry.constraint : undefined;
        if (c?.start_time !== undefined) {
          // A daily window: not imported (see the note above), but overlapping ones mean a broken feed.
          for (const w of dayWindows(c.start_time, c.end_time, `${provider.id}/${m.id}`)) {
            const clash = windows.find(([a, b]) => w[0] < b && a < w[1]);
            if (clash) {
              throw new RateCardSourceError(
                'genai-prices',
                `${provider.id}/${m.id}: overlapping time windows (${c.start_time}-${c.end_time} overlaps another)`,
              );
            }
            windows.push(w);
          }
          continue;
        }
        const from = c?.start_date ?? null;
        if (from !== null) {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !Number.isFinite(Date.parse(from))) {
            throw new RateCardSourceError(
              'genai-prices',
              `${provider.id}/${m.id}: bad start_date ${from}`,
            );
          }
          if (from <= last) {
            throw new RateCardSourceError(
              'genai-prices',
              `${provider.id}/${m.id}: price history goes backwards (${from} after ${last})`,
            );
          }
          last = from;
        } else if (periods.length) {
          continue; // a second undated price is a daily window's base: no date to place it
        }
        const period = toPeriod(entry.prices, from);
        if (period) periods.push(period);
      }
      if (periods.length && periods[0].from === null) {
        out.push({ provider: cardProvider, id: m.id, match: m.match, periods });
      }
    }
  }
  return out;
}

/** Seconds of the day of an `HH:MM:SS[Z]` time, or null. */
function daySeconds(time: string | undefined): number | null {
  const hit = /^(\d{2}):(\d{2})(?::(\d{2}))?Z?$/.exec(time ?? '');
  if (!hit) return null;
  const [h, m, s] = [Number(hit[1]), Number(hit[2]), Number(hit[3] ?? 0)];
  return h < 24 && m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
}

/** A daily window as spans of the day in seconds (one crossing midnight is split in two). */
function dayWindows(start: string, end: string | undefined, where: string): [number, number][] {
  const a = daySeconds(start);
  const b = daySeconds(end);
  if (a === null || b === null || a === b) {
    throw new RateCardSourceError(
      'genai-prices',
      `${where}: bad time window ${start}-${end ?? '?'}`,
    );
  }
  return a < b
    ? [[a, b]]
    : [
        [a, 86400],
        [0, b],
      ];
}

/** genai-prices' match rules: equals, starts_with, ends_with, contains, regex, or, and. */
export function matchesLogic(logic: MatchLogic, text: string): boolean {
  if ('equals' in logic) return text === logic.equals;
  if ('starts_with' in logic) return text.startsWith(String(logic.starts_with));
  if ('ends_with' in logic) return text.endsWith(String(logic.ends_with));
  if ('contains' in logic) return text.includes(String(logic.contains));
  if ('regex' in logic) {
    try {
      return new RegExp(String(logic.regex)).test(text);
    } catch {
      return false;
    }
  }
  if ('or' in logic && Array.isArray(logic.or)) {
    return logic.or.some((l) => matchesLogic(l as MatchLogic, text));
  }
  if ('and' in logic && Array.isArray(logic.and)) {
    return logic.and.every((l) => matchesLogic(l as MatchLogic, text));
  }
  return false;
}
