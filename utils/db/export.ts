/**
 * Export the history (pages may read; only the background writes). The export is streamed: events
 * are read in key-ordered pages (CSV by time, JSON by id) and each page is written as one chunk
 * to a sink (a file's writable stream, Blob parts, a Node file), so a history of millions of
 * events is never held in memory at once. The next page is read while the current one is
 * serialized.
 */
import type { HistoryDB } from './schema';
import { csvHeader, csvRowWriter, exportJsonWriter, flat } from './transfer';
import type { StoredEvent } from './types';

/**
 * Events per page. JSON pages are larger: JSON.stringify builds one flat string, so a page costs
 * its rows (~20–40 MB for 20,000) and fewer, larger reads are faster. A CSV page is built from
 * flattened pieces of `CSV_PIECE` rows (see `flat`).
 */
export const EXPORT_PAGE = { csv: 5_000, json: 20_000 } as const;
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
  return db.transaction('r', db.events, async () => {
    const [first, last] = await Promise.all([
      db.events.orderBy(':id').firstKey(),
      db.events.orderBy(':id').lastKey(),
    ]);
    if (first === undefined || last === undefined) return [];
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
    return ranges.flat();
  });
}

type Cursor = number | null;
type PageReader = (after: Cursor) => Promise<{ rows: StoredEvent[]; next: Cursor }>;

/** Pages in id order: rows with an id above `after`. */
function byId(db: HistoryDB, size: number): PageReader {
  return async (after) => {
    const rows = await (
      after === null ? db.events.orderBy(':id') : db.events.where(':id').above(after)
    )
      .limit(size)
      .toArray();
    return { rows, next: rows.length === size ? rows[rows.length - 1].id! : null };
  };
}

/**
 * Pages in time order (ties in id order, as the index keeps them): rows with a time above
 * `after`. A page that ends inside a run of equal times is completed with the whole run, so no
 * row is skipped or repeated whatever the page size.
 */
function byTime(db: HistoryDB, size: number): PageReader {
  return async (after) => {
    const rows = await (
      after === null ? db.events.orderBy('time') : db.events.where('time').above(after)
    )
      .limit(size)
      .toArray();
    if (rows.length < size) return { rows, next: null };
    const lastTime = rows[rows.length - 1].time;
    let cut = rows.length;
    while (cut > 0 && rows[cut - 1].time === lastTime) cut--;
    const run = await db.events.where('time').equals(lastTime).toArray();
    return { rows: rows.slice(0, cut).concat(run), next: lastTime };
  };
}

/** Read every page, handing each to `onPage`; returns the count and the time spent waiting. */
async function streamPages(
  read: PageReader,
  onPage: (rows: StoredEvent[]) => Promise<void>,
): Promise<{ count: number; waitMs: number }> {
  let count = 0;
  let waitMs = 0;
  let pending = read(null);
  for (;;) {
    const t = performance.now();
    const { rows, next } = await pending;
    waitMs += performance.now() - t;
    // Read ahead: the next page comes from the database while this one is written.
    if (next !== null) pending = read(next);
    count += rows.length;
    if (rows.length) await onPage(rows);
    if (next === null) return { count, waitMs };
  }
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
    const csvPage = (page: StoredEvent[]) => {
      if (page.length <= CSV_PIECE) return rows(page);
      const pieces: string[] = [];
      for (let i = 0; i < page.length; i += CSV_PIECE)
        pieces.push(flat(rows(page.slice(i, i + CSV_PIECE))));
      return pieces.join('');
    };
    ({ count, waitMs: readMs } = await streamPages(byTime(db, size), (page) => put(csvPage(page))));
  } else {
    const json = exportJsonWriter(options.now ?? Date.now());
    await put(json.head());
    ({ count, waitMs: readMs } = await streamPages(byId(db, size), (page) =>
      put(json.events(page)),
    ));
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
