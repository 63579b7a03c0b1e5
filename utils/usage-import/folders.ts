/**
 * Folders the user granted (Chromium's File System Access API, feature-checked): their handles
 * are kept in the options page's own small database so "re-scan" works without picking again.
 * Reading asks the browser for permission each time (a revoked grant says so). Firefox has no
 * such API: there the page offers file and folder pickers and drag and drop only.
 */
import Dexie, { type Table } from 'dexie';
import { isImportableName } from '@/utils/core/imports';
import type { UsageFile } from './run';

/** The parts of the File System Access API used here (not in every TypeScript DOM lib). */
export interface DirHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirHandle | FileHandle>;
  queryPermission?(o: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(o: { mode: 'read' }): Promise<PermissionState>;
  isSameEntry?(other: DirHandle): Promise<boolean>;
}
export interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}

export interface FolderRow {
  name: string;
  handle: DirHandle;
  grantedAt: number;
}

/** Where the handles are kept; replaceable in tests (a fake handle cannot be stored in IndexedDB). */
export interface FolderStore {
  all(): Promise<FolderRow[]>;
  get(name: string): Promise<FolderRow | undefined>;
  put(row: FolderRow): Promise<void>;
  delete(name: string): Promise<void>;
}

class FoldersDB extends Dexie {
  folders!: Table<FolderRow, string>;
  constructor() {
    super('token-meter-granted-folders');
    this.version(1).stores({ folders: '&name' });
  }
}

function dexieStore(): FolderStore {
  const db = new FoldersDB();
  return {
    all: () => db.folders.toArray(),
    get: (name) => db.folders.get(name),
    put: async (row) => void (await db.folders.put(row)),
    delete: (name) => db.folders.delete(name),
  };
}

let store: FolderStore | undefined;
const folders = (): FolderStore => (store ??= dexieStore());
/** Tests: keep handles in `s` instead (undefined: back to the page's database). */
export function setFolderStore(s: FolderStore | undefined): void {
  store = s;
}

export const canGrantFolders = (): boolean =>
  typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';

/** Ask for a folder and keep it; the same folder granted twice is kept once. */
export async function grantFolder(): Promise<string | null> {
  const pick = (globalThis as unknown as { showDirectoryPicker: (o: object) => Promise<DirHandle> })
    .showDirectoryPicker;
  let handle: DirHandle;
  try {
    handle = await pick({ mode: 'read', id: 'token-meter-usage' });
  } catch {
    return null;
  }
  return keepFolder(handle);
}

/** Keep a directory handle for re-scans; one already kept (the same entry) keeps its name. */
export async function keepFolder(handle: DirHandle): Promise<string> {
  for (const row of await folders().all()) {
    if (await row.handle.isSameEntry?.(handle).catch(() => false)) return row.name;
  }
  let name = handle.name;
  for (let n = 2; await folders().get(name); n++) name = `${handle.name} (${n})`;
  await folders().put({ name, handle, grantedAt: Date.now() });
  return name;
}

export async function listFolders(): Promise<string[]> {
  return (await folders().all()).map((r) => r.name);
}

export async function forgetFolder(name: string): Promise<void> {
  await folders().delete(name);
}

/**
 * Every importable file of a granted folder; throws a PermissionError when the permission is not
 * (or no longer) given. `ask`: request it when it is not granted (a page, in a click); a
 * scheduled scan only queries it and never asks.
 */
export async function scanFolder(name: string, { ask = true } = {}): Promise<UsageFile[]> {
  const row = await folders().get(name);
  if (!row) throw new Error(name);
  const queried = await row.handle.queryPermission?.({ mode: 'read' });
  const state =
    queried === 'granted'
      ? 'granted'
      : ask
        ? await row.handle.requestPermission?.({ mode: 'read' })
        : queried;
  if (state !== 'granted') throw new PermissionError(name);
  const out: UsageFile[] = [];
  const walk = async (dir: DirHandle, prefix: string) => {
    for await (const entry of dir.values()) {
      const path = `${prefix}${entry.name}`;
      if (entry.kind === 'directory') await walk(entry, `${path}/`);
      else if (isImportableName(entry.name)) {
        const file = await entry.getFile();
        out.push(fromFile(file, `${name}|${path}`, path));
      }
    }
  };
  await walk(row.handle, '');
  return out;
}

export class PermissionError extends Error {}

export function fromFile(file: File, id: string, name = file.name): UsageFile {
  return {
    id,
    name,
    size: file.size,
    lastModified: file.lastModified,
    stream: (start = 0) => (start ? file.slice(start) : file).stream(),
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  };
}

/** Files and folders dropped on the page (FileSystemEntry API: Chromium and Firefox). */
export async function droppedFiles(items: DataTransferItemList): Promise<UsageFile[]> {
  const entries = [...items]
    .map((i) => i.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => Boolean(e));
  const out: UsageFile[] = [];
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = `${prefix}${entry.name}`;
    if (entry.isFile) {
      const file = await new Promise<File>((ok, fail) =>
        (entry as FileSystemFileEntry).file(ok, fail),
      );
      if (!prefix || isImportableName(entry.name))
        out.push(fromFile(file, `dropped|${path}`, path));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((ok, fail) =>
        reader.readEntries(ok, fail),
      );
      if (batch.length === 0) break;
      for (const child of batch) await visit(child, `${path}/`);
    }
  };
  for (const entry of entries) await visit(entry, '');
  return out;
}

/** Ask again for a kept folder's permission (in a click); true when it is granted. */
export async function askFolderPermission(name: string): Promise<boolean> {
  const row = await folders().get(name);
  if (!row) return false;
  return (await row.handle.requestPermission?.({ mode: 'read' })) === 'granted';
}
