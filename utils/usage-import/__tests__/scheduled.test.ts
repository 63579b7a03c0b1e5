import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configureHistory } from '@/utils/background/history';
import {
  RESCAN_ALARM,
  RESCAN_CHECK_MINUTES,
  rescanIfDue,
  setupFolderRescan,
} from '@/utils/background/folder-rescan';
import { FileImport, ImportTally } from '@/utils/core/imports';
import { getBundledCard } from '@/utils/core/ratecard';
import { HistoryDB } from '@/utils/db/schema';
import { folderRescanSettings, folderScans } from '@/utils/storage';
import {
  askFolderPermission,
  forgetFolder,
  keepFolder,
  listFolders,
  PermissionError,
  scanFolder,
  setFolderStore,
  type DirHandle,
  type FileHandle,
  type FolderRow,
} from '../folders';
import { rescanDue } from '../scheduled';
import { countEvents } from '@/utils/db/event-store';
import { readAllEvents } from '@/utils/db/export';

const FIXTURES = join(__dirname, '../../core/imports/__tests__/fixtures');
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 17, 12);

/**
 * A folder of the fixtures as a directory handle (a fake: Node has no File System Access API).
 * Counts files listed (getFile) and read (stream) across the whole tree.
 */
class FakeDir implements DirHandle {
  readonly kind = 'directory';
  permission: PermissionState = 'granted';
  asked = 0;
  listed = 0;
  reads = 0;
  /** Files added at the top after the grant. */
  extra = new Map<string, { text: string; lastModified: number }>();
  constructor(
    readonly name: string,
    readonly path: string,
    /** Which folder on disk it stands for (isSameEntry). */
    readonly entry: string = path,
    private readonly root?: FakeDir,
  ) {}
  async *values(): AsyncIterable<DirHandle | FileHandle> {
    const root = this.root ?? this;
    for (const name of readdirSync(this.path).sort()) {
      const path = join(this.path, name);
      if (statSync(path).isDirectory()) yield new FakeDir(name, path, path, root);
      else yield fileHandle(name, () => readFileSync(path, 'utf8'), 1_700_000_000_000, root);
    }
    if (!this.root)
      for (const [name, f] of this.extra)
        yield fileHandle(name, () => f.text, f.lastModified, root);
  }
  async queryPermission(): Promise<PermissionState> {
    return this.permission;
  }
  async requestPermission(): Promise<PermissionState> {
    this.asked++;
    return this.permission;
  }
  async isSameEntry(other: DirHandle): Promise<boolean> {
    return other instanceof FakeDir && other.entry === this.entry;
  }
}

function fileHandle(
  name: string,
  text: () => string,
  lastModified: number,
  root: FakeDir,
): FileHandle {
  return {
    kind: 'file',
    name,
    getFile: async () => {
      root.listed++;
      const file = new File([text()], name, { lastModified });
      const stream = file.stream.bind(file);
      file.stream = () => {
        root.reads++;
        return stream();
      };
      return file;
    },
  };
}

/** What the CLI counts for the same folder: the number a scan must store, once. */
function cliEvents(dir: string): number {
  const tally = new ImportTally();
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : n.endsWith('.jsonl') ? [p] : [];
    });
  for (const path of walk(dir)) {
    const f = new FileImport(path, { event: (e) => tally.add(e), refusal: () => {} });
    f.push(readFileSync(path));
    f.end();
  }
  return tally.summary().events;
}

let db: HistoryDB;
let now = T0;
let rows: Map<string, FolderRow>;

beforeEach(() => {
  fakeBrowser.reset();
  now = T0;
  db = new HistoryDB(`rescan-${Math.random().toString(36).slice(2)}`);
  configureHistory({ db: () => db, now: () => now, getCard: async () => getBundledCard() });
  rows = new Map();
  setFolderStore({
    all: async () => [...rows.values()],
    get: async (name) => rows.get(name),
    put: async (row) => void rows.set(row.name, row),
    delete: async (name) => void rows.delete(name),
  });
});
afterEach(async () => {
  setFolderStore(undefined);
  await db.delete();
});

describe('rescanDue', () => {
  it.each([
    ['off', null, 0, false],
    ['hourly', null, 0, true],
    ['hourly', T0 - 30 * 60_000, T0, false],
    ['hourly', T0 - 56 * 60_000, T0, true],
    ['daily', T0 - 23 * HOUR, T0, false],
    ['daily', T0 - 24 * HOUR, T0, true],
    // The clock went back: a last scan "in the future" does not block scans for days.
    ['daily', T0 + 5 * HOUR, T0, true],
  ] as const)('%s, last %s, now %s → %s', (interval, last, at, due) => {
    expect(rescanDue(interval, last, at)).toBe(due);
  });
});

