import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  applyRetention,
  configureHistory,
  deleteHistory,
  flushPendingTurns,
  recordTurn,
} from '@/utils/background/history';
import { createPendingQueue, MAX_PENDING } from '@/utils/background/history/pending';
import { getBundledCard } from '@/utils/core/ratecard';
import { HistoryDB } from '@/utils/db/schema';
import type { StoredEvent } from '@/utils/db/types';
import { historyHealth, retentionSettings } from '@/utils/storage';
import { pendingTurns } from '@/utils/storage/state/background';
import { generateEvents } from '../../../db/__tests__/generate';
import { turnMaker } from './turns';

const NOW = Date.UTC(2026, 5, 17, 12);
let db: HistoryDB;

beforeEach(() => {
  db = new HistoryDB(`pending-${Math.random().toString(36).slice(2)}`);
  configureHistory({ db: () => db, now: () => NOW, getCard: async () => getBundledCard() });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const turn = turnMaker(NOW - 60_000, { input: 1_000, output: 200 });

/** The disk is full for every write until `free()` is called. */
function fillDisk() {
  const spy = vi
    .spyOn(db.events, 'bulkAdd')
    .mockRejectedValue(new Dexie.QuotaExceededError('QuotaExceededError: quota exceeded'));
  return { free: () => spy.mockRestore() };
}

describe('turns refused by a full disk', () => {
  it('are kept aside, reported, and saved once at the next stored turn', async () => {
    const disk = fillDisk();
    const a = turn();
    const b = turn();
    expect(await recordTurn(a)).toMatchObject({ stored: false, queued: true });
    expect(await recordTurn(b)).toMatchObject({ stored: false, queued: true });
    // The content script retries the same turn: still one waiting copy.
    expect(await recordTurn(a)).toMatchObject({ stored: false });
    expect((await pendingTurns.getValue()).events.map((e) => e.key)).toEqual([a.key, b.key]);
    const health = await historyHealth.getValue();
    expect(health).toMatchObject({ quotaExceededAt: NOW, pendingTurns: 2, unsavedTurns: 0 });
    expect(await fakeBrowser.alarms.get('history-retry')).toBeDefined();
    expect(await db.events.count()).toBe(0);

    disk.free();
    const c = turn();
    expect(await recordTurn(c)).toMatchObject({ stored: true });
    await vi.waitFor(async () => expect(await db.events.count()).toBe(3));
    expect((await db.events.toArray()).map((e) => e.key).sort()).toEqual(
      [a.key, b.key, c.key].sort(),
    );
    await vi.waitFor(async () =>
      expect(await historyHealth.getValue()).toMatchObject({
        quotaExceededAt: null,
        pendingTurns: 0,
      }),
    );
    expect((await pendingTurns.getValue()).events).toEqual([]);
    expect(await fakeBrowser.alarms.get('history-retry')).toBeUndefined();
    // Costs and conversation totals count each turn once.
    const conv = await db.conversations.get('chatgpt|c1');
    expect(conv?.events).toBe(3);
  });

  it('are saved by the retry alarm without a new turn, and never twice', async () => {
    const disk = fillDisk();
    const a = turn();
    await recordTurn(a);
    // Still full: the retry keeps them.
    expect(await flushPendingTurns()).toEqual({ saved: 0, waiting: 1 });
    disk.free();
    expect(await flushPendingTurns()).toEqual({ saved: 1, waiting: 0 });
    expect(await flushPendingTurns()).toEqual({ saved: 0, waiting: 0 });
    expect(await db.events.count()).toBe(1);
  });

  it('a waiting turn that was in fact stored is skipped by its key', async () => {
    const a = turn();
    await recordTurn(a);
    const disk = fillDisk();
    await recordTurn({ ...a }); // e.g. the page re-sent it while the disk was full
    disk.free();
    await flushPendingTurns();
    expect(await db.events.count()).toBe(1);
  });

  it('retention that frees space saves them', async () => {
    // An old event that retention (1 month) removes.
    await recordTurn(turn({ time: NOW - 90 * 86_400_000 }));
    const disk = fillDisk();
    await recordTurn(turn());
    disk.free();
    await retentionSettings.setValue({ months: 1 });
    expect(await applyRetention()).toBe(1);
    expect(await db.events.count()).toBe(1);
    expect((await pendingTurns.getValue()).events).toEqual([]);
  });

  it('"delete everything" deletes them too', async () => {
    fillDisk();
    await recordTurn(turn());
    vi.restoreAllMocks();
    await deleteHistory();
    expect((await pendingTurns.getValue()).events).toEqual([]);
    expect((await historyHealth.getValue()).pendingTurns).toBe(0);
  });
});

describe('the pending queue', () => {
  const events = (n: number, seed: number): StoredEvent[] =>
    generateEvents(n, { end: NOW, days: 1, seed });

  it('keeps at most MAX_PENDING turns and says how many it kept', async () => {
    const queue = createPendingQueue({ write: async () => undefined, isQuotaError: () => true });
    expect(await queue.add(events(MAX_PENDING - 1, 1))).toEqual({
      kept: MAX_PENDING - 1,
      refused: 0,
    });
    expect(await queue.add(events(5, 2))).toEqual({ kept: 1, refused: 4 });
    expect(await queue.count()).toBe(MAX_PENDING);
  });

  it('keeps them in memory when extension storage refuses them too', async () => {
    const written: StoredEvent[][] = [];
    const queue = createPendingQueue({
      write: async (e) => void written.push(e),
      isQuotaError: () => true,
    });
    vi.spyOn(pendingTurns, 'setValue').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    expect(await queue.add(events(3, 3))).toEqual({ kept: 3, refused: 0 });
    expect(await queue.count()).toBe(3);
    expect(await queue.flush()).toEqual({ saved: 3, waiting: 0 });
    expect(written[0]).toHaveLength(3);
  });

  it('rethrows errors other than a full disk and keeps the turns', async () => {
    const queue = createPendingQueue({
      write: async () => {
        throw new Error('database closed');
      },
      isQuotaError: () => false,
    });
    await queue.add(events(2, 4));
    await expect(queue.flush()).rejects.toThrow(/database closed/);
    expect(await queue.count()).toBe(2);
  });
});
