// Hostile input, the history importer: damaged and forged copies of a real export
// file. No exception escapes `parseImport`; a refused file says why and that nothing was
// imported; an accepted one imports through the background's writer without touching a single
// row that was stored before.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBundledCard } from '@/utils/core/ratecard';
import { configureHistory, importHistory } from '@/utils/background/history';
import { HistoryDB } from '@/utils/db/schema';
import { buildExportJson, parseImport } from '@/utils/db/transfer';
import { recordEvents } from '@/utils/db/write';
import type { StoredEvent } from '@/utils/db/types';
import { generateEvents } from './generate';
import { damagedCopy } from '../../core/__tests__/mutate';
import { countEvents } from '@/utils/db/event-store';
import { readAllEvents } from '@/utils/db/export';

const END = Date.UTC(2026, 6, 1);
export const IMPORTER_RUNS = 400;

describe('importer on damaged real exports', () => {
  const db = new HistoryDB(`hardening-import-${Math.random().toString(36).slice(2)}`);
  let stored: StoredEvent[];
  const source = buildExportJson(
    generateEvents(60, { end: END, days: 10, seed: 3 }).map((e, i) =>
      i === 0 ? { ...e, text: { prompt: 'p', reply: 'r' } } : e,
    ),
    [['chatgpt|conv-1', 'A title']],
    END,
  );

  beforeAll(async () => {
    configureHistory({ db: () => db, now: () => END, getCard: async () => getBundledCard() });
    // What the user already has: it must survive every import below, row for row.
    await recordEvents(db, generateEvents(200, { end: END, days: 30, seed: 77 }), {
      timeZone: 'UTC',
    });
    stored = await readAllEvents(db);
  });
  afterAll(async () => {
    await db.delete();
  });

  it('the undamaged file is accepted (the properties below start from a valid file)', () => {
    const result = parseImport(source);
    expect(result.ok).toBe(true);
  });

  it(`never throws, refuses with a reason, and loses no stored row (${IMPORTER_RUNS} files)`, async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(damagedCopy(source), async ({ text }) => {
        const result = parseImport(text);
        if (!result.ok) {
          refused++;
          expect(result.error).toMatch(/Nothing was imported\.$/);
          return;
        }
        accepted++;
        const before = await countEvents(db);
        const { added, duplicates } = await importHistory(result.data.events, result.data.titles);
        expect(added + duplicates).toBe(result.data.events.length);
        expect(await countEvents(db)).toBe(before + added);
      }),
      { numRuns: IMPORTER_RUNS, seed: 8 },
    );
    // Both outcomes were exercised (a property that only ever refused would prove little).
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
    const now = new Map((await readAllEvents(db)).map((e) => [e.id, e]));
    for (const row of stored) expect(now.get(row.id)).toEqual(row);
    // No row was written from a forged key: nothing on any prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('time');
  }, 120_000);
});
