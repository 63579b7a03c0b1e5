/**
 * Storing imported usage: the import's write path beside recordEvents (write.ts), same rules
 * plus one: of two events with one idempotency key the one with more tokens is kept, so a
 * streamed reply read mid-stream and read again complete, or a day exported twice, end as the
 * larger copy whatever the order. A replaced event is taken out of every rollup it was folded
 * into before its successor is folded in. One transaction per batch: an interrupted import
 * leaves whole batches and no half-folded rollup; a file's row in `importFiles` is written with
 * its last batch, so a file not marked is read again on the next scan (its stored events are
 * then duplicates, never counted twice).
 *
 * OpenRouter's activity API (one row per UTC day and endpoint) and its activity CSV export (one
 * row per generation) describe the same usage under different keys. For a UTC day the API
 * reports, the API's day rows win: the API covers completed days only, so its day is whole,
 * where an export may end mid-day. Generations of such a day are skipped when they arrive
 * (counted as duplicates) and taken out when the day rows arrive after them (counted as
 * replaced), so either order ends with the same history. Days the API does not cover (older
 * than its 30 days, or today) keep the CSV's generations, with their cache reads.
 */
import {
  addInto,
  conversationKey,
  foldEvents,
  makeDayKeyer,
  totalsOf,
  type DayConversation,
  type DayTotal,
} from '@/utils/core/aggregate';
import { blocksWithKeyPrefix, blocksWithKeys, blockWriter, DAY_MS, dayOf } from './event-store';
import { writeScope, type HistoryDB } from './schema';
import { foldSpendMonths, SPEND_FIELDS, zeroSpend } from './spend-months';
import type { ImportDayRow, ImportFileRow, StoredEvent } from './types';
import { foldIntoConversations, foldIntoRollups, rollupTimeZone } from './write';

export interface ImportWriteResult {
  /** New keys stored. */
  added: number;
  /** Stored events replaced by a copy with more tokens, or by OpenRouter's totals of their day. */
  replaced: number;
  /** Events whose key was already stored or repeated in the batch (replaced ones included). */
  duplicates: number;
}

/** All tokens of an event, every class: what decides between two copies of one key. */
export function eventTokens(e: StoredEvent): number {
  const i = e.imported;
  const cache = i ? i.cacheRead + i.cacheWrite5m + i.cacheWrite1h : 0;
  return e.input.tokens + e.output.tokens + e.reasoning.tokens + cache;
}

export async function storeImported(
  db: HistoryDB,
  events: readonly StoredEvent[],
  options: { timeZone: string; files?: readonly ImportFileRow[] },
): Promise<ImportWriteResult> {
  return db.transaction('rw', writeScope(db), async () => {
    const byKey = new Map<string, StoredEvent>();
    let duplicates = 0;
    for (const e of events) {
      const prior = byKey.get(e.key);
      if (prior) duplicates++;
      if (!prior || eventTokens(e) > eventTokens(prior)) byKey.set(e.key, e);
    }
    const writer = blockWriter(db);
    const openRouter = await settleOpenRouterDays(db, byKey, writer);
    duplicates += openRouter.skipped;
    // Imported events live in blocks; the keys index finds the blocks holding a stored copy.
    const stored = await blocksWithKeys(db, [...byKey.keys()]);
    const replacedRows: StoredEvent[] = [];
    for (const block of stored) {
      const out = new Set<string>();
      for (const old of writer.known(block).events) {
        const next = byKey.get(old.key);
        if (!next) continue;
        duplicates++;
        if (eventTokens(next) > eventTokens(old)) {
          replacedRows.push(old);
          out.add(old.key);
        } else byKey.delete(old.key);
      }
      if (out.size) writer.remove(block, out);
    }
    const timeZone = await rollupTimeZone(db, options.timeZone);
    const outgoing = [...replacedRows, ...openRouter.outgoing];
    if (outgoing.length) await unfold(db, outgoing, timeZone);
    const fresh = [...byKey.values()].map((e) => {
      const row = { ...e };
      delete row.id;
      return row;
    });
    if (fresh.length) {
      await writer.add(fresh);
      await foldIntoRollups(db, fresh, timeZone);
      await foldIntoConversations(db, fresh);
      await foldImportDays(db, fresh, timeZone, 1);
    }
    await writer.flush();
    if (options.files?.length) await db.importFiles.bulkPut([...options.files]);
    return {
      added: fresh.length - replacedRows.length,
      replaced: outgoing.length,
      duplicates,
    };
  });
}

/** Stored keys of OpenRouter's API day rows and of its CSV generations (`import|` + the parser's key). */
const OPENROUTER_DAY = 'import|openrouter|day|';
const OPENROUTER_GEN = 'import|openrouter|gen|';
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The API's day rows win over the CSV's generations of the same UTC day (see the top of this
 * file): drops such generations from `byKey`, takes the stored ones out of their blocks and
 * returns them.
 */
