/**
 * History: the popup's read path, one turn write, and export, with 100k stored events (a year of
 * heavy use), in Node on fake-indexeddb (an in-memory IndexedDB in JavaScript: slower per
 * request than Chrome's, so these figures are conservative for request-bound work). The e2e test
 * tests/e2e/popup.test.ts measures the popup in Chromium and prints its figure.
 */
import 'fake-indexeddb/auto';
import { dayKey, localDateOf, periodContaining, previousPeriod } from '../../utils/core/aggregate';
import { exportCsv, exportJson, readAllEvents } from '../../utils/db/export';
import { BLOCKS_STATE_KEY, refreshExportBlocks } from '../../utils/db/export-blocks';
import { loadDashboard } from '../../utils/db/queries';
import { HistoryDB } from '../../utils/db/schema';
import type { StoredEvent } from '../../utils/db/types';
import { recordEvents } from '../../utils/db/write';
import { generateEvents } from '../../utils/db/__tests__/generate';
import type { BenchRow, BenchSuite } from './types';
import { median, timeOnce as time } from './stats';

const TZ = 'Europe/Berlin';
const NOW = Date.UTC(2026, 5, 17, 15);
const calendar = { timeZone: TZ, weekStart: 1 as const };

/** The baseline: what the popup would do without rollups (scan every event, Intl per event). */
async function naiveDashboard(db: HistoryDB) {
  const events = await db.events.toArray();
  const totals: Record<string, number> = {};
  const periods = (['day', 'week', 'month'] as const).flatMap((k) => {
    const p = periodContaining(k, NOW, calendar);
    return [p, previousPeriod(p, calendar)];
  });
  for (const e of events) {
    const day = dayKey(localDateOf(e.time, TZ));
    for (const p of periods) {
      if (day >= p.days[0] && day <= p.days[p.days.length - 1]) {
        const id = `${p.kind}:${p.days[0]}`;
        totals[id] = (totals[id] ?? 0) + (e.costMicroUsd ?? 0);
      }
    }
  }
  return totals;
}

const suite: BenchSuite = {
  title: 'History (100k events, fake-indexeddb in Node)',
  async run() {
    const rows: BenchRow[] = [];
    const events = generateEvents(100_000, { end: NOW, days: 365, seed: 7 });
    const db = new HistoryDB(`bench-${Date.now()}`);

    const [importMs] = await time(async () => {
      for (let i = 0; i < events.length; i += 5_000)
        await recordEvents(db, events.slice(i, i + 5_000), { timeZone: TZ });
    });
    const plain = new HistoryDB(`bench-plain-${Date.now()}`);
    const [plainMs] = await time(async () => {
      for (let i = 0; i < events.length; i += 5_000)
        await plain.events.bulkAdd(events.slice(i, i + 5_000).map((e) => ({ ...e })));
    });
    rows.push({
      name: 'import 100k events (5k per transaction, dedupe + rollups)',
      value: importMs,
      unit: 'ms',
      baseline: { label: 'bare bulkAdd, no dedupe/rollups', value: plainMs },
    });
    await plain.delete();

    // Popup: cold handle (a popup opens a new connection each time), then warm repeats.
    const cold = new HistoryDB(db.name);
    const [coldMs, dash] = await time(() => loadDashboard(cold, NOW, calendar));
    cold.close();
    const warm: number[] = [];
    for (let i = 0; i < 15; i++) warm.push((await time(() => loadDashboard(db, NOW, calendar)))[0]);
    const naive: number[] = [];
    for (let i = 0; i < 3; i++) naive.push((await time(() => naiveDashboard(db)))[0]);
    const naiveTotals = await naiveDashboard(db);
    const week = dash.views.week.summary;
    if (naiveTotals[`week:${week.period.days[0]}`] !== week.totals.costMicroUsd)
      throw new Error('dashboard and naive scan disagree on the week total');
    rows.push({
      name: 'popup numbers: loadDashboard (open + rollups), cold',
      value: coldMs,
      unit: 'ms',
      baseline: { label: 'naive scan of all events', value: median(naive) },
      target: '< 150 ms',
      met: coldMs < 150,
    });
    rows.push({
      name: 'popup numbers: loadDashboard, warm median of 15',
      value: median(warm),
      unit: 'ms',
      baseline: { label: 'naive scan of all events', value: median(naive) },
      target: '< 150 ms',
      met: median(warm) < 150,
    });

    // One turn, with 100k stored: dedupe lookup + add + rollups + conversation, one transaction.
    const fresh = generateEvents(200, { end: NOW, days: 1, seed: 99 }).map((e, i) => ({
      ...e,
      key: `bench-new-${i}`,
    }));
    const writes: number[] = [];
    for (const e of fresh)
      writes.push((await time(() => recordEvents(db, [e], { timeZone: TZ })))[0]);
    const bare: number[] = [];
    for (const e of fresh) {
      const row: StoredEvent = { ...e, key: `${e.key}-bare` };
      bare.push((await time(() => db.events.add(row)))[0]);
    }
    rows.push({
      name: 'write one turn event (100k stored), median of 200',
      value: median(writes),
      unit: 'ms',
      baseline: { label: 'bare events.add', value: median(bare) },
      target: '< 5 ms',
      met: median(writes) < 5,
    });

    // The CSV export read from the events alone: what it costs before the background has built
    // the export blocks (just after the upgrade, or for the days an import just wrote).
    await db.meta.put({ key: BLOCKS_STATE_KEY, value: { rowsFrom: 0, stale: [], large: [] } });
    await db.exportBlocks.clear();
    const [rowsCsvMs] = await time(() => exportCsv(db));
    // The background's rebuild of every block (what it does a few seconds after writes).
    const [blocksMs] = await time(() => refreshExportBlocks(db));
    rows.push({
      name: 'build the export blocks of every day from the events (background)',
      value: blocksMs,
      unit: 'ms',
    });

    // Median of 3: an export is one long operation, and a busy machine swings single runs.
    const jsonRuns: number[] = [];
    const csvRuns: number[] = [];
    let json = '';
    for (let i = 0; i < 3; i++) {
      const [ms, text] = await time(() => exportJson(db, NOW));
      jsonRuns.push(ms);
      json = text;
      csvRuns.push((await time(() => exportCsv(db)))[0]);
    }
    const jsonMs = median(jsonRuns);
    const csvMs = median(csvRuns);
    const all = await readAllEvents(db);
    const [stringifyMs] = await time(async () => JSON.stringify(all));
    rows.push({
      name: `export JSON, ${all.length} events (${(json.length / 1048576).toFixed(0)} MB)`,
      value: jsonMs,
      unit: 'ms',
      baseline: { label: 'JSON.stringify of the rows in memory', value: stringifyMs },
      target: '< 2000 ms',
      met: jsonMs < 2000,
    });
    rows.push({
      name: `export CSV, ${all.length} events (from the export blocks), median of 3`,
      value: csvMs,
      unit: 'ms',
      baseline: { label: 'JSON.stringify of the rows in memory', value: stringifyMs },
      target: '< 2000 ms',
      met: csvMs < 2000,
    });
    rows.push({
      name: `export CSV, ${all.length} events, every day read from the events (no block built yet)`,
      value: rowsCsvMs,
      unit: 'ms',
      baseline: { label: 'JSON.stringify of the rows in memory', value: stringifyMs },
    });
    await db.delete();
    return rows;
  },
};
export default suite;
