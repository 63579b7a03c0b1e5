/** Read the whole history for export (pages may read; only the background writes). */
import type { HistoryDB } from './schema';
import { buildExportJson, csvHeader, csvRows } from './transfer';
import type { StoredEvent } from './types';

const PAGE = 20_000;
const PARTS = 6;

/**
 * Every event in insertion order. Read as a few id ranges at once: in Chrome the database
 * process reads one range while this page deserializes another.
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
    const parts = Math.max(1, Math.min(PARTS, Math.ceil((hi - lo + 1) / PAGE)));
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

export async function exportJson(db: HistoryDB, now = Date.now()): Promise<string> {
  const [events, conversations] = await Promise.all([
    readAllEvents(db),
    db.conversations.filter((c) => Boolean(c.title)).toArray(),
  ]);
  return buildExportJson(
    events,
    conversations.map((c) => [c.id, c.title!]),
    now,
  );
}

export async function exportCsv(db: HistoryDB): Promise<string> {
  const events = await readAllEvents(db);
  events.sort((a, b) => a.time - b.time);
  return csvHeader() + csvRows(events);
}

export interface ExportResult {
  text: string;
  count: number;
  /** Time spent reading from IndexedDB and serializing, for the page's status line. */
  readMs: number;
  serializeMs: number;
}

/** Export as JSON or CSV with the event count and where the time went. */
export async function exportHistory(
  db: HistoryDB,
  kind: 'json' | 'csv',
  now = Date.now(),
): Promise<ExportResult> {
  const t0 = performance.now();
  const [events, conversations] = await Promise.all([
    readAllEvents(db),
    kind === 'json' ? db.conversations.filter((c) => Boolean(c.title)).toArray() : [],
  ]);
  const t1 = performance.now();
  let text: string;
  if (kind === 'json') {
    text = buildExportJson(
      events,
      conversations.map((c) => [c.id, c.title!]),
      now,
    );
  } else {
    events.sort((a, b) => a.time - b.time);
    text = csvHeader() + csvRows(events);
  }
  return { text, count: events.length, readMs: t1 - t0, serializeMs: performance.now() - t1 };
}
