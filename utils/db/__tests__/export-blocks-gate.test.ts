import { afterEach, describe, expect, it } from 'vitest';
import {
  BLOCKS_COMPLETE,
  blocksState,
  refreshExportBlocks,
  type RebuildGate,
} from '@/utils/db/export-blocks';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { generateEvents } from './generate';

const NOW = Date.UTC(2026, 11, 6, 12);
const TZ = 'Europe/Berlin';
const dbs: HistoryDB[] = [];

/** A history of 1,200 events over 12 days, none of whose export blocks is built yet. */
async function history(): Promise<HistoryDB> {
  const db = new HistoryDB(`gate-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  await recordEvents(db, generateEvents(1_200, { end: NOW, days: 12, seed: 3 }), {
    timeZone: TZ,
  });
  return db;
}

afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

describe('the export blocks rebuild behind a gate (pages opening)', () => {
  it('starts no step before the gate opens', async () => {
    const db = await history();
    const before = await blocksState(db);
    expect(before.stale.length).toBeGreaterThan(5);
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const gate: RebuildGate = { ready: () => opened, running: () => undefined };
    const run = refreshExportBlocks(db, { chunk: 200, gate });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await blocksState(db)).toEqual(before);
    expect(await db.exportBlocks.count()).toBe(0);
    open();
    await run;
    expect(await blocksState(db)).toEqual({ ...BLOCKS_COMPLETE, large: [] });
  });

  it('a step stopped half-way is rolled back, run again, and the blocks end as without stops', async () => {
    const plain = await history();
    await refreshExportBlocks(plain, { chunk: 200 });
    const expected = await plain.exportBlocks.toArray();
    expect(expected.length).toBeGreaterThan(5);

    const db = await history();
    const before = await blocksState(db);
    let stop: (() => void) | null = null;
    let stops = 0;
    let steps = 0;
    // Stop the first step at its first block write (inside its transaction), and the fourth.
    db.exportBlocks.hook('creating', () => {
      if ((steps === 1 || steps === 4) && stops < steps && stop) {
        stops++;
        stop();
      }
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const gate: RebuildGate = {
      ready: () => (stops === 1 && steps === 1 ? held : Promise.resolve()),
      running(s) {
        stop = s;
        if (s) steps++;
      },
    };
    const run = refreshExportBlocks(db, { chunk: 200, gate });
    // Held after the first stop: nothing of the stopped step was kept.
    for (let i = 0; i < 100 && stops === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(stops).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await blocksState(db)).toEqual(before);
    expect(await db.exportBlocks.count()).toBe(0);
    release();
    await run;
    expect(stops).toBe(2);
    expect(await blocksState(db)).toEqual({ ...BLOCKS_COMPLETE, large: [] });
    expect(await db.exportBlocks.toArray()).toEqual(expected);
  });

  it('an error that is not a stop still fails the rebuild', async () => {
    const db = await history();
    db.exportBlocks.hook('creating', () => {
      throw new Error('disk full');
    });
    const gate: RebuildGate = { ready: async () => undefined, running: () => undefined };
    await expect(refreshExportBlocks(db, { chunk: 200, gate })).rejects.toThrow('disk full');
  });
});
