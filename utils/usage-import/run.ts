/**
 * The options page's import of agent logs and usage reports: each file streamed through the
 * same parser as the CLI (utils/core/imports), its events sent to the background in batches
 * (`importUsage`), which prices and stores them. One batch is in flight while the next is read
 * (the page parses while the background stores), and batches are sent one after the other. A
 * file already read whole, with the same size and date, is skipped (a re-scan reads only new or
 * changed files); a file is marked read with the batch that holds its last events.
 *
 * A batch that ends inside a file carries that file's checkpoint (utils/core/imports
 * FileCheckpoint: the offset of the last line read and its parser's state), stored in the same
 * transaction. An import stopped there (cancelled, the page closed, the worker gone) goes on
 * from the checkpoint next time, after checking the file is the same (size, date, a hash of its
 * first bytes and of the bytes before the offset); otherwise, or for a format that keeps no
 * checkpoint (JSON reports, CSV), the file is read again whole and what was stored comes back
 * as duplicates. Nothing is counted twice either way.
 */
import {
  FileImport,
  type FileCheckpoint,
  type ImportEvent,
  type Refusal,
} from '@/utils/core/imports';
import type { ImportFileRow, StoredCheckpoint } from '@/utils/db/types';
import { ReadAhead } from './read-ahead';

/** A file to import: a `File`, or one found in a granted folder (same shape). */
export interface UsageFile {
  /** `${root}|${path}`: stable across scans of the same folder. */
  id: string;
  name: string;
  size: number;
  lastModified: number;
  /** The file's bytes from `start` (default 0) to its end. */
  stream(start?: number): ReadableStream<Uint8Array>;
  /** The bytes of [start, end). */
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface UsageImportProgress {
  filesDone: number;
  filesTotal: number;
  /** Files skipped because they were read before, unchanged. */
  unchanged: number;
  bytesDone: number;
  bytesTotal: number;
  added: number;
  replaced: number;
  duplicates: number;
  refused: number;
}

export interface UsageImportResult extends UsageImportProgress {
  /** The first refusals (file, line, reason). */
  refusals: Refusal[];
  fileErrors: { file: string; error: string }[];
  cancelled: boolean;
  /** Files an earlier import stopped in, read on from their checkpoint. */
  resumed: number;
  /** Bytes of those files not read again. */
  resumedBytes: number;
  /** Files an earlier import stopped in that changed since (or whose checkpoint did not fit): read again whole. */
  restarted: number;
}

export type SendBatch = (req: {
  events: ImportEvent[];
  files?: ImportFileRow[];
}) => Promise<{ added: number; replaced: number; duplicates: number; refused: number }>;

export interface UsageImportOptions {
  send: SendBatch;
  /** Files read before (from `importFiles`), by id; rows with a checkpoint were read in part. */
  known?: ReadonlyMap<
    string,
    { size: number; lastModified: number; checkpoint?: StoredCheckpoint }
  >;
  onProgress?: (p: UsageImportProgress) => void;
  signal?: AbortSignal;
  /**
   * Events per message (and transaction). A message also goes when `batch` × 2 KB of the files
   * were read since the last: parsers that hold replies back (Claude Code keeps up to 20,000)
   * would otherwise checkpoint a long file only every 20,000 replies.
   */
  batch?: number;
  now?: () => number;
}

const MAX_REFUSALS = 50;
/**
 * 10,000 events is ~3.5 MB of message and one transaction of ~40 blocks. Against 5,000, a 1 GB
 * Claude Code import in Chromium took 54–59 s instead of 65–76 s (same CPU time: the page and
 * the background wait on each other less often); 20,000 was no better.
 */
export const DEFAULT_BATCH = 10_000;
const BYTES_PER_EVENT = 2048;
/** File rows of finished files sent at most in one message (files without events add none). */
const MAX_ROWS = 500;
/** Bytes hashed at the start of a file and before a checkpoint's offset. */
const HASH_BYTES = 4096;
/** Files opened and read ahead of the one being parsed, and bytes read ahead in each. */
const AHEAD_FILES = 4;
const AHEAD_BYTES = 2 * 1024 * 1024;

export async function runUsageImport(
  files: readonly UsageFile[],
  options: UsageImportOptions,
): Promise<UsageImportResult> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const now = options.now ?? Date.now;
  const fresh = files.filter((f) => {
    const k = options.known?.get(f.id);
    return !k || k.checkpoint || k.size !== f.size || k.lastModified !== f.lastModified;
  });
  const r = startResult(fresh, files.length - fresh.length);

