import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getBundledCard } from '@/utils/core/ratecard';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { calendarSettings, dashboardKey, dashboardSnapshot } from '@/utils/storage';
import { generateEvents } from '../../../db/__tests__/generate';
import { calendar, configureHistory } from '../deps';

/** The export blocks' rebuild, held until the test lets it end (at 1M events it takes minutes). */
const rebuild = vi.hoisted(() => {
  const r = { calls: 0, end: () => {}, scheduled: [] as (number | undefined)[] };
  return r;
});
vi.mock('../export-blocks', async (original) => ({
  ...(await original<typeof import('../export-blocks')>()),
  runExportBlocks: () => {
    rebuild.calls++;
    return new Promise<void>((resolve) => {
      rebuild.end = resolve;
    });
  },
  scheduleExportBlocks: (delayMs?: number) => {
    rebuild.scheduled.push(delayMs);
  },
}));

const { maintain } = await import('../maintenance');
const { STARTUP_BLOCKS_DELAY_MS } = await import('../export-blocks');

const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 17, 12); // Wednesday 17 June 2026
let db: HistoryDB;
let now = NOW;

beforeEach(async () => {
  db = new HistoryDB(`maint-${Math.random().toString(36).slice(2)}`);
  now = NOW;
  rebuild.calls = 0;
  rebuild.scheduled = [];
  configureHistory({ db: () => db, now: () => now, getCard: async () => getBundledCard() });
  await calendarSettings.setValue({ weekStart: 'monday' });
  await recordEvents(db, generateEvents(300, { end: NOW, days: 20, seed: 5 }), { timeZone: TZ });
});
afterEach(async () => {
  rebuild.end();
  await db.delete();
});

describe('maintenance', () => {
  it("at the worker's start, leaves the export blocks' rebuild for later, after the numbers", async () => {
    await dashboardSnapshot.setValue(null);
    await maintain('start');
    expect(rebuild.calls).toBe(0);
    expect(rebuild.scheduled).toEqual([STARTUP_BLOCKS_DELAY_MS]);
    expect((await dashboardSnapshot.getValue())?.key).toBe(dashboardKey(now, await calendar()));
  });

  it("moves the popup's numbers to the new day before the export blocks' rebuild ends", async () => {
    await dashboardSnapshot.setValue(null);
    // The next day: the old snapshot's key no longer fits, so the popup needs a fresh one.
    now = NOW + DAY;
    const done = maintain();
    await vi.waitFor(() => expect(rebuild.calls).toBe(1));
    const snap = await dashboardSnapshot.getValue();
    expect(snap?.key).toBe(dashboardKey(now, await calendar()));
    let ended = false;
    void done.then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    rebuild.end();
    await done;
    expect(ended).toBe(true);
  });
});