describe('scheduled folder re-scans', () => {
  const claude = join(FIXTURES, 'claude/projects');

  it('the alarm checks every 15 minutes; a scan runs only when due, and reads only new or changed files', async () => {
    const dir = new FakeDir('projects', claude);
    await keepFolder(dir);
    await folderRescanSettings.setValue({ interval: 'hourly' });
    setupFolderRescan();
    const alarm = await fakeBrowser.alarms.get(RESCAN_ALARM);
    expect(alarm?.periodInMinutes).toBe(RESCAN_CHECK_MINUTES);

    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await vi.waitFor(async () => expect((await folderScans.getValue()).lastScanAt).toBe(T0), {
      timeout: 20_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the alarm's scan has returned
    const expected = cliEvents(claude);
    expect(expected).toBeGreaterThan(0);
    expect(await countEvents(db)).toBe(expected);
    expect((await folderScans.getValue()).folders.projects).toMatchObject({
      state: 'ok',
      files: 2,
      unchanged: 0,
      added: expected,
    });
    expect(dir.reads).toBe(2);
    const listed = dir.listed;

    // 30 minutes later: not due, nothing listed or read.
    now = T0 + 30 * 60_000;
    expect((await rescanIfDue()).lastScanAt).toBe(T0);
    expect(dir.listed).toBe(listed);

    // An hour later: due; both files unchanged, a new one read.
    now = T0 + HOUR;
    const line = readFileSync(
      join(claude, '-home-ana-shop/9ecb1d2e-5a7b-4c1e-9f00-aa11bb22cc33.jsonl'),
      'utf8',
    )
      .split('\n')
      .find((l) => l.includes('"usage"'))!
      .replace(/"id":"msg_[^"]+"/, '"id":"msg_new_in_scan"');
    dir.extra.set('new-session.jsonl', { text: `${line}\n`, lastModified: now });
    const second = await rescanIfDue();
    expect(second.lastScanAt).toBe(now);
    expect(second.folders.projects).toMatchObject({
      state: 'ok',
      files: 1,
      unchanged: 2,
      added: 1,
    });
    expect(dir.reads).toBe(3);
    expect(await countEvents(db)).toBe(expected + 1);

    // Off: never due.
    await folderRescanSettings.setValue({ interval: 'off' });
    now = T0 + 48 * HOUR;
    expect((await rescanIfDue()).lastScanAt).toBe(T0 + HOUR);
  });

  it('a folder whose permission was revoked: nothing read, nothing removed, "permission needed", never asked', async () => {
    const dir = new FakeDir('projects', claude);
    await keepFolder(dir);
    await folderRescanSettings.setValue({ interval: 'daily' });
    await rescanIfDue();
    const stored = await readAllEvents(db);
    expect(stored.length).toBeGreaterThan(0);

    dir.permission = 'prompt';
    const reads = dir.listed;
    now = T0 + 25 * HOUR;
    const scans = await rescanIfDue();
    expect(scans.folders.projects).toEqual({ at: now, state: 'permission' });
    expect(dir.asked).toBe(0);
    expect(dir.listed).toBe(reads);
    expect(await readAllEvents(db)).toEqual(stored);

    // Given back (the page asks in a click, then forces a scan): read again, nothing doubled.
    dir.permission = 'granted';
    const again = await rescanIfDue(true);
    expect(again.folders.projects).toMatchObject({ state: 'ok', added: 0 });
    expect(await countEvents(db)).toBe(stored.length);
  });

  it('two pages opening at once start one scan', async () => {
    const dir = new FakeDir('projects', claude);
    await keepFolder(dir);
    await folderRescanSettings.setValue({ interval: 'hourly' });
    const [a, b] = await Promise.all([rescanIfDue(), rescanIfDue()]);
    expect(a).toEqual(b);
    expect(dir.reads).toBe(2);
    expect(await countEvents(db)).toBe(cliEvents(claude));
  });

  it('the same folder granted twice: one entry, one scan, no double count', async () => {
    const first = new FakeDir('projects', claude);
    const second = new FakeDir('projects', claude);
    expect(await keepFolder(first)).toBe('projects');
    expect(await keepFolder(second)).toBe('projects');
    expect(await listFolders()).toEqual(['projects']);
    await folderRescanSettings.setValue({ interval: 'hourly' });
    const scans = await rescanIfDue();
    expect(Object.keys(scans.folders)).toEqual(['projects']);
    expect(await countEvents(db)).toBe(cliEvents(claude));
  });

  it('the same files under two kept names (a browser without isSameEntry) still count once', async () => {
    const a = new FakeDir('projects', claude, 'a');
    const b = new FakeDir('projects', claude, 'b');
    await keepFolder(a);
    await keepFolder(b);
    expect(await listFolders()).toEqual(['projects', 'projects (2)']);
    await folderRescanSettings.setValue({ interval: 'hourly' });
    const scans = await rescanIfDue();
    expect(scans.folders['projects (2)']).toMatchObject({ state: 'ok', added: 0 });
    expect(await countEvents(db)).toBe(cliEvents(claude));
  });
});

describe('re-scan on demand (the options page, in a click)', () => {
  const claude = join(FIXTURES, 'claude/projects');

  it('a revoked folder is asked for again; refused, it throws PermissionError and reads nothing', async () => {
    const dir = new FakeDir('projects', claude);
    await keepFolder(dir);
    dir.permission = 'denied';
    await expect(scanFolder('projects')).rejects.toBeInstanceOf(PermissionError);
    expect(dir.asked).toBe(1);
    expect(dir.listed).toBe(0);
    expect(await askFolderPermission('projects')).toBe(false);
    dir.permission = 'granted';
    expect(await askFolderPermission('projects')).toBe(true);
    expect((await scanFolder('projects')).map((f) => f.name)).toEqual([
      '-home-ana-shop/1f0e4c3b-0000-4d4d-8e8e-123456789abc.jsonl',
      '-home-ana-shop/9ecb1d2e-5a7b-4c1e-9f00-aa11bb22cc33.jsonl',
    ]);
  });

  it('forgetting a folder drops the grant only: its imported usage stays in the history', async () => {
    const dir = new FakeDir('projects', claude);
    await keepFolder(dir);
    await folderRescanSettings.setValue({ interval: 'hourly' });
    await rescanIfDue();
    const count = await countEvents(db);
    expect(count).toBeGreaterThan(0);
    await forgetFolder('projects');
    expect(await listFolders()).toEqual([]);
    expect(await countEvents(db)).toBe(count);
  });
});
