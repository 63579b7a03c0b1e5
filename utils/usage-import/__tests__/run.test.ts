import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileImport, ImportTally } from '@/utils/core/imports';
import { getBundledCard } from '@/utils/core/ratecard';
import { importedToStored } from '@/utils/background/history/imported';
import { HistoryDB, writeScope } from '@/utils/db/schema';
import { storeImported } from '@/utils/db/imports';
import { claudeSession, codexRollout } from '@/utils/core/imports/__tests__/generate';
import { runUsageImport, type SendBatch, type UsageFile } from '../run';
import { countEvents } from '@/utils/db/event-store';
import { readAllEvents } from '@/utils/db/export';

const ROOT = join(__dirname, '../../core/imports/__tests__/fixtures');
const card = getBundledCard();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('README.md') ? [] : [path];
  });
}
const PATHS = walk(ROOT).sort();

/** A file as the page gets it, streamed in small chunks; `read` counts the bytes streamed. */
function asFile(
  name: string,
  bytes: Uint8Array,
  chunk: number,
  read?: { bytes: number },
): UsageFile {
  return {
    id: `fixtures|${name}`,
    name,
    size: bytes.length,
    lastModified: 1,
    stream: (start = 0) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let at = start; at < bytes.length; at += chunk) {
            const piece = bytes.slice(at, Math.min(at + chunk, bytes.length));
            if (read) read.bytes += piece.length;
            c.enqueue(piece);
          }
          c.close();
        },
      }),
    read: async (start, end) => bytes.slice(start, end),
  };
}

/** Files as the page gets them, streamed in small chunks. */
function asFiles(paths: string[], chunk = 100, read?: { bytes: number }): UsageFile[] {
  return paths.map((path) =>
    asFile(relative(ROOT, path), new Uint8Array(readFileSync(path)), chunk, read),
  );
}

