/**
 * OpenRouter `GET /api/v1/models` → OpenRouter entries (offers in USD per 1M tokens).
 *
 * Shape: `{data: [{id, canonical_slug, name, context_length, architecture{input_modalities,
 * output_modalities}, pricing{prompt, completion, request, input_cache_read, input_cache_write,
 * internal_reasoning}, top_provider{max_completion_tokens}}]}`. Prices are USD per token as decimal
 * strings; they are converted to per-1M exactly (decimal.ts). `"-1"` marks a variable-price
 * router (openrouter/auto): such entries are skipped, any other negative price rejects the payload.
 */
import { z } from './zod';
import { scaleDecimal } from './decimal';
import { isChatModel } from './filters';
import {
  RateCardSourceError,
  type NormalizeOptions,
  type OpenRouterEntry,
} from './normalize-models-dev';
import { makeOffer } from './offer';

const decimal = z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'not a decimal price');

const pricingSchema = z.looseObject({
  prompt: decimal,
  completion: decimal,
  request: decimal.optional(),
  input_cache_read: decimal.optional(),
  input_cache_write: decimal.optional(),
  internal_reasoning: decimal.optional(),
});

const modelSchema = z.looseObject({
  id: z.string().regex(/^~?[a-z0-9][a-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'not a model id'),
  canonical_slug: z.string().nullish(),
  name: z.string().min(1),
  context_length: z.number().int().nonnegative().nullish(),
  architecture: z
    .looseObject({
      input_modalities: z.array(z.string()).nullish(),
      output_modalities: z.array(z.string()).nullish(),
    })
    .nullish(),
  pricing: pricingSchema,
  top_provider: z
    .looseObject({
      context_length: z.number().int().nonnegative().nullish(),
      max_completion_tokens: z.number().int().nonnegative().nullish(),
    })
    .nullish(),
});

const rootSchema = z.looseObject({ data: z.array(z.unknown()).min(1) });

const PRICE_FIELDS = [
  'prompt',
  'completion',
  'request',
  'input_cache_read',
  'input_cache_write',
  'internal_reasoning',
] as const;

export function normalizeOpenRouter(
  raw: unknown,
  { fetchedAt }: NormalizeOptions,
): OpenRouterEntry[] {
  const root = rootSchema.safeParse(raw);
  if (!root.success) {
    const issue = root.error.issues[0];
    throw new RateCardSourceError(
      'openrouter.ai',
      `payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const entries: OpenRouterEntry[] = [];
  root.data.data.forEach((value, index) => {
    const parsed = modelSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const id = (value as { id?: unknown })?.id;
      throw new RateCardSourceError(
        'openrouter.ai',
        `data[${index}]${typeof id === 'string' ? ` (${id})` : ''}: ${issue.path.join('.')}: ${issue.message}`,
      );
    }
    const m = parsed.data;
    const p = m.pricing;
    const values = PRICE_FIELDS.map((f) => p[f]).filter((v): v is string => v !== undefined);
    if (values.some((v) => v === '-1')) return; // variable-price router
    const negative = PRICE_FIELDS.find((f) => p[f] !== undefined && p[f]!.startsWith('-'));
    if (negative) {
      throw new RateCardSourceError('openrouter.ai', `${m.id}: pricing.${negative} is negative`);
    }
    if (m.id.startsWith('openrouter/')) return; // routers; `~…-latest` pointers are kept
    const arch = m.architecture;
    if (
      !isChatModel(m.id, arch?.input_modalities ?? undefined, arch?.output_modalities ?? undefined)
    ) {
      return;
    }
    const perMillion = (v: string | undefined) =>
      v === undefined ? undefined : scaleDecimal(v, 6);
    entries.push({
      id: m.id,
      slug: m.canonical_slug ?? undefined,
      name: m.name.replace(/^[^:]+:\s+/, ''), // "Anthropic: Claude Sonnet 4.5" → "Claude Sonnet 4.5"
      family: '',
      contextWindow: m.top_provider?.context_length ?? m.context_length ?? 0,
      maxOutput: m.top_provider?.max_completion_tokens ?? 0,
      offer: makeOffer({
        source: 'openrouter.ai',
        sourceId: m.id,
        currency: 'USD',
        prices: {
          input: perMillion(p.prompt)!,
          output: perMillion(p.completion)!,
          cacheRead: perMillion(p.input_cache_read),
          cacheWrite: perMillion(p.input_cache_write),
          reasoning: perMillion(p.internal_reasoning),
          // OpenRouter's request fee is already per request.
          request: p.request === undefined ? undefined : scaleDecimal(p.request, 0),
        },
        fetchedAt,
      }),
    });
  });
  return entries;
}
