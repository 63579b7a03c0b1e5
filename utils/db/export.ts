/**
 * Export the history (pages may read; only the background writes). The export is streamed: events
 * are read in key-ordered pages (CSV by time, JSON by id) and each page is written as one chunk
 * to a sink (a file's writable stream, Blob parts, a Node file), so a history of millions of
 * events is never held in memory at once. The next pages are read while the current one is
 * serialized. The CSV reads each day from its export block (export-blocks.ts) where one is built,
 * and the other days from the events. Chat turns are rows of `events`, imported events live in
 * `eventBlocks` (event-store.ts): JSON writes the rows in id order, then the blocks' events.
 */
import { dayEvents, EVENT_BLOCK, nextDayWithEvents, type EventBlockRow } from './event-store';
import type { HistoryDB } from './schema';
import { blocksState, DAY_MS, decodeBlock, type BlocksState } from './export-blocks';
import { csvHeader, csvRowWriter, exportJsonWriter, flat, type CsvEvent } from './transfer';
import type { StoredEvent } from './types';

/**
 * Events per page (the rows a span of the key is aimed at; `DEPTH` spans are in flight). JSON
 * pages are larger: JSON.stringify builds one flat string, so a page costs its rows (~10–20 MB
 * for 10,000) and fewer, larger reads are faster. A CSV page is built from flattened pieces of
 * `CSV_PIECE` rows (see `flat`).
 */
export const EXPORT_PAGE = { csv: 5_000, json: 10_000 } as const;
const CSV_PIECE = 500;
const PARTS = 6;
const READ_PAGE = 20_000;

/** Where the chunks go; `write` may be async (a file stream), and is awaited in order. */
export interface ExportSink {
  write(chunk: string): void | Promise<void>;
}

export interface ExportStats {
  count: number;
  /** Characters written (UTF-16 code units; bytes differ only for non-ASCII text). */
  chars: number;
  /** Time spent waiting for IndexedDB, and everything else (serializing, writing). */
  readMs: number;
  serializeMs: number;
}

/**
 * Every event in insertion order, in memory (tests, small histories). Read as a few id ranges
 * at once: in Chrome the database process reads one range while this page deserializes another.
 */
export async function readAllEvents(db: HistoryDB): Promise<StoredEvent[]> {
  return db.transaction('r', [db.events, db.eventBlocks], async () => {
    const [first, last] = await Promise.all([
      db.events.orderBy(':id').firstKey(),
      db.events.orderBy(':id').lastKey(),
    ]);
    const imported = db.eventBlocks.toArray();
    if (first === undefined || last === undefined) return eventsOfBlocks(await imported);
    const lo = Number(first);
    const hi = Number(last);
    const parts = Math.max(1, Math.min(PARTS, Math.ceil((hi - lo + 1) / READ_PAGE)));
    const step = Math.ceil((hi - lo + 1) / parts);
    const ranges = await Promise.all(
      Array.from({ length: parts }, (_, i) =>
        db.events
          .where(':id')
          .between(lo + i * step, lo + (i + 1) * step, true, false)
          .toArray(),
      ),
    );
    return ranges.flat().concat(eventsOfBlocks(await imported));
  });
}

const eventsOfBlocks = (blocks: readonly EventBlockRow[]) => blocks.flatMap((b) => b.events);

/** Requests kept in flight: the database process reads the next pages while this one is written. */
const DEPTH = 3;

/** A span of the key: from `from` (excluded when `open`) to `to` (excluded; Infinity: no end). */
interface Span {
  from: number;
  open: boolean;
  to: number;
}

/** The first and last key of `index` within `bounds` (undefined when there is none). */
function firstAndLast(db: HistoryDB, index: ':id' | 'time', bounds: { from: number; to: number }) {
  if (bounds.from === -Infinity && bounds.to === Infinity)
    return Promise.all([db.events.orderBy(index).firstKey(), db.events.orderBy(index).lastKey()]);
  const inBounds = () =>
    bounds.to === Infinity
      ? db.events.where(index).aboveOrEqual(bounds.from)
      : db.events.where(index).between(bounds.from, bounds.to, true, false);
  return Promise.all([
    inBounds()
      .limit(1)
      .keys()
      .then((k) => k[0]),
    inBounds()
      .reverse()
      .limit(1)
      .keys()
      .then((k) => k[0]),
  ]);
}

