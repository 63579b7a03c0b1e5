/**
 * All stored events, in one place. Chat turns are rows of `events` (one record each, with an
 * auto-increment id). Imported events (agents' logs, aggregators, provider reports: every event
 * with `imported`) live only in `eventBlocks`: a row holds up to EVENT_BLOCK events of one UTC
 * day, without ids, and the multiEntry index on its `keys` is their idempotency index.
 * Chromium's IndexedDB pays ~170–300 µs of its own CPU per record written, and ~25 µs per event
 * when 256 share one, so an import of a million events is bounded by the number of records.
 * Import and chat keys never collide (imported keys start with `import|`).
 *
 * Every reader and writer of events goes through this module: events of a time range, pages of
 * all events (rows, then blocks), the count, the prune, and the blocks' own writes. A block's
 * `day` never changes (a block is rewritten in place or deleted, never moved to another day).
 */
import type { HistoryDB } from './schema';
import type { StoredEvent } from './types';

/** Imported events per block at most. */
export const EVENT_BLOCK = 256;
export const DAY_MS = 86_400_000;
/** UTC day number of an epoch-ms time (`floor(time / DAY_MS)`): a block's `day`. */
export const dayOf = (time: number) => Math.floor(time / DAY_MS);

export interface EventBlockRow {
  /** Auto-increment primary key (absent before insertion). */
  id?: number;
  /** UTC day number of every event in the block. */
  day: number;
  /** Earliest and latest event time in the block. */
  from: number;
  to: number;
  /** The events' idempotency keys, in the order of `events` (multiEntry index). */
  keys: string[];
  /** The events, stored without `id`. */
  events: StoredEvent[];
}

/**
 * The order of events wherever one is needed (CSV, blocks of the export): time, then chat rows
 * by id before imported events, then key (unique). Chat rows keep their (time, id) order.
 */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  if (a.time !== b.time) return a.time - b.time;
  const ia = a.id ?? Infinity;
  const ib = b.id ?? Infinity;
  if (ia !== ib) return ia < ib ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** A block made of `events` (all of one UTC day) and its day. */
export function makeBlock(day: number, events: StoredEvent[], id?: number): EventBlockRow {
  let from = Infinity;
  let to = -Infinity;
  for (const e of events) {
    if (e.time < from) from = e.time;
    if (e.time > to) to = e.time;
  }
  const block: EventBlockRow = { day, from, to, keys: events.map((e) => e.key), events };
  if (id !== undefined) block.id = id;
  return block;
}

const withoutId = (e: StoredEvent): StoredEvent => {
  if (e.id === undefined) return e;
  const row = { ...e };
  delete row.id;
  return row;
};

/** Events by UTC day, in the order given, without ids. */
function groupByDay(events: readonly StoredEvent[]): Map<number, StoredEvent[]> {
  const byDay = new Map<number, StoredEvent[]>();
  for (const e of events) {
    const day = dayOf(e.time);
    let list = byDay.get(day);
    if (!list) byDay.set(day, (list = []));
    list.push(withoutId(e));
  }
  return byDay;
}

/**
 * Imported events as new blocks, written raw (bench seeders, tests): grouped by UTC day in the
 * order given, EVENT_BLOCK per block, without ids.
 */
export function blocksOf(events: readonly StoredEvent[]): EventBlockRow[] {
  const byDay = groupByDay(events);
  const out: EventBlockRow[] = [];
  for (const [day, list] of byDay)
    for (let at = 0; at < list.length; at += EVENT_BLOCK)
      out.push(makeBlock(day, list.slice(at, at + EVENT_BLOCK)));
  return out;
}

/** Events of blocks (each in its block's order). */
const eventsOf = (blocks: readonly EventBlockRow[]) => blocks.flatMap((b) => b.events);

/**
 * Blocks holding any of `keys` (each once). The index is walked for keys only, then only the
 * blocks found are read: a value cursor would load a block at every step of the walk, and an
 * import asks about thousands of keys per batch that are mostly not stored.
 */
export async function blocksWithKeys(
  db: HistoryDB,
  keys: readonly string[],
): Promise<EventBlockRow[]> {
  if (keys.length === 0) return [];
  const found = await db.eventBlocks
    .where('keys')
    .anyOf([...keys])
    .primaryKeys();
  const ids = [...new Set(found)];
  if (ids.length === 0) return [];
  const blocks = await db.eventBlocks.bulkGet(ids);
  return blocks.filter((b): b is EventBlockRow => b !== undefined);
}

/** Blocks holding a key that starts with `prefix` (each once). */
export async function blocksWithKeyPrefix(db: HistoryDB, prefix: string): Promise<EventBlockRow[]> {
  return db.eventBlocks.where('keys').startsWith(prefix).distinct().toArray();
}

/** Blocks of UTC days in [fromDay, toDay]. */
export function blocksOfDays(db: HistoryDB, fromDay: number, toDay: number) {
  return db.eventBlocks.where('day').between(fromDay, toDay, true, true).toArray();
}