/** The fixtures plus two long sessions, so that batches end inside files. */
function longFiles(chunk: number, read?: { bytes: number }): UsageFile[] {
  return [
    ...asFiles(PATHS, chunk, read),
    asFile('claude/projects/-home-ana-shop/s-1.jsonl', claudeSession(24), chunk, read),
    asFile('codex/sessions/2025/10/01/rollout-x.jsonl', codexRollout(16), chunk, read),
  ];
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

/** What the history holds, to compare two imports. */
const rollupsOf = async (db: HistoryDB) => ({
  events: (await readAllEvents(db))
    .map(({ id: _id, ...e }) => e)
    .sort((a, b) => a.key.localeCompare(b.key)),
  importDays: await db.importDays.toArray(),
  dayTotals: await db.dayTotals.toArray(),
});

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
    expect(await countEvents(db)).toBe(tally.summary().events);
    expect(first.added).toBe(tally.summary().events);
    expect(first.filesDone).toBe(PATHS.length);
    expect(first.refusals.length).toBeGreaterThan(0);

    const known = new Map((await db.importFiles.toArray()).map((r) => [r.id, r]));
    const again = await runUsageImport(asFiles(PATHS), { send, known });
    expect(again).toMatchObject({ filesTotal: 0, unchanged: PATHS.length, added: 0 });
    const changed = asFiles(PATHS).map((f, i) => (i === 0 ? { ...f, lastModified: 2 } : f));
    const rescan = await runUsageImport(changed, { send, known });
    expect(rescan).toMatchObject({ filesTotal: 1, added: 0 });
    expect(await countEvents(db)).toBe(tally.summary().events);
  });

  it('reads the next batch while one is stored, never sending two at once', async () => {
    const { db, send } = backend();
    let progress = 0;
    let busy = 0;
    let most = 0;
    let readMeanwhile = 0;
    const slow: SendBatch = async (req) => {
      busy++;
      most = Math.max(most, busy);
      const before = progress;
      // The background takes a while: the runner goes on reading meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (progress > before) readMeanwhile++;
      try {
        return await send(req);
      } finally {
        busy--;
      }
    };
    const r = await runUsageImport(longFiles(64), {
      send: slow,
      batch: 4,
      onProgress: (p) => (progress = p.bytesDone),
    });
    expect(most).toBe(1);
    expect(readMeanwhile).toBeGreaterThan(5);
    const clean = backend();
    const c = await runUsageImport(longFiles(64), { send: clean.send, batch: 4 });
    expect(r).toEqual(c);
    expect(await countEvents(db)).toBe(await countEvents(clean.db));
    expect(await db.importDays.toArray()).toEqual(await clean.db.importDays.toArray());
  });

  it('opens and reads the next few files ahead; streams not read to their end are cancelled', async () => {
    /** Files whose streams say when they are opened, read to the end, or cancelled. */
    const watched = (files: UsageFile[]) => {
      const log = { open: 0, most: 0, ended: 0, cancelled: 0 };
      const wrapped = files.map((f) => ({
        ...f,
        stream: (start?: number) => {
          const reader = f.stream(start).getReader();
          log.open++;
          log.most = Math.max(log.most, log.open - log.ended - log.cancelled);
          return new ReadableStream<Uint8Array>(
            {
              async pull(c) {
                const r = await reader.read();
                if (r.done) {
                  log.ended++;
                  c.close();
                } else c.enqueue(r.value);
              },
              cancel: () => void log.cancelled++,
            },
            { highWaterMark: 0 },
          );
        },
      }));
      return { files: wrapped, log };
    };
    const { db, send } = backend();
    const all = watched(longFiles(64));
    const r = await runUsageImport(all.files, { send, batch: 4 });
    expect(all.log.open).toBe(all.files.length);
    expect(all.log.ended).toBe(all.files.length);
    // The one being read and up to four ahead.
    expect(all.log.most).toBeGreaterThan(1);
    expect(all.log.most).toBeLessThanOrEqual(5);
    const clean = backend();
    expect(r).toEqual(await runUsageImport(longFiles(64), { send: clean.send, batch: 4 }));
    expect(await rollupsOf(db)).toEqual(await rollupsOf(clean.db));

    // Stopped by a failed batch: the files opened ahead are cancelled, not left reading.
    const failing = watched(longFiles(64));
    let n = 0;
    const dying: SendBatch = async (req) => {
      if (++n === 3) throw new Error('Receiving end does not exist.');
      return backend().send(req);
    };
    await expect(runUsageImport(failing.files, { send: dying, batch: 4 })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(failing.log.open).toBeGreaterThan(1);
    expect(failing.log.ended + failing.log.cancelled).toBe(failing.log.open);
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
    const partial = await countEvents(db);
    const known = new Map((await db.importFiles.toArray()).map((x) => [x.id, x]));
    await runUsageImport(asFiles(PATHS), { send, known });
    const full = backend();
    await runUsageImport(asFiles(PATHS), { send: full.send });
    expect(await countEvents(db)).toBe(await countEvents(full.db));
    expect(partial).toBeLessThan(await countEvents(full.db));
  });
});