/**
 * Every event in key order (`:id`, or `time` with ties in id order as the index keeps them),
 * one page at a time. Pages are spans of the key, sized from the density of the spans read so
 * far, so the next spans can be requested before this one arrives (IndexedDB reads in its own
 * process while this page is written). A span holds at most `2 × size` rows: one that reaches
 * that limit is cut at its last key and the rest of it read next, and for `time` the run of
 * equal times at the cut is read whole, so no row is skipped or repeated whatever the spacing.
 */
async function streamPages(
  db: HistoryDB,
  index: ':id' | 'time',
  size: number,
  onPage: (rows: StoredEvent[]) => Promise<void>,
  bounds: { from: number; to: number } = { from: -Infinity, to: Infinity },
): Promise<{ count: number; waitMs: number }> {
  const keyOf = index === 'time' ? (e: StoredEvent) => e.time : (e: StoredEvent) => e.id!;
  const limit = 2 * size;
  const read = (s: Span) => {
    const where = db.events.where(index);
    const to = Math.min(s.to, bounds.to);
    const c =
      to === Infinity
        ? s.open
          ? where.above(s.from)
          : where.aboveOrEqual(s.from)
        : where.between(s.from, to, !s.open, false);
    return c.limit(limit).toArray();
  };
  const t0 = performance.now();
  const [first, last] = await firstAndLast(db, index, bounds);
  let waitMs = performance.now() - t0;
  if (first === undefined || last === undefined) return { count: 0, waitMs };
  const end = Number(last);
  // Not yet requested: from `frontier` on. NaN width: density unknown, read with the limit only.
  let frontier = { from: Number(first), open: false };
  let width = NaN;
  let done = false;
  const slots: { span: Span; rows: Promise<StoredEvent[]> }[] = [];
  const request = (span: Span, atFront = false) => {
    const slot = { span, rows: read(span) };
    // Read ahead of the sink: a failed read is reported when its turn comes (or never, if the
    // sink failed first), not as an unhandled rejection.
    slot.rows.catch(() => undefined);
    if (atFront) slots.unshift(slot);
    else slots.push(slot);
  };
  let count = 0;
  for (;;) {
    while (!done && slots.length < DEPTH && (slots.length === 0 || !Number.isNaN(width))) {
      const to = frontier.from + width;
      if (Number.isNaN(width) || to > end) {
        request({ ...frontier, to: Infinity });
        done = true;
      } else {
        request({ ...frontier, to });
        frontier = { from: to, open: false };
      }
    }
    const slot = slots.shift();
    if (!slot) return { count, waitMs };
    const t = performance.now();
    let rows = await slot.rows;
    waitMs += performance.now() - t;
    const { span } = slot;
    if (rows.length === limit) {
      // Cut at the last key; the rest of the span is read before the spans after it.
      const lastKey = keyOf(rows[rows.length - 1]);
      const rest = { from: lastKey, open: true, to: span.to };
      if (span.to === Infinity) {
        frontier = rest;
        done = false;
      } else request(rest, true);
      if (index === 'time') {
        let cut = rows.length;
        while (cut > 0 && rows[cut - 1].time === lastKey) cut--;
        const t1 = performance.now();
        const run = await db.events.where('time').equals(lastKey).toArray();
        waitMs += performance.now() - t1;
        rows = rows.slice(0, cut).concat(run);
      }
      width = Math.max(1, (lastKey - span.from) * (size / limit));
    } else if (span.to !== Infinity) {
      // Aim the next spans at `size` rows; an empty span widens them (at most 8× per span).
      const seen = span.to - span.from;
      width = rows.length ? Math.max(1, (seen * size) / rows.length) : seen * 8;
      width = Math.min(width, seen * 8);
    }
    count += rows.length;
    if (rows.length) await onPage(rows);
  }
}

/**
 * Events aimed at per read of blocks: the number of blocks asked for follows the mean size of
 * those read so far (a block is one UTC day, of at most 50,000 events).
 */
