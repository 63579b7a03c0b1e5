import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayKey, localDateOf, periodContaining } from '@/utils/core/aggregate';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { deleteEverything, pruneBefore, rebuildDerived } from '@/utils/db/maintenance';
import { loadDashboard } from '@/utils/db/queries';
import type { StoredEvent } from '@/utils/db/types';
import { generateEvents } from './generate';

const TZ = 'Europe/Berlin';
const END = Date.UTC(2026, 5, 17, 12); // Wednesday 17 June 2026
let opened: HistoryDB[] = [];
function freshDb(): HistoryDB {
  const db = new HistoryDB(`test-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

/** Independent per-day cost sums: Intl on every event, no rollups, no keyer cache. */
function naiveDaily(events: StoredEvent[], tz: string) {
  const out = new Map<string, { cost: number; events: number; input: number }>();
  for (const e of events) {
    const day = dayKey(localDateOf(e.time, tz));
    const row = out.get(day) ?? { cost: 0, events: 0, input: 0 };
    row.cost += e.costMicroUsd ?? 0;
    row.events += 1;
    row.input += e.input.tokens;
    out.set(day, row);
  }
  return out;
}

async function storedDaily(db: HistoryDB) {
  const out = new Map<string, { cost: number; events: number; input: number }>();
  for (const r of await db.dayTotals.toArray()) {
    const row = out.get(r.day) ?? { cost: 0, events: 0, input: 0 };
    row.cost += r.costMicroUsd;
    row.events += r.events;
    row.input += r.input;
    out.set(r.day, row);
  }
  return out;
}

describe('recordEvents', () => {
  it('stores events, skips duplicates by idempotency key, and keeps rollups exact', async () => {
    const db = freshDb();
    const events = generateEvents(600, { end: END, days: 40 });
    const first = await recordEvents(db, events.slice(0, 400), { timeZone: TZ });
    expect(first.added).toHaveLength(400);
    expect(first.duplicates).toBe(0);
    // Overlapping batch: 200 already stored + 200 new, plus an in-batch repeat.
    const second = await recordEvents(db, [...events.slice(200), events[500]], { timeZone: TZ });
    expect(second.added).toHaveLength(200);
    expect(second.duplicates).toBe(201);
    expect(await db.events.count()).toBe(600);
    expect(await storedDaily(db)).toEqual(naiveDaily(events, TZ));
    const conv = await db.conversations.toArray();
    expect(conv.reduce((a, c) => a + c.events, 0)).toBe(600);
    expect(conv.reduce((a, c) => a + c.costMicroUsd, 0)).toBe(
      events.reduce((a, e) => a + (e.costMicroUsd ?? 0), 0),
    );
  });

  it('refuses imported usage, which has its own writer, and stores nothing of the batch', async () => {
    const db = freshDb();
    const [turn, other] = generateEvents(2, { end: END, days: 1 });
    const imported: StoredEvent = {
      ...other,
      key: `import|claude-code|${other.key}`,
      imported: {
        source: 'claude-code',
        agent: 'claude-code',
        project: null,
        session: null,
        cacheRead: 0,
        cacheWrite5m: 0,
        cacheWrite1h: 0,
        requests: null,
        period: null,
        costKind: 'api',
        statedMicroUsd: null,
      },
    };
    await expect(recordEvents(db, [turn, imported], { timeZone: TZ })).rejects.toThrow(
      /imported usage \(import\|claude-code\|.*storeImported/,
    );
    expect(await db.events.count()).toBe(0);
    expect(await db.dayTotals.count()).toBe(0);
  });

  it('two writers at once lose and duplicate nothing', async () => {
    const db = freshDb();
    const events = generateEvents(300, { end: END, days: 10, seed: 7 });
    // Two "windows" send overlapping turns concurrently, one at a time each, as the overlay does.
    const a = events.slice(0, 200);
    const b = events.slice(100);
    const results = await Promise.all([
      Promise.all(a.map((e) => recordEvents(db, [e], { timeZone: TZ }))),
      Promise.all(b.map((e) => recordEvents(db, [e], { timeZone: TZ }))),
    ]);
    const added = results.flat().reduce((n, r) => n + r.added.length, 0);
    const dup = results.flat().reduce((n, r) => n + r.duplicates, 0);
    expect(added).toBe(300);
    expect(dup).toBe(100);
    expect(await db.events.count()).toBe(300);
    expect(await storedDaily(db)).toEqual(naiveDaily(events, TZ));
  });

  it('a quota error rolls back the batch and keeps everything stored before', async () => {
    const db = freshDb();
    const events = generateEvents(50, { end: END, days: 5, seed: 3 });
    await recordEvents(db, events.slice(0, 30), { timeZone: TZ });
    const before = {
      events: await db.events.toArray(),
      totals: await db.dayTotals.toArray(),
      conv: await db.conversations.toArray(),
    };
    const spy = vi
      .spyOn(db.dayTotals, 'bulkPut')
      .mockRejectedValueOnce(new Dexie.QuotaExceededError('The quota has been exceeded.'));
    await expect(recordEvents(db, events.slice(30), { timeZone: TZ })).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    spy.mockRestore();
    expect(await db.events.toArray()).toEqual(before.events);
    expect(await db.dayTotals.toArray()).toEqual(before.totals);
    expect(await db.conversations.toArray()).toEqual(before.conv);
    // Once space is back, the same batch goes in whole.
    const retry = await recordEvents(db, events.slice(30), { timeZone: TZ });
    expect(retry.added).toHaveLength(20);
  });
});

describe('maintenance', () => {
  it('rebuilding in another time zone equals writing in it from the start', async () => {
    const events = generateEvents(500, { end: END, days: 30, seed: 11 });
    const a = freshDb();
    await recordEvents(a, events, { timeZone: TZ });
    await rebuildDerived(a, 'America/Los_Angeles');
    const b = freshDb();
    await recordEvents(b, events, { timeZone: 'America/Los_Angeles' });
    const sortById = <T extends { id: string }>(rows: T[]) =>
      rows.sort((x, y) => x.id.localeCompare(y.id));
    expect(sortById(await a.dayTotals.toArray())).toEqual(sortById(await b.dayTotals.toArray()));
    expect(sortById(await a.dayConversations.toArray())).toEqual(
      sortById(await b.dayConversations.toArray()),
    );
    expect(await storedDaily(a)).toEqual(naiveDaily(events, 'America/Los_Angeles'));
  });

  it('retention removes old events and their rollups, keeps titles of the rest', async () => {
    const db = freshDb();
    const events = generateEvents(400, { end: END, days: 60, seed: 5 });
    const keep = events[events.length - 1];
    await recordEvents(db, events, {
      timeZone: TZ,
      titles: new Map([[keep.conversation, 'Kept title']]),
    });
    const cutoff = END - 30 * 86_400_000;
    const removed = await pruneBefore(db, cutoff, TZ);
    const survivors = events.filter((e) => e.time >= cutoff);
    expect(removed).toBe(events.length - survivors.length);
    expect(await db.events.count()).toBe(survivors.length);
    expect(await storedDaily(db)).toEqual(naiveDaily(survivors, TZ));
    expect((await db.conversations.get(keep.conversation))?.title).toBe('Kept title');
  });

  it('delete everything empties every table', async () => {
    const db = freshDb();
    await recordEvents(db, generateEvents(20, { end: END, days: 2 }), { timeZone: TZ });
    await deleteEverything(db);
    for (const t of db.tables) expect(await t.count()).toBe(0);
  });
});

describe('loadDashboard', () => {
  it('matches an independent aggregation, from rollups and from events alike', async () => {
    const db = freshDb();
    const events = generateEvents(3_000, { end: END, days: 90, seed: 21 });
    await recordEvents(db, events, { timeZone: TZ });
    const calendar = { timeZone: TZ, weekStart: 1 as const };
    const dash = await loadDashboard(db, END, calendar);
    expect(dash.source).toBe('rollups');
    const sum = (from: number, to: number) =>
      events
        .filter((e) => e.time >= from && e.time < to)
        .reduce((a, e) => a + (e.costMicroUsd ?? 0), 0);
    for (const kind of ['day', 'week', 'month'] as const) {
      const p = periodContaining(kind, END, calendar);
      expect(dash.views[kind].summary.totals.costMicroUsd).toBe(sum(p.start, p.end));
    }
    const week = periodContaining('week', END, calendar);
    const naive = naiveDaily(events, TZ);
    expect(dash.views.week.daily).toEqual(week.days.map((d) => naive.get(d)?.cost ?? 0));
    // Another reader time zone: folded from events, still exact for that zone.
    const ny = { timeZone: 'America/New_York', weekStart: 7 as const };
    const dashNy = await loadDashboard(db, END, ny);
    expect(dashNy.source).toBe('events');
    const pNy = periodContaining('week', END, ny);
    expect(dashNy.views.week.summary.totals.costMicroUsd).toBe(sum(pNy.start, pNy.end));
    expect(dash.hasEvents).toBe(true);
    expect(dash.views.month.top.length).toBeGreaterThan(0);
    expect(dash.views.month.top[0].conversation?.site).toBe(
      dash.views.month.top[0].key.split('|')[0],
    );
  });
});
