import type { DBCore, Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureHistory, importUsage, recordTurn } from '@/utils/background/history';
import { repriceCache, repriceHistory } from '@/utils/background/history/reprice';
import { REPRICE_CACHE_SIZE, repriceSource } from '@/utils/background/history/reprice-cache';
import { repriceEvents } from '@/utils/core/aggregate';
import {
  getBundledCard,
  priceUsage,
  type PriceOverrides,
  type RateCard,
} from '@/utils/core/ratecard';
import { blocksOf, eventsBetween } from '@/utils/db/event-store';
import { historyRevision } from '@/utils/db/revision';
import { HistoryDB } from '@/utils/db/schema';
import type { StoredEvent } from '@/utils/db/types';
import { generateEvents } from '../../../db/__tests__/generate';
import { turnMaker } from './turns';

const NOW = Date.UTC(2026, 8, 2, 12); // a Wednesday, after DeepSeek's 2026-08-17 price change
const DAY = 86_400_000;
const WEEK = { start: NOW - 7 * DAY, end: NOW + 1 };
const TARGET = 'deepseek/deepseek-chat';
const req = (partial: Partial<Parameters<typeof repriceHistory>[0]> = {}) => ({
  model: TARGET,
  profile: 'latin' as const,
  ...WEEK,
  ...partial,
});

let db: HistoryDB;
let card: RateCard;
let overrides: PriceOverrides;
/** Reads of the event tables since the test began (a DBCore middleware counts them). */
let reads = 0;

const countReads: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'count-event-reads',
  create: (down) => ({
    ...down,
    table(name) {
      const table = down.table(name);
      if (name !== 'events' && name !== 'eventBlocks') return table;
      const counted =
        <A extends unknown[], R>(fn: (...args: A) => R) =>
        (...args: A) => {
          reads++;
          return fn(...args);
        };
      return {
        ...table,
        get: counted(table.get),
        getMany: counted(table.getMany),
        query: counted(table.query),
        openCursor: counted(table.openCursor),
        count: counted(table.count),
      };
    },
  }),
};

/** Imported agent usage with cache classes, in blocks as imports store it. */
function agentEvents(count: number, seed: number, end = NOW): StoredEvent[] {
  return generateEvents(count, { end, days: 14, seed }).map((e, i) => ({
    ...e,
    key: `import|claude-code|s${seed}|${i}`,
    site: 'claude-code',
    model: e.model === null ? null : 'anthropic/claude-sonnet-4-5',
    input: { ...e.input, family: 'import:claude-code', provenance: 'site' },
    imported: {
      source: 'claude-code',
      agent: 'claude-code',
      project: '/p',
      session: e.conversationId,
      cacheRead: e.input.tokens * 9,
      cacheWrite5m: Math.round(e.input.tokens / 10),
      cacheWrite1h: i % 3,
      requests: 1,
      period: null,
      costKind: e.costMicroUsd === null ? 'unpriced' : 'api',
      statedMicroUsd: null,
    },
  }));
}

beforeEach(async () => {
  db = new HistoryDB(`reprice-${Math.random().toString(36).slice(2)}`);
  db.use(countReads);
  card = getBundledCard();
  overrides = {};
  configureHistory({
    db: () => db,
    now: () => NOW,
    getCard: async () => card,
    getOverrides: async () => overrides,
  });
  repriceCache.clear();
  await db.events.bulkAdd(generateEvents(1_500, { end: NOW, days: 14, seed: 3 }));
  await db.eventBlocks.bulkAdd(blocksOf(agentEvents(800, 4)));
  reads = 0;
});
afterEach(async () => {
  await db.delete();
});

/** The answer computed the straightforward way: every event read and priced by priceUsage. */
async function straightforward(r: ReturnType<typeof req>) {
  const events = await eventsBetween(db, r.start, r.end);
  const model = card.models.find((m) => m.id === r.model);
  const result = repriceEvents(events.map(repriceSource), r.model, r.profile, (m, u, at) => {
    const p = priceUsage(card, m, u, { overrides, at });
    return p.priced && p.currency === 'USD' ? p.costMicros : null;
  });
  return { ...result, modelName: model?.name ?? null };
}