const BLOCK_READ_EVENTS = 8_192;
const FIRST_BLOCK_READ = 4;

/**
 * The days read from the events: every day any state seen so far listed (stale or too large),
 * and from `end` on (the earliest `rowsFrom` seen; blocks there are not trusted).
 */
function listedDays() {
  const listed = new Set<number>();
  let sorted: number[] = [];
  return {
    end: Infinity,
    take(state: BlocksState) {
      const before = listed.size;
      for (const d of state.stale) listed.add(d);
      for (const d of state.large) listed.add(d);
      if (listed.size !== before) sorted = [...listed].sort((x, y) => x - y);
      if (state.rowsFrom !== null) this.end = Math.min(this.end, state.rowsFrom);
    },
    /** Whether a listed day falls in [from, to). */
    any(from: number, to: number) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      return lo < sorted.length && sorted[lo] < to;
    },
  };
}

/**
 * The events of the UTC days [fromDay, toDay) in CSV order, a day at a time (its chat rows and
 * its imported events' blocks, event-store.ts), in pages of at least `size` events (whole days).
 */
async function dayByDay(
  db: HistoryDB,
  fromDay: number,
  toDay: number,
  size: number,
  onPage: (rows: readonly CsvEvent[]) => Promise<void>,
): Promise<{ count: number; waitMs: number }> {
  let waitMs = 0;
  let count = 0;
  let page: CsvEvent[] = [];
  for (let day = fromDay; ; day++) {
    const t = performance.now();
    const next = await nextDayWithEvents(db, day);
    if (next === null || next >= toDay) break;
    const events = await dayEvents(db, next);
    waitMs += performance.now() - t;
    count += events.length;
    page = page.length ? page.concat(events) : events;
    if (page.length >= size) {
      await onPage(page);
      page = [];
    }
    day = next;
  }
  if (page.length) await onPage(page);
  return { count, waitMs };
}

/**
 * Every event in CSV order, (time, id): the days in export blocks from their blocks, the rest
 * (stale, too large, not yet built) from the events, span by span. Each read of blocks also
 * reads the blocks' state in the same transaction; the days any state seen so far lists are read
 * from the events, so a write landing meanwhile (which deletes its day's block) loses no day.
 */
async function csvPages(
  db: HistoryDB,
  size: number,
  onPage: (rows: readonly CsvEvent[]) => Promise<void>,
): Promise<{ count: number; waitMs: number }> {
  let waitMs = 0;
  let count = 0;
  const days = listedDays();
  const read = (after: number, limit: number) => {
    const p = db.transaction('r', [db.exportBlocks, db.meta], async () => {
      const state = await blocksState(db);
      const blocks = await db.exportBlocks.where('day').above(after).limit(limit).toArray();
      return { state, blocks, limit };
    });
    p.catch(() => undefined);
    return p;
  };
  // Blocks are gathered into pages of `size` events: each page is one chunk for the sink (a
  // file's writable stream or a Blob costs a round trip to the browser per chunk).
  let page: CsvEvent[] = [];
  const flush = async () => {
    if (page.length === 0) return;
    const full = page;
    page = [];
    await onPage(full);
  };
  const rows = async (fromDay: number, toDay: number) => {
    await flush();
    // Days in [fromDay, toDay) have no block: their events, if any, come from the rows, and
    // from the imported events' blocks (event-store.ts) day by day when the span holds any.
    const t0 = performance.now();
    const imported = await (
      toDay === Infinity
        ? db.eventBlocks.where('day').aboveOrEqual(fromDay)
        : db.eventBlocks.where('day').between(fromDay, toDay, true, false)
    )
      .limit(1)
      .primaryKeys();
    waitMs += performance.now() - t0;
    const r = imported.length
      ? await dayByDay(db, fromDay, toDay, size, onPage)
      : await streamPages(db, 'time', size, onPage, {
          from: fromDay * DAY_MS,
          to: toDay === Infinity ? Infinity : toDay * DAY_MS,
        });
    count += r.count;
    waitMs += r.waitMs;
  };
  let prev = -Infinity;
  let pending = read(-Infinity, FIRST_BLOCK_READ);
  let blocksRead = 0;
  let eventsRead = 0;
  for (;;) {
    const t = performance.now();
    const { state, blocks, limit } = await pending;
    waitMs += performance.now() - t;
    days.take(state);
    const usable = blocks.filter((b) => b.day < days.end);
    const more = blocks.length === limit && usable.length === blocks.length;
    for (const b of blocks) eventsRead += b.count;
    blocksRead += blocks.length;
    if (more) {
      const perBlock = Math.max(1, eventsRead / blocksRead);
      pending = read(
        blocks[blocks.length - 1].day,
        Math.max(1, Math.floor(BLOCK_READ_EVENTS / perBlock)),
      );
    }
    for (const block of usable) {
      // The days between two blocks hold events only if one of them is listed.
      if (days.any(prev + 1, block.day)) await rows(prev + 1, block.day);
      const events = decodeBlock(block);
      count += events.length;
      page = page.length ? page.concat(events) : events;
      if (page.length >= size) await flush();
      prev = block.day;
    }
    if (!more) break;
  }
  await flush();
  if (days.end !== Infinity || days.any(prev + 1, Infinity)) await rows(prev + 1, Infinity);
  return { count, waitMs };
}