  let pending: ImportEvent[] = [];
  let rows: ImportFileRow[] = [];
  let sentAt = 0;
  const full = () =>
    pending.length >= batch ||
    rows.length >= MAX_ROWS ||
    r.bytesDone - sentAt >= batch * BYTES_PER_EVENT;
  /**
   * The batch being stored. The next is sent only once it is answered, so batches are stored in
   * order and a checkpoint never lands before the events read ahead of it; a failed batch stops
   * the import at the next send (or at the end), and what was read after it is read again next
   * time from the last stored checkpoint.
   */
  let inFlight: Promise<void> | null = null;
  const settle = async () => {
    const sending = inFlight;
    inFlight = null;
    if (sending) await sending;
  };
  /** Send what is pending, with the rows of finished files and the current file's checkpoint. */
  const flush = async (current?: { file: UsageFile; parser: FileImport }) => {
    const cp = current ? current.parser.checkpoint() : null;
    if (cp && current) rows.push(await checkpointRow(current.file, cp, now()));
    sentAt = r.bytesDone;
    if (pending.length === 0 && rows.length === 0) return;
    const events = pending;
    const files = rows;
    pending = [];
    rows = [];
    await settle();
    inFlight = options.send({ events, files: files.length ? files : undefined }).then((res) => {
      r.added += res.added;
      r.replaced += res.replaced;
      r.duplicates += res.duplicates;
      r.refused += res.refused;
    });
    // Not awaited here; handled so a failure is reported once, by settle().
    inFlight.catch(() => undefined);
  };
  const sink = {
    event: (e: ImportEvent) => void pending.push(e),
    refusal: (x: Refusal) => {
      r.refused++;
      if (r.refusals.length < MAX_REFUSALS) r.refusals.push(x);
    },
  };
  const readers = fileReaders(fresh, options.known);
  try {
    for (const [i, file] of fresh.entries()) {
      if (options.signal?.aborted) break;
      const { parser, start, before } = await openFile(file, options.known, sink, r);
      const source = readers.take(i, start);
      // Bytes not read again count neither for progress left nor for the next message.
      r.bytesDone += start;
      sentAt += start;
      const ok = await readFile(file, source, parser, r, options, () =>
        full() ? flush({ file, parser }) : Promise.resolve(),
      );
      if (!ok) continue;
      if (options.signal?.aborted) {
        // What was read is stored, with the file's checkpoint: the next import goes on from there.
        await flush({ file, parser });
        await settle();
        break;
      }
      rows.push(...finish(file, parser, before, r, now()));
      if (full()) await flush();
      r.filesDone++;
      options.onProgress?.({ ...r });
    }
  } finally {
    readers.close();
  }
  await flush();
  await settle();
  r.cancelled = options.signal?.aborted ?? false;
  return r;
}

/**
 * Readers of the files in import order. Taking file `i`'s reader opens the next few files,
 * those read from their start, and reads them ahead while file `i` is parsed.
 */
function fileReaders(
  files: readonly UsageFile[],
  known: UsageImportOptions['known'],
): { take(i: number, start: number): ReadAhead; close(): void } {
  const ahead = new Map<number, ReadAhead>();
  return {
    take(i, start) {
      const early = ahead.get(i);
      ahead.delete(i);
      const file = files[i];
      const reader =
        start === 0 && early ? early : new ReadAhead(() => file.stream(start), AHEAD_BYTES);
      if (reader !== early) void early?.cancel();
      for (let j = i + 1; j < Math.min(files.length, i + 1 + AHEAD_FILES); j++) {
        const next = files[j];
        if (!ahead.has(j) && !known?.get(next.id)?.checkpoint)
          ahead.set(j, new ReadAhead(() => next.stream(), AHEAD_BYTES));
      }
      return reader;
    },
    close() {
      for (const early of ahead.values()) void early.cancel();
      ahead.clear();
    },
  };
}