describe('repriceHistory', () => {
  it('equals the straightforward computation on chat turns and agent usage, several targets', async () => {
    for (const model of [
      TARGET,
      'anthropic/claude-sonnet-4-6',
      'openai/gpt-5',
      'google/gemini-2.5-pro',
    ])
      for (const profile of ['latin', 'cjk'] as const) {
        const r = req({ model, profile });
        expect(await repriceHistory(r), model).toEqual(await straightforward(r));
      }
    expect((await repriceHistory(req())).cache.read).toBeGreaterThan(0);
  });

  it('answers a repeated request, and one whose end moved with no event between, without reading', async () => {
    const first = await repriceHistory(req());
    expect(reads).toBeGreaterThan(0);
    expect(first.events).toBeGreaterThan(500);
    reads = 0;
    expect(await repriceHistory(req())).toEqual(first);
    // The popup's next opening: `end` is now + 1, a few minutes later.
    expect(await repriceHistory(req({ end: WEEK.end + 300_000 }))).toEqual(first);
    expect(reads).toBe(0);
  });

  it('reads again once `end` takes in an event stored after the earlier answer’s end', async () => {
    // Events ahead of the popup's `end` (a clock set wrong, a log from another machine): a chat
    // row, an imported event in the same day's block, and one in a later day's block.
    const ahead = [NOW + 3_600_000, NOW + 7_200_000, NOW + DAY];
    const [row] = generateEvents(1, { end: NOW, days: 1, seed: 9 });
    await db.events.add({ ...row, key: 'ahead', time: ahead[0] });
    const agents = agentEvents(2, 10).map((e, i) => ({ ...e, time: ahead[i + 1] }));
    await db.eventBlocks.bulkAdd(blocksOf(agents));
    let previous = await repriceHistory(req());
    for (const time of ahead) {
      reads = 0;
      expect(await repriceHistory(req({ end: time }))).toEqual(previous);
      expect(reads).toBe(0);
      const later = await repriceHistory(req({ end: time + 1 }));
      expect(reads).toBeGreaterThan(0);
      expect(later.events).toBe(previous.events + 1);
      expect(later).toEqual(await straightforward(req({ end: time + 1 })));
      previous = later;
    }
  });

  it('a recorded turn, an import or a deletion makes the next answer fresh and correct', async () => {
    const turn = turnMaker(NOW - 60_000, { input: 50_000, output: 3_000 });
    const before = await repriceHistory(req());
    await recordTurn(turn());
    const afterTurn = await repriceHistory(req());
    expect(afterTurn.events).toBe(before.events + 1);
    expect(afterTurn).toEqual(await straightforward(req()));

    await importUsage(
      [
        {
          key: 'claude-code|reprice-cache',
          source: 'claude-code',
          agent: 'claude-code',
          project: '/p',
          session: 's',
          model: 'claude-sonnet-4-5',
          time: NOW - 3_600_000,
          tokens: {
            input: 2_000,
            cacheRead: 90_000,
            cacheWrite5m: 300,
            cacheWrite1h: 0,
            output: 800,
            reasoning: 0,
          },
          requests: 1,
          cost: null,
        },
      ],
      undefined,
    );
    const afterImport = await repriceHistory(req());
    expect(afterImport.events).toBe(afterTurn.events + 1);
    expect(afterImport).toEqual(await straightforward(req()));

    await db.events
      .where('time')
      .above(NOW - DAY)
      .delete();
    const afterDelete = await repriceHistory(req());
    expect(afterDelete.events).toBeLessThan(afterImport.events);
    expect(afterDelete).toEqual(await straightforward(req()));
  });

  it('a write by another Dexie connection to the database makes the next answer fresh', async () => {
    const first = await repriceHistory(req());
    const other = new HistoryDB(db.name);
    await other.events.add({
      ...generateEvents(1, { end: NOW, days: 1, seed: 5 })[0],
      key: 'other',
    });
    other.close();
    const next = await repriceHistory(req());
    expect(next.events).toBe(first.events + 1);
    expect(next).toEqual(await straightforward(req()));
  });

  it('a write another context announces (Dexie’s BroadcastChannel message) makes it fresh', async () => {
    // What another page's Dexie posts after a write: captured from a write here, to another
    // database, before the answer is computed.
    const listener = new BroadcastChannel('x-storagemutated-1');
    const posted: Record<string, unknown>[] = [];
    listener.onmessage = (ev) => posted.push(ev.data);
    const elsewhere = new HistoryDB(`${db.name}-elsewhere`);
    await elsewhere.events.add({ ...generateEvents(1, { end: NOW, days: 1, seed: 6 })[0] });
    await vi.waitFor(() => expect(posted.length).toBeGreaterThan(0));
    await elsewhere.delete();
    listener.close();
    const message = Object.fromEntries(
      Object.entries(posted[0]).map(([part, range]) => [
        part.replace(elsewhere.name, db.name),
        range,
      ]),
    );

    const first = await repriceHistory(req());
    // The other context's write itself, through IndexedDB (this context's Dexie does not see it).
    await rawAdd({ ...generateEvents(1, { end: NOW, days: 1, seed: 7 })[0], key: 'raw' });
    expect(await repriceHistory(req())).toEqual(first); // not announced yet: still the answer kept
    const revision = historyRevision();
    const sender = new BroadcastChannel('x-storagemutated-1');
    sender.postMessage(message);
    await vi.waitFor(() => expect(historyRevision()).not.toBe(revision));
    sender.close();
    const next = await repriceHistory(req());
    expect(next.events).toBe(first.events + 1);
    expect(next).toEqual(await straightforward(req()));
  });

  it('a new rate card, or a new price of the user’s for the target, makes the next answer fresh', async () => {
    const first = await repriceHistory(req());
    // A synced card with DeepSeek's current input price doubled.
    card = structuredClone(getBundledCard());
    const offer = card.models.find((m) => m.id === TARGET)!.offers.default!;
    offer.prices = { ...offer.prices, input: offer.prices.input * 2 };
    reads = 0;
    const newCard = await repriceHistory(req());
    expect(reads).toBeGreaterThan(0);
    expect(newCard.costMicroUsd).toBeGreaterThan(first.costMicroUsd!);
    expect(newCard).toEqual(await straightforward(req()));

    // A price of the user's for another model changes nothing here: the answer is kept.
    overrides = { 'openai/gpt-5': { prices: { input: 1, output: 2 } } };
    reads = 0;
    expect(await repriceHistory(req())).toEqual(newCard);
    expect(reads).toBe(0);
    overrides = { ...overrides, [TARGET]: { prices: { input: 0.1, output: 0.2 } } };
    const own = await repriceHistory(req());
    expect(reads).toBeGreaterThan(0);
    expect(own.costMicroUsd).not.toBe(newCard.costMicroUsd);
    expect(own).toEqual(await straightforward(req()));
  });

  it('keeps at most REPRICE_CACHE_SIZE answers, the least recently asked going first', async () => {
    const models = card.models.slice(0, REPRICE_CACHE_SIZE + 1).map((m) => m.id);
    for (const model of models) await repriceHistory(req({ model }));
    reads = 0;
    await repriceHistory(req({ model: models[models.length - 1] }));
    expect(reads).toBe(0);
    await repriceHistory(req({ model: models[0] }));
    expect(reads).toBeGreaterThan(0);
  });
});

/** Add an event row through IndexedDB itself, as a context with its own connection would. */
async function rawAdd(event: StoredEvent): Promise<void> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(db.name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(['events'], 'readwrite');
    tx.objectStore('events').add(event);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}
