/**
 * Merge normalized sources into one rate card: lab models keep their list price as the default
 * offer and gain OpenRouter's offer when OpenRouter sells the same model; OpenRouter models with no
 * lab entry become models of their own, under OpenRouter's id.
 */
import { applyAmendments, type Amendments } from './amend';
import { FULL_DATE_SUFFIX } from './filters';
import { OPENROUTER_VENDOR_TO_PROVIDER } from './providers';
import { mapVendor, normalizeKey, variantOf, hashString } from './keys';
import type { LabModel, OpenRouterEntry } from './normalize-models-dev';
import {
  rateCardSchema,
  type Offer,
  type RateCard,
  type RateCardModel,
  type SourceInfo,
} from './schema';

export interface BuildCardInput {
  lab: LabModel[];
  openrouter: OpenRouterEntry[];
  createdAt: string;
  sources: SourceInfo[];
  /** genai-prices' history and the labs' own data (amend.ts); none: the feeds' prices alone. */
  amendments?: Amendments;
}

/** Content hash of the models: the card's version (equal content, equal version). */
export function cardVersion(models: RateCardModel[]): string {
  return hashString(JSON.stringify(models));
}

export function buildRateCard({
  lab,
  openrouter,
  createdAt,
  sources,
  amendments,
}: BuildCardInput): RateCard {
  const models: RateCardModel[] = [];
  const byKey = new Map<string, RateCardModel>();
  for (const m of lab) {
    const model: RateCardModel = {
      id: m.id,
      name: m.name,
      provider: m.provider,
      family: m.family,
      contextWindow: m.contextWindow,
      maxOutput: m.maxOutput,
      ...(m.released ? { released: m.released } : {}),
      aliases: [...m.aliases],
      offers: m.offer ? { default: m.offer } : {},
    };
    models.push(model);
    for (const id of [m.id, ...m.aliases]) byKey.set(normalizeKey(id), model);
  }

  const undatedLab = undatedLabModels(byKey);

  // Strict matching first (exact id after vendor mapping, or a full date dropped); looser forms
  // only when the prices agree, since a loose match could hang one model's OpenRouter price on
  // another (OpenRouter's "mistral-large" is Large 2, Mistral's "mistral-large-latest" Large 3).
  const match = (id: string, offer: Offer): RateCardModel | undefined => {
    const key = normalizeKey(id);
    const mapped = mapVendor(key) ?? key;
    const strict = byKey.get(mapped) ?? byKey.get(mapped.replace(FULL_DATE_KEY, ''));
    if (strict) return strict;
    // The labs' "latest" aliases (`claude-opus-4-0`, `gpt-5-chat-latest`) are the same model only
    // when the prices agree; a 2x gap means another version under a shared name.
    const loose: (RateCardModel | null | undefined)[] = [
      ...['-0', '-latest', '-preview'].map((suffix) => byKey.get(mapped + suffix)),
      undatedLab.get(mapped), // `claude-3-haiku` for the lab's only `claude-3-haiku-20240307`
    ];
    return loose.find((m) => m && closePrices(m.offers.default, offer)) ?? undefined;
  };

  // Paid entries first, so a `:free` twin lands on the model its paid entry made; `~…-latest`
  // pointers last (bound below).
  const pointers = openrouter.filter((e) => e.id.startsWith('~'));
  const sorted = openrouter
    .filter((e) => !e.id.startsWith('~'))
    .sort((a, b) => Number(!!variantOf(a.id)) - Number(!!variantOf(b.id)));
  for (const entry of sorted) {
    const variant = variantOf(entry.id);
    const target =
      match(entry.id, entry.offer) ?? (entry.slug ? match(entry.slug, entry.offer) : undefined);
    if (variant) {
      // `:free` / `:thinking` twins resolve to their model (the resolver strips the suffix); a
      // twin with no paid sibling is kept under its own id so it is not mistaken for the paid one.
      if (target || byKey.has(normalizeKey(entry.id))) continue;
      if (variant !== 'free') continue;
    }
    if (target) {
      if (!target.offers.openrouter) target.offers.openrouter = entry.offer;
      addAlias(target, entry.id);
      if (entry.slug) addAlias(target, entry.slug);
      continue;
    }
    const id = variant
      ? entry.id.toLowerCase()
      : entry.id.toLowerCase().replace(FULL_DATE_SUFFIX, '');
    if (byKey.has(normalizeKey(id))) continue;
    const model: RateCardModel = {
      id,
      name: entry.name,
      provider: id.slice(0, id.indexOf('/')),
      family: entry.family,
      contextWindow: entry.contextWindow,
      maxOutput: entry.maxOutput,
      aliases: [],
      offers: { openrouter: entry.offer },
    };
    if (entry.slug && normalizeKey(entry.slug) !== normalizeKey(id)) addAlias(model, entry.slug);
    models.push(model);
    byKey.set(normalizeKey(id), model);
  }

  addPointers(pointers, models, byKey, createdAt);
  applyAmendments(models, amendments);
  const kept = models.filter((m) => m.offers.default || m.offers.openrouter);
  // Parse first: the schema fixes key order, so the hash is the same for a card built here and
  // the same card read back from JSON and parsed again.
  const card = rateCardSchema.parse({ schema: 1, version: '-', createdAt, sources, models: kept });
  card.version = cardVersion(card.models);
  return card;
}

