import { afterEach, describe, expect, it } from 'vitest';
import { foldEvents, makeDayKeyer, type CalendarOptions } from '@/utils/core/aggregate';
import { addToImportDay, eventTokens, storeImported } from '@/utils/db/imports';
import { compareEvents, countEvents, EVENT_BLOCK } from '@/utils/db/event-store';
import {
  deleteEverything,
  pruneBefore,
  rebuildDerived,
  storedRollupTimeZone,
} from '@/utils/db/maintenance';
import { exportCsv, readAllEvents } from '@/utils/db/export';
import {
  BLOCKS_COMPLETE,
  blocksState,
  dayOf,
  encodeBlock,
  refreshExportBlocks,
  refreshExportBlocksStep,
} from '@/utils/db/export-blocks';
import { HistoryDB, SCHEMA_VERSIONS } from '@/utils/db/schema';
import { csvHeader, csvRows } from '@/utils/db/transfer';
import { foldSpend, loadSpend, spendDays, wholeMonths, type SpendPeriod } from '@/utils/db/spend';
import type { ImportCostKind, ImportDayRow, StoredEvent } from '@/utils/db/types';
import { recordEvents } from '@/utils/db/write';
import { generateEvents, rng } from './generate';
import { monthsFromDays, monthsFromEvents } from './months';

const TZ = 'Europe/Berlin';
const CALENDAR: CalendarOptions = { timeZone: TZ, weekStart: 1 };
const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;
/** Today, and a day in a month wholly in the past (its month view reads only month rows). */
const NOWS = [NOW, Date.UTC(2026, 9, 15, 9)];
const PERIODS: SpendPeriod[] = ['week', 'month', 'all'];

const SOURCES = ['claude-code', 'codex', 'openrouter', 'openclaw', 'anthropic-org'] as const;
const COST_KINDS: ImportCostKind[] = ['billed', 'api', 'estimate', 'unpriced'];

/** Imported events of every cost kind, some without a project or a model name. */
function importedEvents(
  random: () => number,
  count: number,
  tag: string,
  spanDays = 150,
): StoredEvent[] {
  const end = NOW - Math.floor(random() * (150 - Math.min(spanDays, 150)) * DAY);
  return Array.from({ length: count }, (_, n) => {
    const source = SOURCES[Math.floor(random() * SOURCES.length)];
    const costKind = COST_KINDS[Math.floor(random() * COST_KINDS.length)];
    const family = `import:${source}`;
    const session = `s${Math.floor(random() * 20)}`;
    const input = Math.floor(random() * 5_000);
    return {
      key: `import|${tag}|${n}`,
      time: end - Math.floor(random() * spanDays * DAY),
      site: source,
      conversationId: session,
      conversation: `${source}|${session}`,
      turnIndex: 0,
      modelLabel: random() < 0.2 ? null : `model-${Math.floor(random() * 3)}`,
      model: null,
      input: { tokens: input, provenance: 'site', family },
      output: { tokens: Math.floor(random() * 2_000), provenance: 'site', family },
      reasoning: { tokens: Math.floor(random() * 300), provenance: 'site', family },
      costMicroUsd: costKind === 'unpriced' ? null : 1 + Math.floor(random() * 90_000),
      rateCardVersion: null,
      prices: null,
      flags: 0,
      imported: {
        source,
        agent: random() < 0.5 ? source : 'subagent',
        project: random() < 0.25 ? null : `/home/me/p${Math.floor(random() * 4)}`,
        session,
        cacheRead: input * 7,
        cacheWrite5m: Math.floor(input / 9),
        cacheWrite1h: Math.floor(input / 31),
        requests: 1,
        period: null,
        costKind,
        statedMicroUsd: null,
      },
    };
  });
}

/** The dashboard's view as it was read before the month rollup: every day row, folded. */
async function dayRowView(db: HistoryDB, period: SpendPeriod, now: number) {
  const [chat, imports] = await Promise.all([db.dayTotals.toArray(), db.importDays.toArray()]);
  let first: string | null = null;
  for (const r of [...chat, ...imports]) if (first === null || r.day < first) first = r.day;
  return foldSpend(period, spendDays(period, now, CALENDAR, first), chat, imports);
}

/**
 * The stored events equal the reference model (one row per event: a chat key is kept once, an
 * imported key keeps its copy with the most tokens, a prune drops what is older), and the
 * imported events' blocks hold at most EVENT_BLOCK events of their own day, each key once.
 */
