import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { watchDashboard } from '@/components/popup/dashboard-store';
import { watchNumbers, type NumbersStore } from '@/components/popup/numbers-store';
import { createSnapshotKeeper } from '@/utils/background/history/snapshot';
import { configureHistory, dashboardKeeper, recordTurn } from '@/utils/background/history';
import { periodContaining } from '@/utils/core/aggregate';
import { getBundledCard } from '@/utils/core/ratecard';
import type { TurnEvent } from '@/utils/core/types';
import {
  dashboardKey,
  dashboardSnapshot,
  type DashboardSnapshot,
  calendarSettings,
  resolveCalendar,
} from '@/utils/storage';
import { loadDashboard } from '@/utils/db/queries';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { generateEvents } from '../../../db/__tests__/generate';

const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const NOW = Date.UTC(2026, 5, 17, 12); // Wednesday 17 June 2026
const DAY = 86_400_000;
const LOCALE = 'en-US';
const calendar = (weekStart: 'monday' | 'sunday' = 'monday') => resolveCalendar(weekStart, LOCALE);

let db: HistoryDB;
let now = NOW;
beforeEach(async () => {
  db = new HistoryDB(`snap-${Math.random().toString(36).slice(2)}`);
  now = NOW;
  await calendarSettings.setValue({ weekStart: 'monday' });
  await recordEvents(db, generateEvents(1_500, { end: NOW, days: 70, seed: 11 }), {
    timeZone: TZ,
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const keeper = () =>
  createSnapshotKeeper({ db: () => db, now: () => now, calendar: async () => calendar() });

describe('the background keeps the popup snapshot', () => {
  it('stores exactly what the full query computes, keyed by periods, zone and week start', async () => {
    expect(await keeper().refresh()).toBe(true);
    const snap = (await dashboardSnapshot.getValue())!;
    expect(snap.key).toBe(dashboardKey(NOW, calendar()));
    // Through JSON, as extension storage keeps it.
    expect(JSON.parse(JSON.stringify(snap.dashboard))).toEqual(
      JSON.parse(JSON.stringify(await loadDashboard(db, NOW, calendar()))),
    );
  });

  it('withdraws the snapshot before a write and stores the new numbers after it', async () => {
    const k = keeper();
    await k.refresh();
    let seenDuringWrite: DashboardSnapshot | null | undefined;
    const [turn] = generateEvents(1, { end: NOW, days: 0.01, seed: 3 });
    await k.change(async () => {
      seenDuringWrite = await dashboardSnapshot.getValue();
      await recordEvents(db, [{ ...turn, key: 'fresh' }], { timeZone: TZ });
    });
    expect(seenDuringWrite).toBeNull();
    await k.schedule(0);
    const snap = (await dashboardSnapshot.getValue())!;
    expect(snap.dashboard.views.day.summary.totals.events).toBe(
      (await loadDashboard(db, NOW, calendar())).views.day.summary.totals.events,
    );
  });

  it('drops a snapshot computed before a write that started meanwhile', async () => {
    const k = keeper();
    const stored: (DashboardSnapshot | null)[] = [];
    const unwatch = dashboardSnapshot.watch((v) => stored.push(v));
    const [turn] = generateEvents(1, { end: NOW, days: 0.01, seed: 4 });
    // A refresh reads, then a change starts before it stores.
    const early = k.refresh();
    const write = k.change(() => recordEvents(db, [{ ...turn, key: 'late' }], { timeZone: TZ }));
    expect(await early).toBe(false);
    await write;
    await k.schedule(0);
    unwatch();
    const expected = (await loadDashboard(db, NOW, calendar())).views.day.summary.totals.events;
    const last = stored.at(-1)!;
    expect(last.dashboard.views.day.summary.totals.events).toBe(expected);
    // No snapshot one write behind was ever stored.
    for (const s of stored)
      if (s) expect(s.dashboard.views.day.summary.totals.events).toBe(expected);
  });

  it('recordTurn leaves a snapshot with the new turn in it', async () => {
    configureHistory({ db: () => db, now: () => now, getCard: async () => getBundledCard() });
    const turn: TurnEvent = {
      key: 'chatgpt|snap|1|h',
      site: 'chatgpt',
      conversationId: 'snap',
      turnIndex: 0,
      time: NOW - 1_000,
      modelLabel: 'GPT-5',
      model: 'openai/gpt-5',
      input: { tokens: 1_000, provenance: 'exact', family: 'o200k_base' },
      output: { tokens: 100, provenance: 'exact', family: 'o200k_base' },
      reasoning: { tokens: 0, provenance: 'unknown', family: 'o200k_base' },
    };
    await recordTurn(turn);
    await dashboardKeeper.schedule(0);
    const snap = (await dashboardSnapshot.getValue())!;
    const fresh = await loadDashboard(db, NOW, calendar());
    expect(snap.dashboard.views.week.summary.totals).toEqual(fresh.views.week.summary.totals);
    expect(snap.dashboard.views.day.top.map((s) => s.key)).toContain('chatgpt|snap');
  });
});

describe('the popup reads the snapshot first', () => {
  let store: NumbersStore | undefined;
  afterEach(() => store?.stop());

  const open = (at: number, queryOnly = false) => {
    const startQuery = vi.fn(async (n: number, locale: string) => watchDashboard(db, n, locale));
    store = watchNumbers(at, LOCALE, { startQuery, queryOnly });
    return startQuery;
  };
  const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

  it('shows a snapshot that fits without starting the query', async () => {
    await keeper().refresh();
    const startQuery = open(NOW + 3_600_000); // an hour later, same day
    await until(() => store!.getSnapshot().dashboard !== undefined);
    expect(store!.getSnapshot().from).toBe('snapshot');
    expect(startQuery).not.toHaveBeenCalled();
  });

  it('queries when the snapshot is for another day, then takes a fitting one', async () => {
    await keeper().refresh();
    const next = NOW + DAY;
    const startQuery = open(next);
    await until(() => store!.getSnapshot().from === 'query');
    expect(startQuery).toHaveBeenCalledTimes(1);
    const queried = store!.getSnapshot().dashboard!;
    expect(queried.views.day.summary.period.days).toEqual(['2026-06-18']);
    // The background saw the day change.
    now = next;
    await keeper().refresh();
    await until(() => store!.getSnapshot().from === 'snapshot');
    expect(store!.getSnapshot().dashboard!.views.day.summary.period.days).toEqual(['2026-06-18']);
  });

  it('queries when the week-start setting is not the snapshot’s', async () => {
    await keeper().refresh(); // Monday weeks
    await calendarSettings.setValue({ weekStart: 'sunday' });
    const startQuery = open(NOW);
    await until(() => store!.getSnapshot().from === 'query');
    expect(startQuery).toHaveBeenCalled();
    expect(store!.getSnapshot().dashboard!.views.week.summary.period.days[0]).toBe('2026-06-14');
  });

  it('queries when there is no snapshot, and on request', async () => {
    const first = open(NOW);
    await until(() => store!.getSnapshot().from === 'query');
    expect(first).toHaveBeenCalledTimes(1);
    store!.stop();
    await keeper().refresh();
    const second = open(NOW, true);
    await until(() => store!.getSnapshot().from === 'query');
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('takes the snapshot and setting already read (the popup reads them with its other items)', async () => {
    await keeper().refresh();
    const firstRead = Promise.all([dashboardSnapshot.getValue(), calendarSettings.getValue()]);
    await firstRead;
    const snapshotRead = vi.spyOn(dashboardSnapshot, 'getValue');
    const settingRead = vi.spyOn(calendarSettings, 'getValue');
    const startQuery = vi.fn(async (n: number, locale: string) => watchDashboard(db, n, locale));
    store = watchNumbers(NOW, LOCALE, { startQuery, firstRead });
    await until(() => store!.getSnapshot().from === 'snapshot');
    expect(startQuery).not.toHaveBeenCalled();
    expect(snapshotRead).not.toHaveBeenCalled();
    expect(settingRead).not.toHaveBeenCalled();
    store.stop();

    // On request, the query even when the read brought a snapshot that fits.
    store = watchNumbers(NOW, LOCALE, { startQuery, firstRead, queryOnly: true });
    await until(() => store!.getSnapshot().from === 'query');
    expect(startQuery).toHaveBeenCalledTimes(1);
  });
});

describe('the background refreshes the snapshot on its own', () => {
  it('at midnight (an alarm at the next local day) and when the week start changes', async () => {
    const { setupHistory } = await import('@/utils/background/history');
    configureHistory({ db: () => db, now: () => now, getCard: async () => getBundledCard() });
    setupHistory();
    await vi.waitFor(async () =>
      expect((await dashboardSnapshot.getValue())?.key).toBe(dashboardKey(NOW, calendar())),
    );
    const alarm = await fakeBrowser.alarms.get('history-day');
    const midnight = periodContaining('day', NOW, calendar()).end;
    expect(alarm?.scheduledTime).toBe(midnight + 1_000);

    // The clock passes midnight and the alarm fires: a snapshot for the new day.
    now = midnight + 1_000;
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await vi.waitFor(async () =>
      expect((await dashboardSnapshot.getValue())?.key).toBe(dashboardKey(now, calendar())),
    );

    // The week start changes: a snapshot with the new weeks.
    await calendarSettings.setValue({ weekStart: 'sunday' });
    await vi.waitFor(async () =>
      expect((await dashboardSnapshot.getValue())?.key).toBe(dashboardKey(now, calendar('sunday'))),
    );
  });
});

describe('the popup while the background writes', () => {
  it('keeps the shown numbers while the snapshot is withdrawn, then shows the new ones', async () => {
    const k = keeper();
    await k.refresh();
    const startQuery = vi.fn(async (n: number, locale: string) => watchDashboard(db, n, locale));
    const store = watchNumbers(NOW, LOCALE, { startQuery });
    try {
      await vi.waitFor(() => expect(store.getSnapshot().from).toBe('snapshot'));
      const before = store.getSnapshot().dashboard!.views.day.summary.totals.events;
      const [turn] = generateEvents(1, { end: NOW, days: 0.01, seed: 8 });
      await k.change(async () => {
        // Withdrawn: the popup still shows the last numbers and starts no query.
        await vi.waitFor(() => expect(store.getSnapshot().dashboard).toBeDefined());
        await recordEvents(db, [{ ...turn, key: 'during' }], { timeZone: TZ });
      });
      expect(store.getSnapshot().from).toBe('snapshot');
      await k.schedule(0);
      await vi.waitFor(() =>
        expect(store.getSnapshot().dashboard!.views.day.summary.totals.events).toBe(before + 1),
      );
      expect(startQuery).not.toHaveBeenCalled();
    } finally {
      store.stop();
    }
  });
});
