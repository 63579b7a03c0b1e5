/**
 * The options page's import of agent logs and usage reports: each file streamed through the
 * same parser as the CLI (utils/core/imports), its events sent to the background in batches
 * (`importUsage`), which prices and stores them. A file already read whole, with the same size
 * and date, is skipped (a re-scan reads only new or changed files); a file is marked read with
 * its last batch. Cancelling stops between chunks: what was sent is stored (whole batches), the
 * current file is not marked, so the next run reads it again and its stored events come back as
 * duplicates.
 */
import { FileImport, type ImportEvent, type Refusal } from '@/utils/core/imports';
import type { ImportFileRow } from '@/utils/db/types';

/** A file to import: a `File`, or one found in a granted folder (same shape). */
export interface UsageFile {
  /** `${root}|${path}`: stable across scans of the same folder. */
  id: string;
  name: string;
  size: number;
  lastModified: number;
  stream(): ReadableStream<Uint8Array>;
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
}

export type SendBatch = (req: {
  events: ImportEvent[];
  files?: ImportFileRow[];
}) => Promise<{ added: number; replaced: number; duplicates: number; refused: number }>;

export interface UsageImportOptions {
  send: SendBatch;
  /** Files read before (from `importFiles`), by id. */
  known?: ReadonlyMap<string, { size: number; lastModified: number }>;
  onProgress?: (p: UsageImportProgress) => void;
  signal?: AbortSignal;
  batch?: number;
  now?: () => number;
}

const MAX_REFUSALS = 50;

export async function runUsageImport(
  files: readonly UsageFile[],
  options: UsageImportOptions,
): Promise<UsageImportResult> {
  const batch = options.batch ?? 5_000;
  const fresh = files.filter((f) => {
    const k = options.known?.get(f.id);
    return !k || k.size !== f.size || k.lastModified !== f.lastModified;
  });
  const r: UsageImportResult = {
    filesDone: 0,
    filesTotal: fresh.length,
    unchanged: files.length - fresh.length,
    bytesDone: 0,
    bytesTotal: fresh.reduce((n, f) => n + f.size, 0),
    added: 0,
    replaced: 0,
    duplicates: 0,
    refused: 0,
    refusals: [],
    fileErrors: [],
    cancelled: false,
  };
  let pending: ImportEvent[] = [];
  const flush = async (done?: ImportFileRow) => {
    if (pending.length === 0 && !done) return;
    const events = pending;
    pending = [];
    const res = await options.send({ events, files: done ? [done] : undefined });
    r.added += res.added;
    r.replaced += res.replaced;
    r.duplicates += res.duplicates;
    r.refused += res.refused;
  };
  for (const file of fresh) {
    if (options.signal?.aborted) break;
    const parser = new FileImport(file.name, {
      event: (e) => void pending.push(e),
      refusal: (x) => {
        r.refused++;
        if (r.refusals.length < MAX_REFUSALS) r.refusals.push(x);
      },
    });
    const ok = await readFile(file, parser, r, options, () =>
      pending.length >= batch ? flush() : Promise.resolve(),
    );
    if (!ok) continue;
    if (options.signal?.aborted) {
      await flush();
      break;
    }
    const result = parser.end();
    r.duplicates += result.duplicates;
    if (result.error) r.fileErrors.push({ file: file.name, error: result.error });
    await flush(
      result.error && result.events === 0
        ? undefined
        : {
            id: file.id,
            size: file.size,
            lastModified: file.lastModified,
            events: result.events,
            importedAt: (options.now ?? Date.now)(),
          },
    );
    r.filesDone++;
    options.onProgress?.({ ...r });
  }
  r.cancelled = options.signal?.aborted ?? false;
  return r;
}

/** Stream one file into its parser; false when it could not be read (noted in the result). */
async function readFile(
  file: UsageFile,
  parser: FileImport,
  r: UsageImportResult,
  options: UsageImportOptions,
  flushIfFull: () => Promise<void>,
): Promise<boolean> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = file.stream().getReader();
  } catch (error) {
    r.fileErrors.push({ file: file.name, error: `unreadable: ${(error as Error).message}` });
    return false;
  }
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
    // the file stays unmarked, so the next run reads it again.
    try {
      await flushIfFull();
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    options.onProgress?.({ ...r });
  }
}