async function settleOpenRouterDays(
  db: HistoryDB,
  byKey: Map<string, StoredEvent>,
  writer: ReturnType<typeof blockWriter>,
): Promise<{ skipped: number; outgoing: StoredEvent[] }> {
  const keys = [...byKey.keys()];
  const dayRows = keys.filter((k) => k.startsWith(OPENROUTER_DAY)).map((k) => byKey.get(k)!);
  const gens = keys.filter((k) => k.startsWith(OPENROUTER_GEN));
  if (dayRows.length === 0 && gens.length === 0) return { skipped: 0, outgoing: [] };
  const incomingDays = new Set(dayRows.map((e) => dayOf(e.time)));
  let skipped = 0;
  if (gens.length) {
    // Day rows are few (30 days per pull, a row per endpoint): read them all.
    const apiDays = new Set([...incomingDays].map((d) => utcDay(d * DAY_MS)));
    for (const block of await blocksWithKeyPrefix(db, OPENROUTER_DAY))
      for (const e of block.events)
        if (e.key.startsWith(OPENROUTER_DAY)) apiDays.add(utcDay(e.time));
    for (const k of gens) {
      if (apiDays.has(utcDay(byKey.get(k)!.time))) {
        byKey.delete(k);
        skipped++;
      }
    }
  }
  const outgoing: StoredEvent[] = [];
  for (const day of incomingDays) {
    for (const block of await db.eventBlocks.where('day').equals(day).toArray()) {
      const mine = writer.known(block);
      const out = mine.events.filter((e) => e.key.startsWith(OPENROUTER_GEN));
      if (out.length === 0) continue;
      outgoing.push(...out);
      writer.remove(mine, new Set(out.map((e) => e.key)));
    }
  }
  return { skipped, outgoing };
}

export function importDayId(day: string, e: StoredEvent): string {
  const i = e.imported!;
  return `${day}|${i.source}|${i.agent}|${i.project ?? ''}|${e.modelLabel ?? ''}`;
}

/** Add one imported event to its importDays row in `rows` (made on first use), counted on `day`. */
export function addToImportDay(rows: Map<string, ImportDayRow>, e: StoredEvent, day: string): void {
  const i = e.imported!;
  const id = importDayId(day, e);
  let row = rows.get(id);
  if (!row) {
    row = {
      id,
      day,
      source: i.source,
      agent: i.agent,
      project: i.project ?? '',
      model: e.modelLabel ?? '',
      ...zeroSpend(),
    };
    rows.set(id, row);
  }
  row.events += 1;
  row.input += e.input.tokens;
  row.cacheRead += i.cacheRead;
  row.cacheWrite += i.cacheWrite5m + i.cacheWrite1h;
  row.output += e.output.tokens;
  row.reasoning += e.reasoning.tokens;
  const cost = e.costMicroUsd ?? 0;
  if (i.costKind === 'billed') row.billedMicroUsd += cost;
  else if (i.costKind === 'api') row.apiMicroUsd += cost;
  else if (i.costKind === 'estimate') row.estimateMicroUsd += cost;
  else row.unpricedEvents += 1;
}

/** Add (sign 1) or take out (sign -1) imported events from the importDays rollup and its months. */
export async function foldImportDays(
  db: HistoryDB,
  events: readonly StoredEvent[],
  timeZone: string,
  sign: 1 | -1,
): Promise<void> {
  const keyer = makeDayKeyer(timeZone);
  const deltas = new Map<string, ImportDayRow>();
  for (const e of events) {
    if (e.imported) addToImportDay(deltas, e, keyer(e.time));
  }
  const ids = [...deltas.keys()];
  const existing = await db.importDays.bulkGet(ids);
  const put: ImportDayRow[] = [];
  const gone: string[] = [];
  ids.forEach((id, n) => {
    const delta = deltas.get(id)!;
    const row = existing[n] ? { ...existing[n]! } : { ...delta, ...zeroSpend() };
    for (const k of SPEND_FIELDS) row[k] += sign * delta[k];
    if (row.events <= 0) gone.push(id);
    else put.push(row);
  });
  if (put.length) await db.importDays.bulkPut(put);
  if (gone.length) await db.importDays.bulkDelete(gone);
  await foldSpendMonths(db, [], deltas.values(), sign);
}

/** Take events out of the day rollups, their conversations, importDays and its months (inside a write transaction). */
async function unfold(db: HistoryDB, events: StoredEvent[], timeZone: string): Promise<void> {
  const keyer = makeDayKeyer(timeZone);
  const delta = foldEvents(
    events.map((source) => ({ source, day: keyer(source.time) })),
    new Map(),
    new Map(),
  );
  const subtract = async <T extends DayTotal | DayConversation>(
    table: typeof db.dayTotals | typeof db.dayConversations,
    rows: Map<string, T>,
  ) => {
    const ids = [...rows.keys()];
    const existing = (await table.bulkGet(ids)) as (T | undefined)[];
    const put: T[] = [];
    const gone: string[] = [];
    ids.forEach((id, n) => {
      const row = existing[n];
      if (!row) return;
      const next = { ...row };
      addInto(next, rows.get(id)!, -1);
      if (next.events <= 0) gone.push(id);
      else put.push(next);
    });
    if (put.length) await (table as typeof db.dayTotals).bulkPut(put as unknown as DayTotal[]);
    if (gone.length) await table.bulkDelete(gone);
  };
  await subtract(db.dayTotals, delta.totals);
  await subtract(db.dayConversations, delta.conversations);
  const convIds = [...new Set(events.map((e) => conversationKey(e.site, e.conversationId)))];
  const convs = await db.conversations.bulkGet(convIds);
  const byId = new Map(convIds.map((id, n) => [id, convs[n]]));
  for (const e of events) {
    const row = byId.get(e.conversation);
    if (!row) continue;
    addInto(row, totalsOf(e), -1);
  }
  const put = [...byId.values()].filter((r) => r && r.events > 0);
  const gone = [...byId.entries()].filter(([, r]) => r && r.events <= 0).map(([id]) => id);
  if (put.length) await db.conversations.bulkPut(put as NonNullable<(typeof put)[number]>[]);
  if (gone.length) await db.conversations.bulkDelete(gone);
  await foldImportDays(db, events, timeZone, -1);
}