async function checkStore(db: HistoryDB, model: Map<string, StoredEvent>, step: string) {
  const [rows, blocks] = await Promise.all([db.events.toArray(), db.eventBlocks.toArray()]);
  expect(
    rows.filter((e) => e.imported),
    `${step}: no imported event in rows`,
  ).toEqual([]);
  const keys = new Set<string>();
  for (const b of blocks) {
    expect(b.events.length, `${step}: block size`).toBeGreaterThan(0);
    expect(b.events.length, `${step}: block size`).toBeLessThanOrEqual(EVENT_BLOCK);
    expect(b.keys, `${step}: block keys`).toEqual(b.events.map((e) => e.key));
    expect(b.from).toBe(Math.min(...b.events.map((e) => e.time)));
    expect(b.to).toBe(Math.max(...b.events.map((e) => e.time)));
    for (const e of b.events) {
      expect(dayOf(e.time), `${step}: ${e.key} in its day's block`).toBe(b.day);
      expect(keys.has(e.key), `${step}: ${e.key} stored once`).toBe(false);
      expect(e.id).toBeUndefined();
      keys.add(e.key);
    }
  }
  const stored = [...rows, ...blocks.flatMap((b) => b.events)].map(({ id: _id, ...e }) => e);
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
  expect(stored.sort(byKey), `${step}: events = the one-row-per-event model`).toEqual(
    [...model.values()].map(({ id: _id, ...e }) => e).sort(byKey),
  );
  expect(await countEvents(db)).toBe(model.size);
}

async function check(db: HistoryDB, step: string) {
  const zone = (await storedRollupTimeZone(db)) ?? TZ;
  const [months, events, chat, imports] = await Promise.all([
    db.spendMonths.toArray(),
    readAllEvents(db),
    db.dayTotals.toArray(),
    db.importDays.toArray(),
  ]);
  months.sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(months, `${step}: months = a fold of the raw events`).toEqual(
    monthsFromEvents(events, zone),
  );
  expect(months, `${step}: months = a fold of the day rows`).toEqual(monthsFromDays(chat, imports));
  await checkBlocks(db, events, step);
  for (const now of NOWS)
    for (const period of PERIODS) {
      const {
        rowsRead: _r,
        otherTimeZone: _z,
        ...view
      } = await loadSpend(db, period, now, CALENDAR);
      expect(view, `${step}: ${period} at ${new Date(now).toISOString()}`).toEqual(
        await dayRowView(db, period, now),
      );
    }
}

/**
 * The export blocks agree with the events: each block holds exactly its day's events in
 * (time, id) order (imported events, which have no id, after the chat rows of the same time), no day with events is left out (it has a block, is listed, or is at or after
 * `rowsFrom`), and the CSV export (blocks and rows mixed) is the row-by-row CSV of the events.
 */
async function checkBlocks(db: HistoryDB, events: StoredEvent[], step: string) {
  const ordered = [...events].sort(compareEvents);
  const byDay = new Map<number, StoredEvent[]>();
  for (const e of ordered) {
    const day = dayOf(e.time);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day)!.push(e);
  }
  const [state, blocks] = await Promise.all([blocksState(db), db.exportBlocks.toArray()]);
  const listed = new Set([...state.stale, ...state.large]);
  for (const block of blocks) {
    expect(listed.has(block.day), `${step}: block ${block.day} is listed too`).toBe(false);
    if (state.rowsFrom !== null) expect(block.day).toBeLessThan(state.rowsFrom);
    expect(block, `${step}: block of day ${block.day}`).toEqual(
      encodeBlock(block.day, byDay.get(block.day) ?? []),
    );
  }
  const withBlock = new Set(blocks.map((b) => b.day));
  for (const day of byDay.keys()) {
    const covered =
      withBlock.has(day) || listed.has(day) || (state.rowsFrom !== null && day >= state.rowsFrom);
    expect(covered, `${step}: day ${day} has a block or is read from the events`).toBe(true);
  }
  expect(await exportCsv(db), `${step}: CSV export`).toBe(csvHeader() + csvRows(ordered));
}

let opened: HistoryDB[] = [];
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

function newDb(versions = SCHEMA_VERSIONS) {
  const db = new HistoryDB(`months-${Math.random().toString(36).slice(2)}`, undefined, versions);
  opened.push(db);
  return db;
}