describe('an import stopped by force', () => {
  const rollups = async (db: HistoryDB) => ({
    events: (await readAllEvents(db))
      .map(({ id: _id, ...e }) => e)
      .sort((a, b) => a.key.localeCompare(b.key)),
    importDays: await db.importDays.toArray(),
    dayTotals: await db.dayTotals.toArray(),
    dayConversations: await db.dayConversations.toArray(),
    conversations: await db.conversations.toArray(),
  });

  it.each([1, 3, 8])(
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
      expect(resumed.unchanged).toBe([...known.values()].filter((x) => !x.checkpoint).length);
    },
  );

  /** One clean import of the long files, to compare with. */
  let cleanRollups: Awaited<ReturnType<typeof rollups>> | undefined;
  let batches = 0;
  const cleanImport = async () => {
    if (cleanRollups) return cleanRollups;
    const clean = backend();
    const counting: SendBatch = (req) => (batches++, clean.send(req));
    await runUsageImport(longFiles(64), { send: counting, batch: 4 });
    cleanRollups = await rollups(clean.db);
    return cleanRollups;
  };

  /**
   * Stop the import at batch `killAt` in one of three ways, then import again with what the
   * database holds: the rollups equal one clean import, and files stopped in mid-way go on from
   * their checkpoint (fewer bytes read than the whole).
   */
  const stopAndResume = async (killAt: number, how: 'before' | 'after' | 'inside') => {
    const { db, send } = backend();
    let n = 0;
    const dying: SendBatch = async (req) => {
      if (++n !== killAt) return send(req);
      if (how === 'before') throw new Error('Receiving end does not exist.');
      if (how === 'after') {
        // Stored, but the answer never came back (the worker stopped after its commit).
        await send(req);
        throw new Error('The message port closed before a response was received.');
      }
      // The worker dies inside the transaction, after the batch was written but before the
      // commit: the batch's transaction runs inside one that then fails, so all is rolled back.
      return db.transaction('rw', writeScope(db), async () => {
        await send(req);
        throw new Error('worker stopped');
      });
    };
    await expect(runUsageImport(longFiles(64), { send: dying, batch: 4 })).rejects.toThrow();
    const saved = await db.importFiles.toArray();
    const known = new Map(saved.map((x) => [x.id, x]));
    const read = { bytes: 0 };
    const again = await runUsageImport(longFiles(64, read), { send, known, batch: 4 });
    expect(await rollups(db)).toEqual(await cleanImport());
    const partial = saved.filter((x) => x.checkpoint);
    expect(again.resumed).toBe(partial.length);
    expect(again.restarted).toBe(0);
    const skipped = partial.reduce((b, x) => b + x.checkpoint!.offset, 0);
    expect(again.resumedBytes).toBe(skipped);
    const unread = saved.filter((x) => !x.checkpoint).length;
    expect(again.unchanged).toBe(unread);
    return { partial: partial.length, read: read.bytes };
  };

  it('stopped at every batch (before its commit, after it, inside it): resumed, equal to a clean import', async () => {
    await cleanImport();
    expect(batches).toBeGreaterThanOrEqual(15);
    let resumedSomewhere = 0;
    for (let killAt = 1; killAt <= batches; killAt++) {
      for (const how of ['before', 'after', 'inside'] as const) {
        const r = await stopAndResume(killAt, how);
        if (r.partial) resumedSomewhere++;
      }
    }
    expect(resumedSomewhere).toBeGreaterThan(batches);
  }, 120_000);

  it('a file changed since it was stopped in is read again whole; a cancelled file resumes', async () => {
    const { db, send } = backend();
    const controller = new AbortController();
    const first = await runUsageImport(longFiles(64), {
      send,
      batch: 4,
      signal: controller.signal,
      onProgress: (p) => p.bytesDone > 40_000 && controller.abort(),
    });
    expect(first.cancelled).toBe(true);
    const known = new Map((await db.importFiles.toArray()).map((x) => [x.id, x]));
    const stoppedIn = [...known.values()].filter((x) => x.checkpoint);
    expect(stoppedIn).toHaveLength(1);
    // Same size and date, other bytes before the offset: not the file the checkpoint was taken on.
    const files = longFiles(64).map((f) =>
      f.id === stoppedIn[0].id
        ? {
            ...f,
            read: async (start: number, end: number) =>
              (await f.read(start, end)).map((b, i) => (i === 0 ? b ^ 1 : b)),
          }
        : f,
    );
    const again = await runUsageImport(files, { send, known, batch: 4 });
    expect(again).toMatchObject({ resumed: 0, restarted: 1 });
    expect(await rollups(db)).toEqual(await cleanImport());
    expect((await db.importFiles.toArray()).some((x) => x.checkpoint)).toBe(false);
  });
});