/** The result before anything is read. */
function startResult(fresh: readonly UsageFile[], unchanged: number): UsageImportResult {
  return {
    filesDone: 0,
    filesTotal: fresh.length,
    unchanged,
    bytesDone: 0,
    bytesTotal: fresh.reduce((n, f) => n + f.size, 0),
    added: 0,
    replaced: 0,
    duplicates: 0,
    refused: 0,
    refusals: [],
    fileErrors: [],
    cancelled: false,
    resumed: 0,
    resumedBytes: 0,
    restarted: 0,
  };
}

/** The file read to its end: its counts into the result, and its row (none when refused whole). */
function finish(
  file: UsageFile,
  parser: FileImport,
  before: number,
  r: UsageImportResult,
  importedAt: number,
): ImportFileRow[] {
  const result = parser.end();
  // Repeats within the file; those before a checkpoint were counted by the import that stopped.
  r.duplicates += result.duplicates - before;
  if (result.error) r.fileErrors.push({ file: file.name, error: result.error });
  if (result.error && result.events === 0) return [];
  const { size, lastModified } = file;
  return [{ id: file.id, size, lastModified, events: result.events, importedAt }];
}

/** A parser for the file: from its checkpoint when the file is the one it was taken on. */
async function openFile(
  file: UsageFile,
  known: UsageImportOptions['known'],
  sink: { event(e: ImportEvent): void; refusal(x: Refusal): void },
  r: UsageImportResult,
): Promise<{ parser: FileImport; start: number; before: number }> {
  const saved = known?.get(file.id)?.checkpoint;
  if (saved) {
    try {
      if (saved.offset <= file.size && (await fingerprint(file, saved.offset)) === saved.hash) {
        const parser = FileImport.resume(file.name, sink, saved);
        r.resumed++;
        r.resumedBytes += saved.offset;
        return { parser, start: saved.offset, before: saved.counts.duplicates };
      }
    } catch {
      // An unreadable file or a checkpoint this code does not know: read it whole.
    }
    r.restarted++;
  }
  return { parser: new FileImport(file.name, sink), start: 0, before: 0 };
}

async function checkpointRow(
  file: UsageFile,
  cp: FileCheckpoint,
  importedAt: number,
): Promise<ImportFileRow> {
  return {
    id: file.id,
    size: file.size,
    lastModified: file.lastModified,
    events: cp.counts.events,
    importedAt,
    checkpoint: { ...cp, hash: await fingerprint(file, cp.offset) },
  };
}

/**
 * What identifies the bytes a checkpoint was taken on: SHA-256 of the file's size, date, first
 * 4 KB and the 4 KB before `offset`. A file that changed in between (even appended to: its
 * date changes) is read again whole.
 */
async function fingerprint(file: UsageFile, offset: number): Promise<string> {
  const head = await file.read(0, Math.min(HASH_BYTES, offset));
  const tail = await file.read(Math.max(0, offset - HASH_BYTES), offset);
  const meta = new TextEncoder().encode(`${file.size}|${file.lastModified}|${offset}|`);
  const all = new Uint8Array(meta.length + head.length + tail.length);
  all.set(meta);
  all.set(head, meta.length);
  all.set(tail, meta.length + head.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stream one file (from where `reader` starts) into its parser; false when it could not be read (noted in the result). */
async function readFile(
  file: UsageFile,
  reader: ReadAhead,
  parser: FileImport,
  r: UsageImportResult,
  options: UsageImportOptions,
  flushIfFull: () => Promise<void>,
): Promise<boolean> {
  for (;;) {
    if (options.signal?.aborted) {
      await reader.cancel().catch(() => undefined);
      return true;
    }
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      r.fileErrors.push({ file: file.name, error: `unreadable: ${(error as Error).message}` });
      return false;
    }
    if (chunk.done) return true;
    parser.push(chunk.value);
    r.bytesDone += chunk.value.byteLength;
    if (parser.stopped) {
      // Refused as a whole (binary, say): the rest is not read; it may be gigabytes.
      await reader.cancel().catch(() => undefined);
      return true;
    }
    // A batch the background could not store stops the import (it is not the file's fault):
    // the file keeps its last stored checkpoint (or none), so the next run goes on from there.
    try {
      await flushIfFull();
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    options.onProgress?.({ ...r });
  }
}
