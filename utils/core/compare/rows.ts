/**
 * Comparison rows: one text's token counts per tokenizer family, priced on every model of a
 * list. Counting is per family, not per model (30 models share about a dozen families), and the
 * counts come in from outside (the background's engine, or the CLI's), possibly one family at a
 * time: a family not counted yet gives a row in the `counting` state, never a zero.
 *
 * Money stays in integer micro-units from the rate card's pricing engine (priceUsage); a model
 * the card does not know is `unpriced`, never $0.
 */
import {
  findModel,
  priceUsage,
  type PriceOptions,
  type RateCard,
  type RateCardModel,
} from '../ratecard/index';
import { tokenizerForModel } from '../tokenize/families';
import type { Provenance } from '../types';
import { regionOf, type Region } from './defaults';

/** Expected reply length: a fixed number of tokens, or a share of the prompt (per model). */
export type OutputSpec = { kind: 'tokens'; tokens: number } | { kind: 'ratio'; ratio: number };

export const DEFAULT_OUTPUT_TOKENS = 500;

/** A family's count: done, still loading, or failed (with the reason shown in its rows). */
export type FamilyState =
  | { status: 'done'; tokens: number }
  | { status: 'counting' }
  | { status: 'error'; message: string };

export type RowPrice =
  | {
      status: 'priced';
      inputMicros: number;
      outputMicros: number;
      /** Everything billed: input + output (+ a per-request fee where the card has one). */
      totalMicros: number;
      /** Long-context tier applied (prompt tokens > this), null for the base rate. */
      tierAbove: number | null;
      /** Every tier threshold of the offer used, ascending (empty: one flat price). */
      tiers: number[];
      offer: string;
      source: string;
      override: boolean;
      /**
       * The same figures in the currency asked (`priceOptions.currency`): the lab's list price
       * in it, or the USD converted at a dated rate. Absent for USD; `localError` says why when
       * no rate is known.
       */
      local?: RowLocalPrice;
      localError?: string;
    }
  | { status: 'unpriced'; reason: string }
  | { status: 'counting' }
  | { status: 'error'; message: string };

export interface RowLocalPrice {
  currency: string;
  inputMicros: number;
  outputMicros: number;
  totalMicros: number;
  basis: 'list price' | 'converted';
  /** The list price's source and date, or the rate, its day and origin. */
  source: string;
  /** The rate's day (converted), to judge its age by. */
  rateDate: string | null;
  rateOrigin: string | null;
}

export interface CompareRow {
  /** Canonical id when the card knows the model, else the id as given. */
  model: string;
  name: string;
  provider: string;
  region: Region;
  /** Tokenizer family id (`o200k_base`, `estimate:claude`, …) and its label. */
  family: string;
  familyLabel: string;
  provenance: Provenance;
  /** Estimates only: the error to expect, as the engine states it. */
  expectedError: { other: string; cjk: string } | null;
  /** Prompt tokens with this model's tokenizer; null while its family is counting or failed. */
  tokens: number | null;
  /** Expected reply tokens (fixed, or the ratio × this model's prompt tokens). */
  outputTokens: number | null;
  /** 0 or unknown in the card → null. */
  contextWindow: number | null;
  /** The prompt fits the window (prompt tokens ≤ window); null when unknown. */
  fitsContext: boolean | null;
  /** The prompt and the expected reply fit together. */
  fitsWithReply: boolean | null;
  price: RowPrice;
  /** total / the current model's total; null without a priced current model. */
  ratio: number | null;
  current: boolean;
}

export interface CompareInput {
  card: RateCard;
  /** Model ids in display order (any alias the card resolves; unknown ids stay, unpriced). */
  models: readonly string[];
  /** Family id → state. A family missing here is `counting`. */
  counts: Readonly<Record<string, FamilyState>>;
  output: OutputSpec;
  /** The model the user is on: rows get a ratio to it (it is added if missing from `models`). */
  currentModel?: string | null;
  priceOptions?: PriceOptions;
}

/** Expected reply tokens for a prompt of `promptTokens`. */
export function outputTokensFor(spec: OutputSpec, promptTokens: number): number {
  const n = spec.kind === 'tokens' ? spec.tokens : promptTokens * spec.ratio;
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`expected reply must be ≥ 0, got ${n}`);
  return Math.round(n);
}

