/**
 * The draft in the composer and the next request: the draft counted on the detected model and
 * priced as the next request's new input (plus, in a playground, its max-output setting as the
 * output until the reply arrives); the next request = every visible turn + the draft, as input.
 * The draft's figures are kept until the draft, the model or the assumed output changes.
 */
import type { TokenCount, Usage } from '@/utils/core/types';
import type { LocalMoney, MeterView, ModelView, PriceReply, Snapshot } from '../types';

/** A newer draft was asked for while this one was counted: its view is not worth showing. */
export const STALE = Symbol('stale draft');

export interface DraftDeps {
  count(model: string | null, text: string): Promise<TokenCount | null>;
  price(model: string, usage: Usage): Promise<PriceReply>;
  engineDown(): boolean;
  /** The price cache's generation: a draft priced before the last invalidation is re-priced. */
  generation?(): number;
}

interface DraftFigures {
  text: string;
  model: string | null;
  assumed: number;
  tokens: TokenCount | null;
  costMicros: number | null;
  local?: LocalMoney;
  note?: string;
  generation: number;
}

export function createDraftPricing(deps: DraftDeps) {
  let last: DraftFigures | null = null;
  let seq = 0;

  async function figures(
    draft: string,
    model: ModelView,
    modelId: string | null,
    assumed: number,
    contextTokens: number | null,
  ): Promise<DraftFigures | typeof STALE> {
    const mine = ++seq;
    const generation = deps.generation?.() ?? 0;
    const tokens = await deps.count(modelId, draft);
    if (mine !== seq) return STALE;
    let cost: number | null = null;
    let local: LocalMoney | undefined;
    let note: string | undefined;
    if (!tokens) note = deps.engineDown() ? 'engine unavailable' : 'counting';
    else if (!model.info) note = 'unpriced';
    else {
      // Ask for the next request's price at the same time (one round trip, not two).
      if (contextTokens !== null)
        void deps.price(model.info.id, { input: contextTokens + tokens.tokens, output: 0 });
      const reply = await deps.price(model.info.id, { input: tokens.tokens, output: assumed });
      if (reply.priced) {
        cost = reply.costMicros;
        local = reply.local;
      } else note = 'unpriced';
    }
    return {
      text: draft,
      model: modelId,
      assumed,
      tokens,
      costMicros: cost,
      local,
      note,
      generation,
    };
  }

  /** The draft's view (null: no composer on the page), or STALE when a newer draft is coming. */
  async function draftView(
    s: Snapshot,
    model: ModelView,
    modelId: string | null,
    contextTokens: number | null,
  ): Promise<MeterView['draft'] | typeof STALE> {
    if (s.draft === null) return null;
    const assumed = s.outputAssumption ?? 0;
    if (
      !last ||
      last.text !== s.draft ||
      last.model !== modelId ||
      last.assumed !== assumed ||
      last.generation !== (deps.generation?.() ?? 0)
    ) {
      const next = await figures(s.draft, model, modelId, assumed, contextTokens);
      if (next === STALE) return STALE;
      last = next;
    }
    const view: NonNullable<MeterView['draft']> = {
      chars: s.draft.length,
      tokens: last.tokens,
      costMicros: last.costMicros,
      note: last.note,
    };
    if (last.local) view.local = last.local;
    if (assumed > 0) view.assumedOutput = assumed;
    return view;
  }

  return { draftView };
}

/** Sending the draft now: every visible turn + the draft, priced as input on the model. */
export async function nextRequest(
  model: ModelView,
  draft: MeterView['draft'],
  contextTokens: number | null,
  price: DraftDeps['price'],
): Promise<MeterView['nextRequest']> {
  if (!draft?.tokens || contextTokens === null) return null;
  const inputTokens = contextTokens + draft.tokens.tokens;
  if (!model.info) return { inputTokens, costMicros: null, note: 'unpriced' };
  const reply = await price(model.info.id, { input: inputTokens, output: 0 });
  if (!reply.priced) return { inputTokens, costMicros: null, note: 'unpriced' };
  return reply.local
    ? { inputTokens, costMicros: reply.costMicros, local: reply.local }
    : { inputTokens, costMicros: reply.costMicros };
}
