/**
 * models.dev `api.json` → normalized lab models (default offers) and models.dev's own copy of
 * OpenRouter's catalogue (OpenRouter offers, MIT-licensed through models.dev).
 *
 * Shape: `{providerId: {id, name, models: {modelId: {name, family, limit{context, output},
 * cost{input, output, cache_read, cache_write, reasoning, request, tiers[]}}}}}`, cost in USD per
 * 1M tokens. Only the providers we use are validated strictly: one malformed entry in an unrelated
 * reseller must not block a sync, while a malformed price of a model we show must.
 */
import { z } from './zod';
import { FULL_DATE_SUFFIX, isChatModel } from './filters';
import { makeOffer } from './offer';
import { FIRST_PARTY } from './providers';
import type { Offer, PriceSet, Tier } from './schema';

const price = z.number().nonnegative();

const tierSchema = z.looseObject({
  tier: z.looseObject({ size: z.number().int().positive(), type: z.string().optional() }),
  input: price.optional(),
  output: price.optional(),
  cache_read: price.optional(),
  cache_write: price.optional(),
  reasoning: price.optional(),
});

const costSchema = z.looseObject({
  input: price,
  output: price,
  cache_read: price.optional(),
  // Spelling variants seen in models.dev's TOML (MiniMax, SiliconFlow, Together).
  cached_input: price.optional(),
  cache_input: price.optional(),
  cache_write: price.optional(),
  cached_write: price.optional(),
  reasoning: price.optional(),
  /** Per 1,000 requests (Perplexity's search fee, "$5 per 1K requests"). */
  request: price.optional(),
  tiers: z.array(tierSchema).optional(),
});

const modelSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  family: z.string().optional(),
  release_date: z.string().optional(),
  limit: z.looseObject({
    context: z.number().int().nonnegative(),
    output: z.number().int().nonnegative(),
  }),
  cost: costSchema.nullish(),
  modalities: z.looseObject({ input: z.array(z.string()), output: z.array(z.string()) }).optional(),
});
type MdModel = z.infer<typeof modelSchema>;

const providerSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  models: z.record(z.string(), z.unknown()),
});

const rootSchema = z.record(z.string(), providerSchema);

/** A lab model before merging (the card's model without OpenRouter offers yet). */
export interface LabModel {
  id: string;
  name: string;
  provider: string;
  family: string;
  contextWindow: number;
  maxOutput: number;
  /** Release date (YYYY-MM-DD) where the source states it. */
  released?: string;
  aliases: string[];
  offer?: Offer;
}

/** One OpenRouter catalogue entry, from either models.dev's copy or OpenRouter's own API. */
export interface OpenRouterEntry {
  /** OpenRouter's id, e.g. "anthropic/claude-sonnet-4.5" or "minimax/minimax-m2.5:free". */
  id: string;
  /** OpenRouter's `canonical_slug` when known, e.g. "anthropic/claude-4.5-sonnet-20250929". */
  slug?: string;
  name: string;
  family: string;
  contextWindow: number;
  maxOutput: number;
  offer: Offer;
}

export class RateCardSourceError extends Error {
  constructor(source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'RateCardSourceError';
  }
}

function describeIssue(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : '(root)';
  return `${where}: ${path}: ${issue.message}`;
}

function toPriceSet(cost: z.infer<typeof costSchema>): PriceSet {
  return {
    input: cost.input,
    output: cost.output,
    cacheRead: cost.cache_read ?? cost.cached_input ?? cost.cache_input,
    cacheWrite: cost.cache_write ?? cost.cached_write,
    reasoning: cost.reasoning,
    request: cost.request === undefined ? undefined : cost.request / 1000,
  };
}

function toTiers(cost: z.infer<typeof costSchema>): Tier[] {
  return (cost.tiers ?? [])
    .filter((t) => t.tier.type === undefined || t.tier.type === 'context')
    .map((t) => ({
      above: t.tier.size,
      prices: {
        input: t.input,
        output: t.output,
        cacheRead: t.cache_read,
        cacheWrite: t.cache_write,
        reasoning: t.reasoning,
      },
    }));
}