/**
 * Write the history as JSON (lossless, re-importable) or CSV (one row per turn, in time order)
 * to `sink`, page by page.
 */
export async function writeExport(
  db: HistoryDB,
  kind: 'json' | 'csv',
  sink: ExportSink,
  options: { now?: number; pageSize?: number } = {},
): Promise<ExportStats> {
  const size = options.pageSize ?? EXPORT_PAGE[kind];
  let chars = 0;
  let readMs: number;
  const started = performance.now();
  const put = async (chunk: string) => {
    chars += chunk.length;
    await sink.write(flat(chunk));
  };
  let count: number;
  if (kind === 'csv') {
    const rows = csvRowWriter();
    await put(csvHeader());
    // A page's rows as one concatenation would stay a tree of millions of small strings until
    // the page is written; flattened pieces let the young-generation GC drop them at once.
    const csvPage = (page: readonly CsvEvent[]) => {
      if (page.length <= CSV_PIECE) return rows(page);
      const pieces: string[] = [];
      for (let i = 0; i < page.length; i += CSV_PIECE)
        pieces.push(flat(rows(page.slice(i, i + CSV_PIECE))));
      return pieces.join('');
    };
    ({ count, waitMs: readMs } = await csvPages(db, size, (page) => put(csvPage(page))));
  } else {
    const json = exportJsonWriter(options.now ?? Date.now());
    await put(json.head());
    ({ count, waitMs: readMs } = await streamPages(db, ':id', size, (page) =>
      put(json.events(page)),
    ));
    // Then the imported events, block by block (they have no id).
    const perRead = Math.max(1, Math.floor(size / EVENT_BLOCK));
    for (let after = 0; ;) {
      const t = performance.now();
      const blocks = await db.eventBlocks.where(':id').above(after).limit(perRead).toArray();
      readMs += performance.now() - t;
      if (blocks.length === 0) break;
      after = blocks[blocks.length - 1].id!;
      const page = eventsOfBlocks(blocks);
      count += page.length;
      await put(json.events(page));
    }
    const t = performance.now();
    const titled = await db.conversations.filter((c) => Boolean(c.title)).toArray();
    readMs += performance.now() - t;
    await put(json.tail(titled.map((c) => [c.id, c.title!])));
  }
  // Reads overlap writing, so the read figure is the time spent waiting for a page.
  return { count, chars, readMs, serializeMs: performance.now() - started - readMs };
}

/** The export as one string (tests, small histories). */
async function exportText(db: HistoryDB, kind: 'json' | 'csv', now?: number): Promise<string> {
  const parts: string[] = [];
  await writeExport(db, kind, { write: (c) => void parts.push(c) }, { now });
  return parts.join('');
}

export const exportJson = (db: HistoryDB, now = Date.now()) => exportText(db, 'json', now);
export const exportCsv = (db: HistoryDB) => exportText(db, 'csv');
