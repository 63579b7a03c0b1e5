/**
 * The one write path into the history (used by the background's recordTurn and by imports):
 * a single read-write transaction adds the new events, skips those whose idempotency key is
 * already stored, and folds the added ones into conversations and the daily rollups. IndexedDB
 * runs read-write transactions over the same tables one at a time, so two windows recording at
 * once can neither lose nor double-count a turn; and a failed transaction (e.g. the storage
 * quota) rolls back as a whole, leaving what was stored before untouched.
 */
import Dexie from 'dexie';
import {
  emptyTotals,
  foldEvents,
  makeDayKeyer,
  type DayConversation,
  type DayTotal,
} from '@/utils/core/aggregate';
import { writeScope, type HistoryDB } from './schema';
import { foldSpendMonths } from './spend-months';
import type { ConversationRow, StoredEvent } from './types';

export const ROLLUP_TIME_ZONE = 'rollupTimeZone';

export interface WriteResult {
  /** Events stored by this call. */
  added: StoredEvent[];
  /** Events skipped because their key was already stored (or repeated in the batch). */
  duplicates: number;
}

export interface WriteOptions {
  /** The time zone of the caller; used for the day rollups when none is recorded yet. */
  timeZone: string;
  /** Conversation titles (only passed when the user opted in to storing text). */
  titles?: ReadonlyMap<string, string>;
}

/** Read the rollups' time zone inside the current transaction, recording `fallback` if unset. */
export async function rollupTimeZone(db: HistoryDB, fallback: string): Promise<string> {
  const row = await db.meta.get(ROLLUP_TIME_ZONE);
  if (typeof row?.value === 'string') return row.value;
  await db.meta.put({ key: ROLLUP_TIME_ZONE, value: fallback });
  return fallback;
}

export async function recordEvents(
  db: HistoryDB,
  events: readonly StoredEvent[],
  options: WriteOptions,
): Promise<WriteResult> {
  // Imported usage lives in blocks with its own rollup and dedupe rule (storeImported); a row
  // here would be counted apart from them and never found by their keys.
  const imported = events.find((e) => e.imported);
  if (imported) {
    throw new TypeError(
      `recordEvents stores chat turns only; imported usage (${imported.key}) goes through storeImported`,
    );
  }
  return db.transaction('rw', writeScope(db), async () => {
    const byKey = new Map<string, StoredEvent>();
    for (const e of events) if (!byKey.has(e.key)) byKey.set(e.key, e);
    const batch = [...byKey.values()].map((e) => {
      const row = { ...e };
      delete row.id;
      return row;
    });
    // Let the unique index find stored keys: a failed add is one rejected request (Dexie
    // prevents the abort), far cheaper than looking every key up first.
    let fresh = batch;
    try {
      await db.events.bulkAdd(batch);
    } catch (error) {
      if (!(error instanceof Dexie.BulkError)) throw error;
      const failed = error.failuresByPos as Record<number, Error>;
      for (const failure of Object.values(failed)) {
        if (failure?.name !== 'ConstraintError') throw error;
      }
      fresh = batch.filter((_, i) => !failed[i]);
    }
    const duplicates = events.length - fresh.length;
    if (fresh.length === 0) return { added: [], duplicates };
    await foldIntoRollups(db, fresh, await rollupTimeZone(db, options.timeZone));
    await foldIntoConversations(db, fresh, options.titles);
    return { added: fresh, duplicates };
  });
}

/** Add events to the day rollups and their months (call inside a write transaction). */
export async function foldIntoRollups(
  db: HistoryDB,
  events: readonly StoredEvent[],
  timeZone: string,
): Promise<void> {
  const keyer = makeDayKeyer(timeZone);
  const dayed = events.map((source) => ({ source, day: keyer(source.time) }));
  // Fold once without existing rows to learn which ids are touched, then merge with them.
  const touched = foldEvents(dayed, new Map(), new Map());
  const totalIds = [...touched.totals.keys()];
  const convIds = [...touched.conversations.keys()];
  const [oldTotals, oldConvs] = await Promise.all([
    db.dayTotals.bulkGet(totalIds),
    db.dayConversations.bulkGet(convIds),
  ]);
  const existingTotals = new Map<string, DayTotal>();
  oldTotals.forEach((row) => row && existingTotals.set(row.id, row));
  const existingConvs = new Map<string, DayConversation>();
  oldConvs.forEach((row) => row && existingConvs.set(row.id, row));
  const merged = foldEvents(dayed, existingTotals, existingConvs);
  await Promise.all([
    db.dayTotals.bulkPut([...merged.totals.values()]),
    db.dayConversations.bulkPut([...merged.conversations.values()]),
    // The batch's own day rows (folded from nothing) are the month rollup's delta.
    foldSpendMonths(db, touched.totals.values(), [], 1),
  ]);
}

/** Add events to their conversations' totals and first/last seen (inside a write transaction). */
export async function foldIntoConversations(
  db: HistoryDB,
  events: readonly StoredEvent[],
  titles?: ReadonlyMap<string, string>,
): Promise<void> {
  const ids = [...new Set(events.map((e) => e.conversation))];
  const existing = await db.conversations.bulkGet(ids);
  const rows = new Map<string, ConversationRow>();
  ids.forEach((id, i) => existing[i] && rows.set(id, { ...existing[i]! }));
  for (const e of events) {
    let row = rows.get(e.conversation);
    if (!row) {
      row = {
        id: e.conversation,
        site: e.site,
        conversationId: e.conversationId,
        firstSeen: e.time,
        lastSeen: e.time,
        ...emptyTotals(),
      };
      rows.set(e.conversation, row);
    }
    row.firstSeen = Math.min(row.firstSeen, e.time);
    row.lastSeen = Math.max(row.lastSeen, e.time);
    row.events += 1;
    if (e.costMicroUsd !== null) {
      row.pricedEvents += 1;
      row.costMicroUsd += e.costMicroUsd;
    }
    row.input += e.input.tokens;
    row.output += e.output.tokens;
    row.reasoning += e.reasoning.tokens;
  }
  if (titles) {
    for (const [id, title] of titles) {
      const row = rows.get(id);
      if (row && title) row.title = title;
    }
  }
  await db.conversations.bulkPut([...rows.values()]);
}
