/** Read the whole history for export (pages may read; only the background writes). */
import type { HistoryDB } from './schema';
import { buildExportJson, csvHeader, csvRows } from './transfer';
import type { StoredEvent } from './types';

const PAGE = 20_000;

/** Every event in insertion order, read in pages so no single request holds the whole table. */
export async function readAllEvents(db: HistoryDB): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  let lastId = 0;
  for (;;) {
    const page = await db.events.where(':id').above(lastId).limit(PAGE).toArray();
    if (page.length === 0) return all;
    for (const e of page) all.push(e);
    lastId = page[page.length - 1].id!;
  }
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
