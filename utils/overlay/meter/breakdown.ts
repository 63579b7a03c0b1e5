/**
 * The conversation's breakdown: one row per reply with its input (every visible turn before it),
 * output, reasoning and cost, recording each completed reply on the way. Rebuilt only when the
 * turns, the model, a recording or the engine's state changed: a keystroke in the composer
 * reuses the last one. On a long page the row loop yields to the page in slices.
 */
import type { TokenCount } from '@/utils/core/types';
import type { LocalMoney, ModelView, Snapshot, TurnRow } from '../types';
import { exchangeHash } from './accounting';
import type { PriceCache } from './price-cache';
import type { Recorder } from './recording';
import { withSiteUsage, type ReplyCounts, type UsageLog } from './site-usage';
import type { TurnTracking } from './turn-tracking';
import { clock, SLICE_MS, yieldToPage } from '../slice';
import {
  applyPrices,
  replyInputs,
  rowsToPrice,
  totalCost,
  turnRow,
  UNKNOWN_REASONING,
} from './view';

export interface BreakdownInput {
  s: Snapshot;
  model: ModelView;
  /** The id the turns were counted on (the card's, else the candidate). */
  modelId: string | null;
  turnCounts: readonly (TokenCount | null)[];
  /** Counts of each turn's shown reasoning (null: none shown). */
  thinkingCounts: readonly (TokenCount | null)[];
  /** Witnessed replies that are complete: recorded now unless already recorded as they are. */
  complete: ReadonlySet<number>;
}

export interface Breakdown {
  rows: TurnRow[];
  costMicros: number | null;
  local?: LocalMoney;
  costNote?: string;
}

export interface BreakdownDeps {
  recorder: Recorder;
  priceAll: PriceCache['priceAll'];
  /** Changes whenever cached prices were dropped (a card sync, another display currency). */
  priceGeneration?: () => number;
  engineDown: () => boolean;
  /** A completed reply is no longer witnessed once recorded. */
  tracking: TurnTracking;
  /** The site's own numbers for a recorded reply, when its stream reported them. */
  usage: UsageLog;
}

/** The current slice of work: `due()` once it ran longer than SLICE_MS, then `yield()`. */
function slicer() {
  let start = clock();
  return {
    due: () => clock() - start > SLICE_MS,
    async yield(): Promise<void> {
      await yieldToPage();
      start = clock();
    },
  };
}

/**
 * The model a reply is recorded with: the card's id; else, when the site's stream named a model
 * the card does not know, that name as the site spelled it ("gpt-5-6": shown in the history,
 * unpriced); else null (unpriced, the page's label kept beside it).
 */
export function recordedModel(model: ModelView): string | null {
  if (model.info) return model.info.id;
  return model.status === 'unpriced' && model.source === 'stream' && model.named
    ? model.named
    : null;
}

type RowCounts = { input: TokenCount | null; output: TokenCount | null; reasoning: TokenCount };

export function createBreakdown(deps: BreakdownDeps) {
  let cache: (Breakdown & { turns: readonly unknown[]; key: string }) | null = null;

  /**
   * Record the reply at `i` when it is complete, counted, and not recorded as it is now; send a
   * failed recording again. Returns this exchange's recording (not an earlier version's).
   */
  async function recordReply(x: BreakdownInput, i: number, counts: RowCounts) {
    let rec = deps.recorder.get(i);
    const isComplete = x.complete.has(i);
    const hash = rec || isComplete ? exchangeHash(x.s.turns, i) : null;
    if (isComplete && counts.input && (!rec || rec.hash !== hash)) {
      // The usage of the stream that produced this reply, if the site reported one.
      const witness = deps.tracking.witnessed.get(i);
      const usage = witness ? deps.usage.take(witness.startedAt) : null;
      const recordedCounts = withSiteUsage(counts as ReplyCounts, usage);
      const event = deps.recorder.event(x.s, i, hash!, recordedModel(x.model), recordedCounts);
      rec = (await deps.recorder.record(i, hash!, event)) ?? rec;
      deps.tracking.witnessed.delete(i);
    } else if (rec && deps.recorder.mayRetry(rec)) {
      await deps.recorder.retry(rec);
    }
    return rec && rec.hash === hash ? rec : undefined;
  }

  async function buildRows(x: BreakdownInput, slice: ReturnType<typeof slicer>) {
    const inputs = replyInputs(x.s.turns, x.turnCounts);
    const rows: TurnRow[] = [];
    for (let i = 0; i < x.s.turns.length; i++) {
      if ((i & 255) === 255 && slice.due()) await slice.yield();
      if (x.s.turns[i].role !== 'assistant') continue;
      const counts: RowCounts = {
        input: inputs[i],
        output: x.turnCounts[i],
        reasoning: x.thinkingCounts[i] ?? UNKNOWN_REASONING,
      };
      rows.push(turnRow(i, counts, await recordReply(x, i, counts)));
    }
    return rows;
  }

  /** The breakdown for a snapshot: the last one when nothing it depends on changed. */
  async function build(x: BreakdownInput): Promise<Breakdown> {
    const slice = slicer();
    const key = `${x.modelId ?? ''}|${x.model.info?.id ?? ''}|${deps.recorder.version()}|${deps.engineDown()}|${deps.priceGeneration?.() ?? 0}`;
    if (x.complete.size === 0 && cache && cache.turns === x.s.turns && cache.key === key) {
      // Nothing about the turns changed (a keystroke in the composer): reuse the breakdown.
      const { rows, costMicros, local, costNote } = cache;
      return { rows, costMicros, local, costNote };
    }
    const rows = await buildRows(x, slice);
    // Price every row at once (cached by usage, so only new rows reach the background, in one
    // message).
    const { priced, usages } = rowsToPrice(rows, deps.engineDown(), !!x.model.info);
    if (x.model.info && usages.length > 0)
      applyPrices(priced, await deps.priceAll(x.model.info.id, usages));
    if (slice.due()) await slice.yield();
    const { costMicros, local, costNote } = totalCost(rows);
    // A recording still in flight or failed changes the rows again soon: not cached.
    cache = rows.some((r) => r.recorded === 'pending' || r.recorded === 'failed')
      ? null
      : { turns: x.s.turns, key, rows, costMicros, local, costNote };
    return { rows, costMicros, local, costNote };
  }

  return {
    build,
    /** Another conversation: nothing of the last breakdown applies. */
    reset() {
      cache = null;
    },
  };
}