/**
 * Writes to the blocks within one read-write transaction: take events out of the blocks they
 * are in, add imported events (each day's last block that is not full is filled first), then
 * `flush` writes every touched block once.
 */
export function blockWriter(db: HistoryDB) {
  const touched = new Map<number, EventBlockRow>();
  const fresh = new Map<number, EventBlockRow[]>();
  return {
    /** Remember a block read in this transaction, so later changes apply to this copy. */
    known(block: EventBlockRow): EventBlockRow {
      const mine = touched.get(block.id!);
      if (mine) return mine;
      const copy = { ...block, keys: block.keys, events: block.events };
      touched.set(block.id!, copy);
      return copy;
    },
    /** Take the events with these keys out of `block` (read in this transaction). */
    remove(block: EventBlockRow, keys: ReadonlySet<string>): void {
      const mine = this.known(block);
      const kept = mine.events.filter((e) => !keys.has(e.key));
      Object.assign(mine, makeBlock(mine.day, kept, mine.id));
    },
    /** Add imported events (keys not stored anywhere), grouped by UTC day. */
    async add(events: readonly StoredEvent[]): Promise<void> {
      const byDay = groupByDay(events);
      const days = [...byDay.keys()];
      const lasts = await Promise.all(
        days.map((day) => db.eventBlocks.where('day').equals(day).last()),
      );
      days.forEach((day, n) => {
        const list = byDay.get(day)!;
        let at = 0;
        const last = lasts[n] ? this.known(lasts[n]) : undefined;
        if (last && last.events.length < EVENT_BLOCK) {
          const room = EVENT_BLOCK - last.events.length;
          const events = last.events.concat(list.slice(0, room));
          Object.assign(last, makeBlock(day, events, last.id));
          at = room;
        }
        let blocks = fresh.get(day);
        if (!blocks) fresh.set(day, (blocks = []));
        for (; at < list.length; at += EVENT_BLOCK)
          blocks.push(makeBlock(day, list.slice(at, at + EVENT_BLOCK)));
      });
    },
    async flush(): Promise<void> {
      const put: EventBlockRow[] = [];
      const gone: number[] = [];
      for (const b of touched.values()) {
        if (b.events.length) put.push(b);
        else gone.push(b.id!);
      }
      for (const list of fresh.values()) put.push(...list);
      if (gone.length) await db.eventBlocks.bulkDelete(gone);
      if (put.length) await db.eventBlocks.bulkPut(put);
      touched.clear();
      fresh.clear();
    },
  };
}

/** The events with time in [start, end) of chat rows and blocks read, in `compareEvents` order. */
function inRange(rows: StoredEvent[], blocks: EventBlockRow[], start: number, end: number) {
  for (const b of blocks) {
    if (b.from >= start && b.to < end) rows.push(...b.events);
    else for (const e of b.events) if (e.time >= start && e.time < end) rows.push(e);
  }
  return blocks.length ? rows.sort(compareEvents) : rows;
}

/** Every event with time in [start, end), in `compareEvents` order. */
export async function eventsBetween(
  db: HistoryDB,
  start: number,
  end: number,
): Promise<StoredEvent[]> {
  if (!(start < end)) return [];
  const [rows, blocks] = await Promise.all([
    db.events.where('time').between(start, end, true, false).toArray(),
    blocksOfDays(db, dayOf(start), dayOf(end)),
  ]);
  return inRange(rows, blocks, start, end);
}

/**
 * `eventsBetween`, and the earliest time ≥ `end` of any stored event (null: none): until the
 * history is written again, [start, t) holds the same events for any t from `end` to that time.
 * Two more indexed reads of one record each; the blocks of `end`'s day are read anyway.
 */
export async function eventsBetweenAndNext(
  db: HistoryDB,
  start: number,
  end: number,
): Promise<{ events: StoredEvent[]; next: number | null }> {
  if (!(start < end)) throw new RangeError(`empty range [${start}, ${end})`);
  const [rows, blocks, rowAfter, blockAfter] = await Promise.all([
    db.events.where('time').between(start, end, true, false).toArray(),
    blocksOfDays(db, dayOf(start), dayOf(end)),
    db.events.where('time').aboveOrEqual(end).first(),
    db.eventBlocks.where('day').above(dayOf(end)).first(),
  ]);
  let next = Math.min(rowAfter?.time ?? Infinity, blockAfter?.from ?? Infinity);
  for (const b of blocks)
    if (b.to >= end) for (const e of b.events) if (e.time >= end && e.time < next) next = e.time;
  return { events: inRange(rows, blocks, start, end), next: next === Infinity ? null : next };
}

/** Chat rows of one UTC day (imported events are in that day's blocks, `blocksOfDays`). */
const dayRows = (db: HistoryDB, day: number) =>
  db.events.where('time').between(day * DAY_MS, (day + 1) * DAY_MS, true, false);

