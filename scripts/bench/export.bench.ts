/**
 * Export at scale: a history of 250,000 events (EXPORT_EVENTS=1000000 for the million: ~20
 * minutes on a busy 2-core machine) written to a file
 * on disk, streamed (key-ordered pages, one chunk per page; CSV from the export blocks, built
 * first as the background does) against reading every event into
 * memory first (the way the export worked before). Node on fake-indexeddb: the database itself
 * lives in this process's heap, so heap figures are the peak of live heap above the heap with the
 * database loaded (a full GC, then a sample, about ten times per export).
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readAllEvents, writeExport } from '../../utils/db/export';
import { refreshExportBlocks } from '../../utils/db/export-blocks';
import { HistoryDB } from '../../utils/db/schema';
import { csvHeader, csvRows } from '../../utils/db/transfer';
import { generateEvents } from '../../utils/db/__tests__/generate';
import type { BenchRow, BenchSuite } from './types';
import { timeOnce as time } from './stats';

const NOW = Date.UTC(2026, 5, 17, 15);
const COUNT = Number(process.env.EXPORT_EVENTS ?? 250_000);
const MB = 1048576;

// A full collection on demand, without a node flag (the bench runs under plain tsx).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Peak live heap above the heap at the start while `fn` runs: `sample()` collects garbage first
 * so the figure is what is held, not
 * what is waiting to be collected. The time includes those few collections.
 */
async function peakHeap<T>(fn: (sample: () => void) => Promise<T>): Promise<[number, number, T]> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    gc();
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
  };
  const [ms, out] = await time(() => fn(sample));
  return [ms, (peak - base) / MB, out];
}

const suite: BenchSuite = {
  title: `Export at scale (${COUNT.toLocaleString('en')} events to a file; fake-indexeddb in Node)`,
  async run() {
    const rows: BenchRow[] = [];
    const db = new HistoryDB(`bench-export-${Date.now()}`);
    const BATCH = 100_000;
    for (let done = 0; done < COUNT; done += BATCH) {
      const n = Math.min(BATCH, COUNT - done);
      const chunk = generateEvents(n, { end: NOW - done * 60_000, days: 30, seed: done + 1 });
      for (const e of chunk) e.key = `${done}|${e.key}`;
      await db.events.bulkAdd(chunk);
    }
    // The background builds the CSV export's blocks after writes; the CSV below reads them.
    const [blocksMs] = await time(() => refreshExportBlocks(db));
    rows.push({
      name: 'export blocks built from the events (background)',
      value: blocksMs,
      unit: 'ms',
    });
    const dir = mkdtempSync(join(tmpdir(), 'tm-export-'));
    try {
      for (const kind of ['csv', 'json'] as const) {
        const path = join(dir, `stream.${kind}`);
        const file = await open(path, 'w');
        let chunks = 0;
        const every = Math.max(1, Math.round(COUNT / 5_000 / 10));
        const [ms, peak, stats] = await peakHeap(async (sample) => {
          try {
            return await writeExport(db, kind, {
              write: async (c) => {
                if (++chunks % every === 0) sample();
                await file.write(c);
              },
            });
          } finally {
            await file.close();
          }
        });
        if (stats.count !== COUNT) throw new Error(`${kind}: exported ${stats.count} of ${COUNT}`);
        const size = statSync(path).size / MB;
        rmSync(path);
        rows.push({
          name: `${kind.toUpperCase()} streamed to disk: time (${size.toFixed(0)} MB; ~10 forced GCs)`,
          value: ms,
          unit: 'ms',
        });
        rows.push({
          name: `${kind.toUpperCase()} streamed to disk: peak live heap above the database`,
          value: peak,
          unit: 'MB',
          target: '< 100 MB',
          met: peak < 100,
        });
      }
      // Baseline: every event in memory, then one CSV string, then the file.
      const path = join(dir, 'whole.csv');
      const [ms, peak] = await peakHeap(async (sample) => {
        const all = await readAllEvents(db);
        sample();
        const text = csvHeader() + csvRows(all);
        sample();
        const file = await open(path, 'w');
        await file.write(text);
        await file.close();
      });
      rmSync(path);
      rows.push({
        name: 'baseline: CSV with every event read into memory first: time (2 forced GCs)',
        value: ms,
        unit: 'ms',
      });
      rows.push({
        name: 'baseline: CSV with every event read into memory first: peak live heap',
        value: peak,
        unit: 'MB',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.delete();
    }
    return rows;
  },
};
export default suite;