/** Lab models by their id without a date, where that is unambiguous (null: ambiguous). */
function undatedLabModels(byKey: Map<string, RateCardModel>): Map<string, RateCardModel | null> {
  const undatedLab = new Map<string, RateCardModel | null>();
  for (const [key, model] of byKey) {
    if (!FULL_DATE_KEY.test(key)) continue;
    const undated = key.replace(FULL_DATE_KEY, '');
    if (byKey.has(undated)) continue;
    const seen = undatedLab.get(undated);
    undatedLab.set(undated, seen === undefined || seen === model ? model : null);
  }
  return undatedLab;
}

/** Bind each `~…-latest` pointer to its model, or keep it as OpenRouter's own entry. */
function addPointers(
  pointers: OpenRouterEntry[],
  models: RateCardModel[],
  byKey: Map<string, RateCardModel>,
  createdAt: string,
): void {
  for (const entry of pointers) {
    const target = bindPointer(entry, models, createdAt);
    if (target) {
      addAlias(target, entry.id);
      continue;
    }
    // Bound to nothing on the card's date: priced as OpenRouter's own entry, under its id.
    const id = entry.id.slice(1).toLowerCase();
    if (byKey.has(normalizeKey(id))) continue;
    const model: RateCardModel = {
      id,
      name: entry.name,
      provider: id.slice(0, id.indexOf('/')),
      family: entry.family,
      contextWindow: entry.contextWindow,
      maxOutput: entry.maxOutput,
      aliases: [entry.id],
      offers: { openrouter: entry.offer },
    };
    models.push(model);
    byKey.set(normalizeKey(id), model);
  }
}

const FULL_DATE_KEY = /-(?:\d{8}|\d{4}-\d{2}-\d{2})$/;

/**
 * What OpenRouter's `~vendor/family-latest` points to on the card's date: the lab's newest model of
 * that family released by then, when its list price agrees with the pointer's price (else null).
 */
function bindPointer(
  entry: OpenRouterEntry,
  models: RateCardModel[],
  createdAt: string,
): RateCardModel | null {
  const match = /^~([a-z0-9-]+)\/([a-z0-9.-]+)-latest$/.exec(entry.id.toLowerCase());
  if (!match) return null;
  const provider = OPENROUTER_VENDOR_TO_PROVIDER[match[1]] ?? match[1];
  const day = createdAt.slice(0, 10);
  const family = models.filter(
    (m) =>
      m.provider === provider &&
      m.family === match[2] &&
      m.offers.default &&
      m.released !== undefined &&
      m.released <= day,
  );
  const newest = family.reduce((d, m) => (m.released! > d ? m.released! : d), '');
  return (
    family.find((m) => m.released === newest && closePrices(m.offers.default, entry.offer)) ?? null
  );
}

function closePrices(a: Offer | undefined, b: Offer): boolean {
  if (!a) return false;
  const near = (x: number, y: number) =>
    (x === 0 && y === 0) || (x > 0 && y > 0 && x / y <= 2 && y / x <= 2);
  return near(a.prices.input, b.prices.input) && near(a.prices.output, b.prices.output);
}

function addAlias(model: RateCardModel, alias: string) {
  const key = normalizeKey(alias);
  if (key === normalizeKey(model.id)) return;
  if (model.aliases.some((a) => normalizeKey(a) === key)) return;
  model.aliases.push(alias);
}

/** Lab models of a card (those with a default offer), as the builder takes them. */
export function labFromCard(card: RateCard): LabModel[] {
  return card.models
    .filter((m) => m.offers.default)
    .map((m) => ({
      id: m.id,
      name: m.name,
      provider: m.provider,
      family: m.family,
      contextWindow: m.contextWindow,
      maxOutput: m.maxOutput,
      ...(m.released ? { released: m.released } : {}),
      aliases: m.aliases,
      offer: m.offers.default,
    }));
}

/** OpenRouter entries of a card whose offer came from a matching source. */
export function openRouterFromCard(
  card: RateCard,
  fromSource: (source: string) => boolean,
): OpenRouterEntry[] {
  return card.models
    .filter((m) => m.offers.openrouter && fromSource(m.offers.openrouter.source))
    .map((m) => ({
      id: m.offers.openrouter!.sourceId,
      slug: m.offers.default ? undefined : m.aliases[0],
      name: m.name,
      family: m.family,
      contextWindow: m.contextWindow,
      maxOutput: m.maxOutput,
      offer: m.offers.openrouter!,
    }));
}

export const OPENROUTER_LIVE_SOURCE = 'openrouter.ai';

/**
 * Rebuild a card with what a sync brought: fresh lab models and models.dev's OpenRouter copy when
 * models.dev answered, fresh OpenRouter offers when OpenRouter answered; whatever did not answer
 * is carried over from the previous card. OpenRouter's own API wins over models.dev's copy.
 */
export function rebuildCard(
  previous: RateCard,
  update: {
    modelsDev?: { lab: LabModel[]; openrouter: OpenRouterEntry[] };
    openrouter?: OpenRouterEntry[];
    sources: SourceInfo[];
    createdAt: string;
  },
  amendments?: Amendments,
): RateCard {
  const lab = update.modelsDev?.lab ?? labFromCard(previous);
  const copy =
    update.modelsDev?.openrouter ??
    openRouterFromCard(previous, (s) => s !== OPENROUTER_LIVE_SOURCE);
  const live =
    update.openrouter ?? openRouterFromCard(previous, (s) => s === OPENROUTER_LIVE_SOURCE);
  const liveIds = new Set(live.map((e) => e.id));
  const names = new Set(update.sources.map((s) => s.name));
  return buildRateCard({
    lab,
    openrouter: [...live, ...copy.filter((e) => !liveIds.has(e.id))],
    createdAt: update.createdAt,
    sources: [...previous.sources.filter((s) => !names.has(s.name)), ...update.sources],
    amendments,
  });
}
