import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchDashboard, type DashboardStore } from '@/components/popup/dashboard-store';
import type { Dashboard } from '@/utils/db/queries';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { calendarSettings } from '@/utils/storage';
import { generateEvents } from '../../../utils/db/__tests__/generate';

const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const NOW = Date.UTC(2026, 5, 17, 12); // Wednesday 17 June 2026
// en-US weeks start on Sunday: a "monday" setting differs from the locale's week.
const LOCALE = 'en-US';

/** A localStorage stand-in. */
function memoryCache(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

let db: HistoryDB;
let store: DashboardStore | undefined;
/** Every dashboard the store published, in order. */
let published: Dashboard[];

beforeEach(async () => {
  db = new HistoryDB(`test-store-${Math.random().toString(36).slice(2)}`);
  await recordEvents(db, generateEvents(2_000, { end: NOW, days: 40, seed: 5 }), {
    timeZone: TZ,
  });
  published = [];
  performance.clearMarks();
});
afterEach(async () => {
  store?.stop();
  store = undefined;
  await db.delete();
});

function start(cache?: ReturnType<typeof memoryCache>) {
  store = watchDashboard(db, NOW, LOCALE, cache);
  store.subscribe(() => {
    const d = store!.getSnapshot().dashboard;
    if (d && d !== published.at(-1)) published.push(d);
  });
  return store;
}

async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const queries = () => performance.getEntriesByName('tm-query-start').length;

describe('the popup dashboard store', () => {
  it('queries once, with the week start from the setting, and remembers it', async () => {
    await calendarSettings.setValue({ weekStart: 'monday' });
    const cache = memoryCache();
    start(cache);
    await until(() => published.length > 0);
    expect(published[0].calendar).toEqual({ timeZone: TZ, weekStart: 1 });
    expect(published[0].views.week.summary.period.days[0]).toBe('2026-06-15');
    expect(queries()).toBe(1);
    expect(cache.items.get('tm.weekStart')).toBe('monday');
  });

  it('starts at once with the remembered week start, shows it once the setting agrees', async () => {
    let answer!: (v: { weekStart: 'monday' }) => void;
    vi.spyOn(calendarSettings, 'getValue').mockReturnValue(new Promise((r) => (answer = r)));
    start(memoryCache({ 'tm.weekStart': 'monday' }));
    // The query runs while the setting's read is still out; nothing is shown yet.
    await until(() => performance.getEntriesByName('tm-query-done').length === 1);
    expect(published).toEqual([]);
    answer({ weekStart: 'monday' });
    await until(() => published.length > 0);
    expect(published[0].calendar.weekStart).toBe(1);
    expect(queries()).toBe(1);
  });

  it('never shows numbers for a stale remembered week start', async () => {
    let answer!: (v: { weekStart: 'monday' }) => void;
    vi.spyOn(calendarSettings, 'getValue').mockReturnValue(new Promise((r) => (answer = r)));
    const cache = memoryCache({ 'tm.weekStart': 'sunday' });
    start(cache);
    // The guess's numbers are ready before the setting answers, and differ from it.
    await until(() => performance.getEntriesByName('tm-query-done').length === 1);
    answer({ weekStart: 'monday' });
    await until(() => published.length > 0);
    expect(published.map((d) => d.calendar.weekStart)).toEqual([1]);
    expect(queries()).toBe(2);
    expect(cache.items.get('tm.weekStart')).toBe('monday');
  });

  it('ignores a cache entry that is not a week start', async () => {
    start(memoryCache({ 'tm.weekStart': 'tuesday' }));
    expect(queries()).toBe(0);
    await until(() => published.length > 0);
    expect(published[0].calendar.weekStart).toBe(7); // the locale's (en-US: Sunday)
  });

  it('follows writes and a changed week start', async () => {
    await calendarSettings.setValue({ weekStart: 'monday' });
    start();
    await until(() => published.length > 0);
    const before = published[0].views.day.summary.totals.events;
    const [turn] = generateEvents(1, { end: NOW, days: 0.01, seed: 9 });
    await recordEvents(db, [{ ...turn, key: 'new-turn' }], { timeZone: TZ });
    await until(() => published.at(-1)!.views.day.summary.totals.events === before + 1);

    await calendarSettings.setValue({ weekStart: 'saturday' });
    await until(() => published.at(-1)!.calendar.weekStart === 6);
    expect(published.at(-1)!.views.week.summary.period.days[0]).toBe('2026-06-13');
  });

  it('reports a failing read instead of waiting forever', async () => {
    vi.spyOn(db, 'transaction').mockImplementation(() =>
      Dexie.Promise.reject(new Error('disk on fire')),
    );
    start();
    await until(() => store!.getSnapshot().error !== undefined);
    expect(store!.getSnapshot()).toEqual({ error: 'disk on fire' });
  });
});