function parseModel(raw: unknown, where: string): MdModel {
  const result = modelSchema.safeParse(raw);
  if (!result.success)
    throw new RateCardSourceError('models.dev', describeIssue(result.error, where));
  return result.data;
}

export interface NormalizeOptions {
  /** ISO time the payload was fetched (or the snapshot date). */
  fetchedAt: string;
}

export function normalizeModelsDev(
  raw: unknown,
  { fetchedAt }: NormalizeOptions,
): { lab: LabModel[]; openrouter: OpenRouterEntry[] } {
  const root = rootSchema.safeParse(raw);
  if (!root.success) {
    throw new RateCardSourceError('models.dev', describeIssue(root.error, 'payload'));
  }
  const lab: LabModel[] = [];
  for (const providerId of Object.keys(FIRST_PARTY)) {
    const provider = root.data[providerId];
    if (!provider) continue;
    const models = new Map<string, LabModel>();
    for (const [key, value] of Object.entries(provider.models)) {
      const m = parseModel(value, `${providerId}/${key}`);
      if (!isChatModel(m.id, m.modalities?.input, m.modalities?.output)) continue;
      if (!m.cost) continue;
      const offer = makeOffer({
        source: 'models.dev',
        sourceId: `${providerId}/${m.id}`,
        currency: 'USD',
        prices: toPriceSet(m.cost),
        tiers: toTiers(m.cost),
        fetchedAt,
      });
      models.set(m.id, {
        id: `${providerId}/${m.id}`.toLowerCase(),
        name: m.name,
        provider: providerId,
        family: m.family ?? '',
        contextWindow: m.limit.context,
        maxOutput: m.limit.output,
        ...(m.release_date && /^\d{4}-\d{2}-\d{2}$/.test(m.release_date)
          ? { released: m.release_date }
          : {}),
        aliases: m.id === m.id.toLowerCase() ? [] : [`${providerId}/${m.id}`],
        offer,
      });
    }
    // A dated snapshot with the same prices as its undated id is the same model for billing:
    // fold it into the undated one as an alias, taking its cleaner name ("Claude Sonnet 4.5"
    // rather than "Claude Sonnet 4.5 (latest)"). Anthropic's undated alias of a whole version
    // ends in -0 (`claude-opus-4-0` for `claude-opus-4-20250514`).
    for (const [key, model] of models) {
      if (!FULL_DATE_SUFFIX.test(key)) continue;
      const undated = key.replace(FULL_DATE_SUFFIX, '');
      const base = models.get(undated) ?? models.get(`${undated}-0`);
      if (!base || base === model || !samePrices(base.offer, model.offer)) continue;
      base.aliases.push(model.id);
      base.name = model.name;
      models.delete(key);
    }
    lab.push(...models.values());
  }

  const openrouter: OpenRouterEntry[] = [];
  const or = root.data.openrouter;
  if (or) {
    for (const [key, value] of Object.entries(or.models)) {
      const m = parseModel(value, `openrouter/${key}`);
      // `~vendor/family-latest` pointers are kept: the card builder binds them to their model.
      if (!m.cost || m.id.startsWith('openrouter/')) continue;
      if (!isChatModel(m.id, m.modalities?.input, m.modalities?.output)) continue;
      openrouter.push({
        id: m.id,
        name: m.name,
        family: m.family ?? '',
        contextWindow: m.limit.context,
        maxOutput: m.limit.output,
        offer: makeOffer({
          source: 'models.dev (openrouter)',
          sourceId: m.id,
          currency: 'USD',
          prices: toPriceSet(m.cost),
          tiers: toTiers(m.cost),
          fetchedAt,
        }),
      });
    }
  }
  return { lab, openrouter };
}

function samePrices(a?: Offer, b?: Offer): boolean {
  return JSON.stringify([a?.prices, a?.tiers]) === JSON.stringify([b?.prices, b?.tiers]);
}