describe('the month rollup', () => {
  it.each([1, 2, 3])(
    'equals a fold of the raw events after random writes, imports, re-imports, prunes, rebuilds, clears and export-block builds (seed %i)',
    async (seed) => {
      const random = rng(seed);
      const db = newDb();
      const sent: StoredEvent[] = [];
      const model = new Map<string, StoredEvent>();
      const intoModel = (rows: StoredEvent[], imported: boolean) => {
        for (const e of rows) {
          const old = model.get(e.key);
          if (!old || (imported && eventTokens(e) > eventTokens(old))) model.set(e.key, e);
        }
      };
      const ops = [
        'chat',
        'chat',
        'import',
        'import',
        'burst',
        'reimport',
        'prune',
        'rebuild',
        'clear',
        'blocks',
        'blocks',
        'blockStep',
      ];
      for (let step = 0; step < 16; step++) {
        const first = ['chat', 'import', 'blocks', 'burst', 'reimport', 'blocks', 'prune'];
        const op = step < first.length ? first[step] : ops[Math.floor(random() * ops.length)];
        if (op === 'chat') {
          const turns = generateEvents(50 + Math.floor(random() * 250), {
            end: NOW - Math.floor(random() * 60 * DAY),
            days: 5 + random() * 90,
            seed: seed * 100 + step,
          }).map((e) => ({ ...e, key: `${e.key}|${seed}.${step}` }));
          // Some turns again: a retry or a second window (stored once).
          await recordEvents(db, [...turns, ...turns.slice(0, 10)], { timeZone: TZ });
          intoModel(turns, false);
        } else if (op === 'import' || op === 'burst') {
          // A burst: hundreds of events in a day and a half (days of several full blocks).
          const rows =
            op === 'import'
              ? importedEvents(random, 20 + Math.floor(random() * 80), `${seed}.${step}`)
              : importedEvents(random, 300 + Math.floor(random() * 500), `${seed}.${step}`, 1.5);
          sent.push(...rows);
          for (let i = 0; i < rows.length; i += 400)
            await storeImported(db, rows.slice(i, i + 400), { timeZone: TZ });
          intoModel(rows, true);
        } else if (op === 'reimport' && sent.length) {
          // The same keys again: some with more tokens (they replace the stored copy), some
          // with fewer (skipped), in shuffled order.
          const again = sent
            .filter(() => random() < 0.3)
            .map((e) => ({
              ...e,
              output: {
                ...e.output,
                tokens: Math.max(0, e.output.tokens + Math.floor(random() * 400) - 150),
              },
            }))
            .sort(() => random() - 0.5);
          await storeImported(db, again, { timeZone: TZ });
          intoModel(again, true);
        } else if (op === 'prune') {
          // Any time of day: blocks straddling the cutoff are rewritten.
          const cutoff = NOW - Math.floor((60 + random() * 100) * DAY);
          await pruneBefore(db, cutoff, TZ);
          for (const [key, e] of model) if (e.time < cutoff) model.delete(key);
        } else if (op === 'rebuild') {
          // A time-zone change: every rollup is folded again from the events.
          await rebuildDerived(db, random() < 0.5 ? 'America/Los_Angeles' : TZ);
        } else if (op === 'clear') {
          await deleteEverything(db);
          model.clear();
        } else if (op === 'blocks') {
          // The background brings every export block up to date, in steps of any size.
          await refreshExportBlocks(
            db,
            random() < 0.5 ? {} : { chunk: 1 + Math.floor(random() * 90) },
          );
          expect(await blocksState(db)).toEqual({ ...BLOCKS_COMPLETE, large: expect.any(Array) });
        } else if (op === 'blockStep') {
          // One step of it, in small pieces: some days built, some still stale or too large.
          await refreshExportBlocksStep(db, { maxEvents: 12, chunk: 60 });
        }
        await checkStore(db, model, `seed ${seed} step ${step} (${op})`);
        await check(db, `seed ${seed} step ${step} (${op})`);
      }
      expect(sent.length).toBeGreaterThan(0);
    },
    120_000,
  );

  it('the upgrade to version 3 builds it from a version-2 database, and the views stay the same', async () => {
    const name = `months-v2-${Math.random().toString(36).slice(2)}`;
    const v2 = new HistoryDB(name, undefined, SCHEMA_VERSIONS.slice(0, 2));
    const chat = generateEvents(3_000, { end: NOW, days: 200, seed: 9 });
    const imported = importedEvents(rng(9), 600, 'v2');
    const events = [...chat, ...imported].map((e, i) => ({ ...e, id: i + 1 }));
    // The rollups as version 2 wrote them: every event in dayTotals, imported ones in importDays.
    const keyer = makeDayKeyer(TZ);
    const folded = foldEvents(
      events.map((source) => ({ source, day: keyer(source.time) })),
      new Map(),
      new Map(),
    );
    const importDays = new Map<string, ImportDayRow>();
    for (const e of imported) addToImportDay(importDays, e, keyer(e.time));
    await v2.transaction('rw', v2.tables, async () => {
      await v2.table('events').bulkAdd(events);
      await v2.table('dayTotals').bulkAdd([...folded.totals.values()]);
      await v2.table('dayConversations').bulkAdd([...folded.conversations.values()]);
      await v2.table('importDays').bulkAdd([...importDays.values()]);
      await v2.table('meta').add({ key: 'rollupTimeZone', value: TZ });
    });
    v2.close();

    const db = new HistoryDB(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await db.spendMonths.count()).toBeGreaterThan(6);
    await check(db, 'after the upgrade');
    // The all-time view now reads a few rows per month, not one per day and source.
    const all = await loadSpend(db, 'all', NOW, CALENDAR);
    expect(all.rowsRead).toBe(await db.spendMonths.count());
    expect(all.rowsRead * 2).toBeLessThan(
      (await db.dayTotals.count()) + (await db.importDays.count()),
    );
  });

  it('a month is read whole only when every one of its days is in the period', () => {
    const days = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const d = new Date(Date.parse(`${from}T12:00:00Z`) + i * DAY);
        return d.toISOString().slice(0, 10);
      });
    expect([...wholeMonths(days('2026-02-01', 28))]).toEqual(['2026-02']);
    expect([...wholeMonths(days('2028-02-01', 28))]).toEqual([]); // a leap year: 29 days
    expect([...wholeMonths(days('2026-11-30', 7))]).toEqual([]);
    expect([...wholeMonths(days('2026-01-31', 59))]).toEqual(['2026-02']);
    expect([...wholeMonths(days('2026-01-31', 60))]).toEqual(['2026-02', '2026-03']);
  });
});
