/**
 * One view from one snapshot: the model, every turn's count, the breakdown (recording completed
 * replies on the way), the draft and the next request, put together for the overlay.
 */
import type { AdapterPricing } from '@/utils/sites/types';
import type { TokenCount } from '@/utils/core/types';
import type { MeterView, Snapshot } from '../types';
import type { createBreakdown } from './breakdown';
import type { CountCache } from './count-cache';
import { nextRequest, STALE, type createDraftPricing } from './draft';
import { resolveModel } from './model';
import type { PriceCache } from './price-cache';
import type { UsageLog } from './site-usage';
import { completedReplies, type TurnTracking } from './turn-tracking';
import { contextRatio, contextTokens, healthOf, TURNS_NOT_DETECTED, turnsMissing } from './view';

/** The meter's parts a view is computed from. */
export interface MeterParts {
  site: { id: string; label: string };
  pricing?: AdapterPricing;
  settleMs: number;
  now: () => number;
  tracking: TurnTracking;
  usage: UsageLog;
  counts: CountCache;
  prices: PriceCache;
  drafts: ReturnType<typeof createDraftPricing>;
  breakdown: ReturnType<typeof createBreakdown>;
}

/** Every turn's text and shown reasoning, counted in one pass (one batch for what is new). */
async function countTurns(
  counts: CountCache,
  modelId: string | null,
  s: Snapshot,
): Promise<{ turnCounts: (TokenCount | null)[]; thinkingCounts: (TokenCount | null)[] }> {
  const n = s.turns.length;
  const texts: (string | null)[] = new Array(n * 2);
  for (let i = 0; i < n; i++) {
    texts[i] = s.turns[i].text;
    texts[n + i] = s.turns[i].thinking || null;
  }
  const counted = await counts.countAll(modelId, texts);
  return { turnCounts: counted.slice(0, n), thinkingCounts: counted.slice(n) };
}

/** The view for `s` (null: a newer draft is on its way, this view would be stale at once). */
export async function computeView(
  p: MeterParts,
  s: Snapshot,
  override: string | null,
): Promise<MeterView | null> {
  const model = await resolveModel(
    p.prices,
    { id: p.site.id, pricing: p.pricing },
    {
      override,
      streamModel: p.usage.model(),
      label: s.modelLabel,
    },
  );
  const modelId = model.info?.id ?? model.candidate;
  const { turnCounts, thinkingCounts } = await countTurns(p.counts, modelId, s);
  const complete = new Set(completedReplies(p.tracking, s, p.now(), p.settleMs));
  const { rows, costMicros, local, costNote } = await p.breakdown.build({
    s,
    model,
    modelId,
    turnCounts,
    thinkingCounts,
    complete,
  });
  // No turn found on a saved conversation: what it resends is unknown, never a silent 0.
  const missing = turnsMissing(s);
  const context = missing ? null : contextTokens(turnCounts);
  const draft = await p.drafts.draftView(s, model, modelId, context);
  if (draft === STALE) return null;
  return {
    site: p.site,
    ...healthOf(s),
    model,
    draft,
    conversation: missing
      ? { contextTokens: null, costMicros: null, costNote: TURNS_NOT_DETECTED, turns: 0 }
      : { contextTokens: context, costMicros, local, costNote, turns: s.turns.length },
    nextRequest: await nextRequest(model, draft, context, p.prices.price),
    localError: p.prices.localError(),
    contextRatio: contextRatio(model, context, draft?.tokens?.tokens ?? 0),
    rows,
    streaming: s.streaming,
    engine: p.counts.engineDown() ? 'unavailable' : 'ok',
    lastUsage: null,
    siteTokens: s.siteTokens ?? null,
  };
}
