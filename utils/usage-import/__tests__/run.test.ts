import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileImport, ImportTally } from '@/utils/core/imports';
import { getBundledCard } from '@/utils/core/ratecard';
import { importedToStored } from '@/utils/background/history/imported';
import { HistoryDB } from '@/utils/db/schema';
import { storeImported } from '@/utils/db/imports';
import { runUsageImport, type SendBatch, type UsageFile } from '../run';

const ROOT = join(__dirname, '../../core/imports/__tests__/fixtures');
const card = getBundledCard();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('README.md') ? [] : [path];
  });
}
const PATHS = walk(ROOT).sort();

/** Files as the page gets them, streamed in small chunks. */
function asFiles(paths: string[], chunk = 100): UsageFile[] {
  return paths.map((path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const name = relative(ROOT, path);
    return {
      id: `fixtures|${name}`,
      name,
      size: bytes.length,
      lastModified: 1,
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            for (let at = 0; at < bytes.length; at += chunk) c.enqueue(bytes.slice(at, at + chunk));
            c.close();
          },
        }),
    };
  });
}

let opened: HistoryDB[] = [];
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});
function backend() {
  const db = new HistoryDB(`usage-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  const send: SendBatch = ({ events, files }) =>
    storeImported(
      db,
      events.map((e) => importedToStored(e, card)),
      { timeZone: 'UTC', files },
    ).then((r) => ({ ...r, refused: 0 }));
  return { db, send };
}

describe('the options page import', () => {
  it('stores what the CLI counts; a re-scan reads only new or changed files', async () => {
    const tally = new ImportTally();
    for (const path of PATHS) {
      const f = new FileImport(path, { event: (e) => void tally.add(e), refusal: () => {} });
      f.push(readFileSync(path));
      f.end();
    }
    const { db, send } = backend();
    const first = await runUsageImport(asFiles(PATHS), { send, batch: 4 });
    expect(await db.events.count()).toBe(tally.summary().events);
    expect(first.added).toBe(tally.summary().events);
    expect(first.filesDone).toBe(PATHS.length);
    expect(first.refusals.length).toBeGreaterThan(0);

    const known = new Map((await db.importFiles.toArray()).map((r) => [r.id, r]));
    const again = await runUsageImport(asFiles(PATHS), { send, known });
    expect(again).toMatchObject({ filesTotal: 0, unchanged: PATHS.length, added: 0 });
    const changed = asFiles(PATHS).map((f, i) => (i === 0 ? { ...f, lastModified: 2 } : f));
    const rescan = await runUsageImport(changed, { send, known });
    expect(rescan).toMatchObject({ filesTotal: 1, added: 0 });
    expect(await db.events.count()).toBe(tally.summary().events);
  });

  it('cancel stops between chunks; the next run finishes without counting twice', async () => {
    const { db, send } = backend();
    const controller = new AbortController();
    const r = await runUsageImport(asFiles(PATHS, 50), {
      send,
      batch: 2,
      signal: controller.signal,
      onProgress: (p) => p.bytesDone > 3_000 && controller.abort(),
    });
    expect(r.cancelled).toBe(true);
    expect(r.filesDone).toBeLessThan(PATHS.length);
    const partial = await db.events.count();
    const known = new Map((await db.importFiles.toArray()).map((x) => [x.id, x]));
    await runUsageImport(asFiles(PATHS), { send, known });
    const full = backend();
    await runUsageImport(asFiles(PATHS), { send: full.send });
    expect(await db.events.count()).toBe(await full.db.events.count());
    expect(partial).toBeLessThan(await full.db.events.count());
  });
});

describe('an import stopped by force', () => {
  const rollups = async (db: HistoryDB) => ({
    events: (await db.events.toArray())
      .map(({ id: _id, ...e }) => e)
      .sort((a, b) => a.key.localeCompare(b.key)),
    importDays: await db.importDays.toArray(),
    dayTotals: await db.dayTotals.toArray(),
    dayConversations: await db.dayConversations.toArray(),
    conversations: await db.conversations.toArray(),
  });

  it.each([1, 3, 8, 20])(
    'the background gone at batch %i (mid-file): nothing half-written; run again, it equals a clean import',
    async (killAt) => {
      const { db, send } = backend();
      let n = 0;
      const dying: SendBatch = async (req) => {
        // The message fails as when the worker is stopped (a batch that fails inside its
        // transaction is utils/db/__tests__/imports.test.ts's).
        if (++n === killAt)
          throw new Error('Could not establish connection. Receiving end does not exist.');
        return send(req);
      };
      await expect(runUsageImport(asFiles(PATHS, 64), { send: dying, batch: 3 })).rejects.toThrow(
        /Receiving end/,
      );
      // What was stored is whole batches: the rollups agree with the events stored so far.
      const partial = await rollups(db);
      const check = backend();
      await storeImported(check.db, partial.events, { timeZone: 'UTC' });
      expect((await rollups(check.db)).importDays).toEqual(partial.importDays);
      expect((await rollups(check.db)).dayTotals).toEqual(partial.dayTotals);

      const known = new Map((await db.importFiles.toArray()).map((x) => [x.id, x]));
      const resumed = await runUsageImport(asFiles(PATHS), { send, known });
      const clean = backend();
      await runUsageImport(asFiles(PATHS), { send: clean.send });
      expect(await rollups(db)).toEqual(await rollups(clean.db));
      expect(resumed.unchanged).toBe(known.size);
    },
  );
});