/** Every event of one UTC day, in `compareEvents` order. */
export async function dayEvents(db: HistoryDB, day: number): Promise<StoredEvent[]> {
  const [rows, blocks] = await Promise.all([
    dayRows(db, day).toArray(),
    blocksOfDays(db, day, day),
  ]);
  if (blocks.length === 0) return rows;
  return rows.concat(eventsOf(blocks)).sort(compareEvents);
}

/** The number of events of one UTC day (rows counted, blocks' events summed). */
export async function countDay(db: HistoryDB, day: number): Promise<number> {
  const [rows, blocks] = await Promise.all([dayRows(db, day).count(), blocksOfDays(db, day, day)]);
  return rows + blocks.reduce((n, b) => n + b.events.length, 0);
}

/** The first UTC day ≥ `fromDay` holding any event, or null. */
export async function nextDayWithEvents(db: HistoryDB, fromDay: number): Promise<number | null> {
  const [row, block] = await Promise.all([
    db.events
      .where('time')
      .aboveOrEqual(fromDay * DAY_MS)
      .first(),
    db.eventBlocks.where('day').aboveOrEqual(fromDay).first(),
  ]);
  const days = [row && dayOf(row.time), block?.day].filter((d): d is number => d !== undefined);
  return days.length ? Math.min(...days) : null;
}

/** Whether any event is stored. */
export async function hasEvents(db: HistoryDB): Promise<boolean> {
  const [row, block] = await Promise.all([
    db.events.limit(1).primaryKeys(),
    db.eventBlocks.limit(1).primaryKeys(),
  ]);
  return row.length > 0 || block.length > 0;
}

/** The number of stored events (the blocks' from their keys index: one entry per event). */
export async function countEvents(db: HistoryDB): Promise<number> {
  const [rows, imported] = await Promise.all([
    db.events.count(),
    db.eventBlocks.orderBy('keys').count(),
  ]);
  return rows + imported;
}

/**
 * Every event, one page at a time: chat rows in id order, then the blocks' events in block
 * order (each page at most about `size` events; a block is never split).
 */
export async function forEachPage(
  db: HistoryDB,
  size: number,
  onPage: (events: StoredEvent[]) => Promise<void> | void,
): Promise<void> {
  let lastId = 0;
  for (;;) {
    const page = await db.events.where(':id').above(lastId).limit(size).toArray();
    if (page.length === 0) break;
    lastId = page[page.length - 1].id!;
    await onPage(page);
  }
  const perRead = Math.max(1, Math.floor(size / EVENT_BLOCK));
  let lastBlock = 0;
  for (;;) {
    const blocks = await db.eventBlocks.where(':id').above(lastBlock).limit(perRead).toArray();
    if (blocks.length === 0) break;
    lastBlock = blocks[blocks.length - 1].id!;
    await onPage(eventsOf(blocks));
  }
}

/**
 * Delete every event older than `cutoff` (inside a write transaction): rows by the time index,
 * blocks wholly before it, and blocks straddling it rewritten with their later events.
 */
export async function deleteBefore(db: HistoryDB, cutoff: number): Promise<number> {
  let removed = await db.events.where('time').below(cutoff).delete();
  const blocks = await db.eventBlocks.where('day').belowOrEqual(dayOf(cutoff)).toArray();
  const gone: number[] = [];
  const put: EventBlockRow[] = [];
  for (const b of blocks) {
    if (b.to < cutoff) {
      gone.push(b.id!);
      removed += b.events.length;
    } else if (b.from < cutoff) {
      const kept = b.events.filter((e) => e.time >= cutoff);
      removed += b.events.length - kept.length;
      put.push(makeBlock(b.day, kept, b.id));
    }
  }
  if (gone.length) await db.eventBlocks.bulkDelete(gone);
  if (put.length) await db.eventBlocks.bulkPut(put);
  return removed;
}

/** Every key the extension gives an imported event starts with this (chat keys never do). */
export const IMPORTED_KEY_PREFIX = 'import|';

/**
 * Imported events out of `events` rows into blocks (schema version 5's upgrade): the rows found
 * by the key index under IMPORTED_KEY_PREFIX, a page at a time, each page moved at once (the
 * index keeps a scan of a million chat turns out of the upgrade). Returns how many moved.
 */
export async function moveImportedRowsToBlocks(db: HistoryDB, page = 5_000): Promise<number> {
  const end = `${IMPORTED_KEY_PREFIX}\uffff`;
  let after = IMPORTED_KEY_PREFIX;
  let open = false;
  let moved = 0;
  for (;;) {
    const rows = await db.events
      .where('key')
      .between(after, end, !open, true)
      .limit(page)
      .toArray();
    if (rows.length === 0) break;
    after = rows[rows.length - 1].key;
    open = true;
    const imported = rows.filter((e) => e.imported);
    if (imported.length === 0) continue;
    await db.events.bulkDelete(imported.map((e) => e.id!));
    const writer = blockWriter(db);
    await writer.add(imported);
    await writer.flush();
    moved += imported.length;
  }
  return moved;
}
