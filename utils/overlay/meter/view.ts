/**
 * The view model's pure parts: what each reply's input is (every visible turn before it), the
 * breakdown rows, their total, the page's health and the context bar. No services, no state.
 */
import type { Turn } from '@/utils/sites/types';
import { weakerProvenance, type Provenance, type TokenCount, type Usage } from '@/utils/core/types';
import type { LocalMoney, MeterView, ModelView, PriceReply, Snapshot, TurnRow } from '../types';
import type { Recorded } from './recording';
import { hiddenContext } from './site-usage';

/** Reasoning a reply did not show: its size is unknown, not zero. */
export const UNKNOWN_REASONING: TokenCount = { tokens: 0, provenance: 'unknown', family: 'hidden' };

/**
 * The API-equivalent input of each reply: the sum of every turn before it, as exact as its least
 * exact part, of one family or 'mixed'. null for a turn that is not a reply, and for a reply
 * when it or any turn before it is not counted yet. A running sum: 1,000 turns cost 1,000 adds.
 */
export function replyInputs(
  turns: readonly Pick<Turn, 'role'>[],
  counts: readonly (TokenCount | null)[],
): (TokenCount | null)[] {
  const inputs: (TokenCount | null)[] = new Array(turns.length);
  let sum = 0;
  let known = true;
  let worst: Provenance = 'exact';
  let family: string | null = null;
  for (let i = 0; i < turns.length; i++) {
    const own = counts[i];
    inputs[i] =
      turns[i].role === 'assistant' && known && own !== null
        ? { tokens: sum, provenance: worst, family: family ?? 'none' }
        : null;
    if (own === null) known = false;
    else {
      sum += own.tokens;
      worst = weakerProvenance(worst, own.provenance);
      family = family === null || family === own.family ? own.family : 'mixed';
    }
  }
  return inputs;
}

/**
 * A reply's row: our counts, or the recorded numbers when this exchange was recorded (they may
 * be the site's own). Not priced yet.
 */
export function turnRow(
  turnIndex: number,
  counts: { input: TokenCount | null; output: TokenCount | null; reasoning: TokenCount },
  mine: Recorded | undefined,
): TurnRow {
  const shown: typeof counts = mine ? mine.event : counts;
  return {
    turnIndex,
    input: shown.input,
    output: shown.output,
    reasoning: shown.reasoning,
    costMicros: null,
    recorded: mine ? mine.status : 'no',
    exact: mine
      ? [mine.event.input, mine.event.output].some((c) => c.provenance === 'site')
      : false,
    regenerated: mine?.event.regenerated,
    hiddenContext: mine ? hiddenContext(counts.input, mine.event) : null,
  };
}

/**
 * Rows that can be priced (counted, on a model in the card) and their usages (reasoning of
 * unknown size left out, not priced as zero); the others get the note saying why not.
 */
export function rowsToPrice(
  rows: TurnRow[],
  engineDown: boolean,
  hasModel: boolean,
): { priced: TurnRow[]; usages: Usage[] } {
  const priced: TurnRow[] = [];
  const usages: Usage[] = [];
  for (const row of rows) {
    if (!row.input || !row.output) {
      row.costNote = engineDown ? 'engine unavailable' : 'counting';
    } else if (!hasModel) {
      row.costNote = 'unpriced';
    } else {
      priced.push(row);
      usages.push({
        input: row.input.tokens,
        output: row.output.tokens,
        reasoning: row.reasoning.provenance === 'unknown' ? undefined : row.reasoning.tokens,
      });
    }
  }
  return { priced, usages };
}

/** Put the card's replies on the rows they price (same order). */
export function applyPrices(rows: TurnRow[], replies: readonly PriceReply[]): void {
  rows.forEach((row, k) => {
    const reply = replies[k];
    if (reply.priced) {
      row.costMicros = reply.costMicros;
      if (reply.local) row.local = reply.local;
    } else row.costNote = 'unpriced';
  });
}

/**
 * The sum of costs in the user's currency: only when every one has it, in one currency (else
 * the total is shown in USD). List prices and converted costs added together are 'mixed'.
 */
export function sumLocal(parts: readonly (LocalMoney | undefined)[]): LocalMoney | undefined {
  const first = parts[0];
  if (!first) return undefined;
  let micros = 0;
  let basis = first.basis;
  for (const part of parts) {
    if (!part || part.currency !== first.currency) return undefined;
    micros += part.micros;
    if (part.basis !== basis) basis = 'mixed';
  }
  return { ...first, micros, basis };
}

/** The conversation's cost: the rows' sum, or null with the first row's reason when one is unpriced. */
export function totalCost(rows: readonly TurnRow[]): {
  costMicros: number | null;
  local?: LocalMoney;
  costNote?: string;
} {
  let costMicros: number | null = 0;
  let costNote: string | undefined;
  for (const row of rows) {
    if (row.costMicros === null) {
      costMicros = null;
      costNote ??= row.costNote;
    } else if (costMicros !== null) costMicros += row.costMicros;
  }
  const local =
    costMicros !== null && rows.length > 0 ? sumLocal(rows.map((r) => r.local)) : undefined;
  return local ? { costMicros, local, costNote } : { costMicros, costNote };
}

/** Tokens of every visible turn (what the next request resends); null until all are counted. */
export function contextTokens(turnCounts: readonly (TokenCount | null)[]): number | null {
  let sum = 0;
  for (const c of turnCounts) {
    if (c === null) return null;
    sum += c.tokens;
  }
  return sum;
}

/** Why the conversation has no cost when a saved conversation shows no turn we can read. */
export const TURNS_NOT_DETECTED = 'turns not detected';

/**
 * A saved conversation (its URL names one) in which no turn was found: the turn selectors no
 * longer match the page (or it is still loading), so its cost is unknown, not 0.
 */
export function turnsMissing(s: Pick<Snapshot, 'conversationId' | 'turns'>): boolean {
  return s.conversationId !== null && s.turns.length === 0;
}

/**
 * How well the page could be read: an adapter error, no composer, no turns on a saved
 * conversation, or nothing at all.
 */
export function healthOf(s: Pick<Snapshot, 'error' | 'draft' | 'turns' | 'conversationId'>): {
  health: MeterView['health'];
  healthNote?: string;
} {
  const composerMissing = s.draft === null;
  const health: MeterView['health'] = s.error
    ? 'error'
    : composerMissing && s.turns.length === 0
      ? 'not-detected'
      : composerMissing || turnsMissing(s)
        ? 'partial'
        : 'ok';
  const note = composerMissing
    ? 'composer not found'
    : turnsMissing(s)
      ? TURNS_NOT_DETECTED
      : undefined;
  return { health, healthNote: s.error ?? note };
}

/** (conversation + draft) / the model's context window; null when either is unknown. */
export function contextRatio(
  model: ModelView,
  conversationTokens: number | null,
  draftTokens: number,
): number | null {
  const window = model.info?.contextWindow ?? null;
  return window && conversationTokens !== null ? (conversationTokens + draftTokens) / window : null;
}