/** One representative model id per tokenizer family, for counting each family once. */
export function familiesOf(
  card: RateCard,
  models: readonly string[],
): Map<string, { familyId: string; model: string }> {
  const out = new Map<string, { familyId: string; model: string }>();
  for (const raw of models) {
    const id = canonicalId(card, raw);
    const familyId = tokenizerForModel(id).family.id;
    if (!out.has(familyId)) out.set(familyId, { familyId, model: id });
  }
  return out;
}

/** The id a row uses: the card's canonical id, or the id as given when the card lacks it. */
export function canonicalId(card: RateCard, raw: string): string {
  return findModel(card, raw)?.id ?? raw.trim();
}

export function buildRows(input: CompareInput): CompareRow[] {
  const { card, output, priceOptions } = input;
  const ids: string[] = [];
  for (const raw of input.models) {
    const id = canonicalId(card, raw);
    if (id && !ids.includes(id)) ids.push(id);
  }
  const current = input.currentModel ? canonicalId(card, input.currentModel) : null;
  if (current && !ids.includes(current)) ids.push(current);

  const rows = ids.map((id) => buildRow(card, id, input.counts, output, priceOptions));
  const currentRow = current ? rows.find((r) => r.model === current) : undefined;
  if (currentRow) currentRow.current = true;
  const base =
    currentRow?.price.status === 'priced' && currentRow.price.totalMicros > 0
      ? currentRow.price.totalMicros
      : null;
  if (base !== null) {
    for (const row of rows) {
      if (row.price.status === 'priced') row.ratio = row.price.totalMicros / base;
    }
  }
  return rows;
}

function buildRow(
  card: RateCard,
  id: string,
  counts: CompareInput['counts'],
  output: OutputSpec,
  priceOptions: PriceOptions | undefined,
): CompareRow {
  const model: RateCardModel | null = findModel(card, id);
  const { family, provenance } = tokenizerForModel(id);
  const state: FamilyState = counts[family.id] ?? { status: 'counting' };
  const tokens = state.status === 'done' ? state.tokens : null;
  const outputTokens = tokens === null ? null : outputTokensFor(output, tokens);
  const window = model && model.contextWindow > 0 ? model.contextWindow : null;
  const provider = model?.provider ?? (id.includes('/') ? id.slice(0, id.indexOf('/')) : '');
  return {
    model: id,
    name: model?.name ?? id,
    provider,
    region: regionOf(provider),
    family: family.id,
    familyLabel: family.label,
    provenance,
    expectedError: family.error ?? null,
    tokens,
    outputTokens,
    contextWindow: window,
    fitsContext: window === null || tokens === null ? null : tokens <= window,
    fitsWithReply:
      window === null || tokens === null || outputTokens === null
        ? null
        : tokens + outputTokens <= window,
    price: priceRow(card, model, id, state, tokens, outputTokens, priceOptions),
    ratio: null,
    current: false,
  };
}

function priceRow(
  card: RateCard,
  model: RateCardModel | null,
  id: string,
  state: FamilyState,
  tokens: number | null,
  outputTokens: number | null,
  priceOptions: PriceOptions | undefined,
): RowPrice {
  if (!model) return { status: 'unpriced', reason: 'not in the rate card' };
  if (state.status === 'error') return { status: 'error', message: state.message };
  if (tokens === null || outputTokens === null) return { status: 'counting' };
  const result = priceUsage(card, id, { input: tokens, output: outputTokens }, priceOptions);
  if (!result.priced) return { status: 'unpriced', reason: result.reason };
  // Every figure here is USD; a card entry in another currency is not silently relabelled.
  if (result.currency !== 'USD') {
    return { status: 'unpriced', reason: `priced in ${result.currency}` };
  }
  const tiers =
    result.offer === 'override'
      ? (priceOptions?.overrides?.[model.id]?.tiers ?? [])
      : (model.offers[result.offer]?.tiers ?? []);
  const price: RowPrice = {
    status: 'priced',
    inputMicros: result.breakdown.input,
    outputMicros: result.breakdown.output,
    totalMicros: result.costMicros,
    tierAbove: result.tierAbove,
    tiers: tiers.map((t) => t.above),
    offer: result.offer,
    source: result.source,
    override: result.override,
  };
  if (result.local) {
    const l = result.local;
    price.local = {
      currency: l.currency,
      inputMicros: l.breakdown.input,
      outputMicros: l.breakdown.output,
      totalMicros: l.costMicros,
      basis: l.basis,
      source: l.source,
      rateDate: l.rate?.date ?? null,
      rateOrigin: l.rate?.source ?? null,
    };
  } else if (result.localError) price.localError = result.localError;
  return price;
}
