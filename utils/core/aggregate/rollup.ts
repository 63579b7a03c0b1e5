/**
 * Daily rollups: what the popup reads instead of scanning events. One row per
 * (local day, site, model, tokenizer family) and one per (local day, conversation). Money is
 * integer micro-USD; an unpriced event adds tokens and an `events` count but no cost, so a
 * total with unpriced events can say so instead of pretending they were free.
 */
import type { TokenCount } from '../types';
import { addDays, dayKey, localDateOf, startOfLocalDay } from './calendar';

export interface Tokens {
  input: number;
  output: number;
  reasoning: number;
}

export interface Totals extends Tokens {
  events: number;
  /** Events with a known price; `events - pricedEvents` were unpriced. */
  pricedEvents: number;
  /** Sum over priced events, integer micro-USD. */
  costMicroUsd: number;
}

export interface DayTotal extends Totals {
  /** `${day}|${site}|${model}|${family}` */
  id: string;
  day: string;
  site: string;
  /**
   * Canonical model id; a model the card does not know as the site named it (unpriced); or ""
   * when unresolved (Dexie cannot index null).
   */
  model: string;
  /** Tokenizer family of the counts, e.g. "o200k_base". */
  family: string;
}

export interface DayConversation extends Totals {
  /** `${day}|${conversation}` */
  id: string;
  day: string;
  /** `${site}|${conversationId}` */
  conversation: string;
  site: string;
}

/** The part of a stored event the rollups need. */
export interface RollupSource {
  site: string;
  conversationId: string;
  model: string | null;
  input: TokenCount;
  output: TokenCount;
  reasoning: TokenCount;
  costMicroUsd: number | null;
}

export const emptyTotals = (): Totals => ({
  events: 0,
  pricedEvents: 0,
  costMicroUsd: 0,
  input: 0,
  output: 0,
  reasoning: 0,
});

export function addInto(target: Totals, add: Totals, sign: 1 | -1 = 1): void {
  target.events += sign * add.events;
  target.pricedEvents += sign * add.pricedEvents;
  target.costMicroUsd += sign * add.costMicroUsd;
  target.input += sign * add.input;
  target.output += sign * add.output;
  target.reasoning += sign * add.reasoning;
}

export function totalsOf(e: RollupSource): Totals {
  return {
    events: 1,
    pricedEvents: e.costMicroUsd === null ? 0 : 1,
    costMicroUsd: e.costMicroUsd ?? 0,
    input: e.input.tokens,
    output: e.output.tokens,
    reasoning: e.reasoning.tokens,
  };
}

export const conversationKey = (site: string, conversationId: string) =>
  `${site}|${conversationId}`;

export function dayTotalId(day: string, e: RollupSource): string {
  return `${day}|${e.site}|${e.model ?? ''}|${e.input.family}`;
}

/**
 * Fold events into rollup rows (new objects; `existing` rows are copied, not mutated), so
 * the writer can merge a batch into what is stored in one pass.
 */
export function foldEvents(
  events: { source: RollupSource; day: string }[],
  existingTotals: Map<string, DayTotal>,
  existingConversations: Map<string, DayConversation>,
): { totals: Map<string, DayTotal>; conversations: Map<string, DayConversation> } {
  const totals = new Map<string, DayTotal>();
  const conversations = new Map<string, DayConversation>();
  for (const { source, day } of events) {
    const t = totalsOf(source);
    const tid = dayTotalId(day, source);
    let row = totals.get(tid);
    if (!row) {
      const prior = existingTotals.get(tid);
      row = prior
        ? { ...prior }
        : {
            id: tid,
            day,
            site: source.site,
            model: source.model ?? '',
            family: source.input.family,
            ...emptyTotals(),
          };
      totals.set(tid, row);
    }
    addInto(row, t);
    const conversation = conversationKey(source.site, source.conversationId);
    const cid = `${day}|${conversation}`;
    let crow = conversations.get(cid);
    if (!crow) {
      const prior = existingConversations.get(cid);
      crow = prior
        ? { ...prior }
        : { id: cid, day, conversation, site: source.site, ...emptyTotals() };
      conversations.set(cid, crow);
    }
    addInto(crow, t);
  }
  return { totals, conversations };
}

/**
 * A function from instant to local day key that calls Intl only when the instant leaves the
 * last day it computed: a time-sorted scan of 100k events costs a few hundred Intl calls.
 */
export function makeDayKeyer(timeZone: string): (ms: number) => string {
  let start = Infinity;
  let end = -Infinity;
  let key = '';
  return (ms) => {
    if (ms >= start && ms < end) return key;
    const d = localDateOf(ms, timeZone);
    key = dayKey(d);
    start = startOfLocalDay(d, timeZone);
    end = startOfLocalDay(addDays(d, 1), timeZone);
    return key;
  };
}
