/**
 * Export (JSON lossless, CSV for spreadsheets), import (validated whole before anything is sent
 * to the background; sent in chunks; duplicates skipped by idempotency key), retention, and
 * delete everything. Pages read the database; only the background writes it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { historyDb } from '@/utils/db/schema';
import { exportHistory } from '@/utils/db/export';
import { IMPORT_CHUNK, MAX_IMPORT_BYTES, parseImport } from '@/utils/db/transfer';
import { retentionSettings } from '@/utils/storage';
import { saveRetention } from '@/utils/storage/validated';
import { sendMessage } from '@/utils/messaging';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { Section, StatusLine, useAction } from './form';

function download(text: string, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const stamp = () => new Date().toISOString().slice(0, 10);

/** Export as JSON or CSV, with the time it took (read by the bench from a hidden element). */
function ExportControls() {
  const [status, run, exporting] = useAction();
  const [timing, setTiming] = useState<{ ms: number; readMs: number; serializeMs: number } | null>(
    null,
  );
  const doExport = (kind: 'json' | 'csv') =>
    run(async () => {
      const started = performance.now();
      const r = await exportHistory(historyDb(), kind);
      download(
        r.text,
        `token-meter-history-${stamp()}.${kind}`,
        kind === 'json' ? 'application/json' : 'text/csv',
      );
      const ms = Math.round(performance.now() - started);
      setTiming({ ms, readMs: Math.round(r.readMs), serializeMs: Math.round(r.serializeMs) });
      return `Exported ${r.count} turns as ${kind.toUpperCase()} (${(r.text.length / 1048576).toFixed(1)} MB) in ${ms} ms.`;
    });
  return (
    <>
      <p>
        <button disabled={exporting} onClick={() => doExport('json')} data-testid="export-json">
          Export JSON
        </button>{' '}
        <button disabled={exporting} onClick={() => doExport('csv')} data-testid="export-csv">
          Export CSV
        </button>{' '}
        <span className="tm-opt-note">
          JSON keeps everything and can be imported again; CSV has one row per turn (no text).
        </span>
      </p>
      <StatusLine status={status} testid="export-status" />
      {timing ? (
        <span
          hidden
          data-testid="export-ms"
          data-ms={timing.ms}
          data-read-ms={timing.readMs}
          data-serialize-ms={timing.serializeMs}
        />
      ) : null}
    </>
  );
}

/**
 * Import a JSON export: checked whole first, then sent in chunks (duplicates skipped by key).
 * Returns the status line's text; throws (with what was imported so far) on a failure.
 */
async function importFile(file: File, setProgress: (text: string) => void): Promise<string> {
  if (file.size > MAX_IMPORT_BYTES) {
    throw new Error(
      `The file is ${(file.size / 1048576).toFixed(0)} MB; the largest import is ${MAX_IMPORT_BYTES / 1048576} MB. Nothing was imported.`,
    );
  }
  setProgress('Checking the file…');
  const parsed = parseImport(await file.text(), file.size);
  if (!parsed.ok) throw new Error(parsed.error);
  const { events, titles } = parsed.data;
  let added = 0;
  let duplicates = 0;
  for (let i = 0; i < events.length; i += IMPORT_CHUNK) {
    setProgress(`Importing… ${i.toLocaleString()} of ${events.length.toLocaleString()}`);
    try {
      const r = await sendMessage('importHistory', {
        events: events.slice(i, i + IMPORT_CHUNK),
        titles,
      });
      added += r.added;
      duplicates += r.duplicates;
    } catch (e) {
      throw new Error(
        `Stopped after ${added.toLocaleString()} new turns: ${e instanceof Error ? e.message : String(e)} Turns already imported stay; importing the same file again skips them.`,
        { cause: e },
      );
    }
  }
  return `Imported ${added.toLocaleString()} turns; ${duplicates.toLocaleString()} already stored were skipped.`;
}

function ImportControls() {
  const [status, run, importing] = useAction();
  const [progress, setProgress] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const doImport = (file: File) =>
    run(() => importFile(file, setProgress)).finally(() => {
      setProgress(null);
      if (fileInput.current) fileInput.current.value = '';
    });
  return (
    <>
      <p>
        <label>
          Import a JSON export:{' '}
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            disabled={importing}
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void doImport(file);
            }}
          />
        </label>
      </p>
      {progress ? <p className="tm-opt-note">{progress}</p> : null}
      <StatusLine status={status} testid="import-status" />
    </>
  );
}

function RetentionControl() {
  const retention = useStorageItem(retentionSettings);
  const [status, run] = useAction();
  return (
    <>
      <p>
        <label>
          Keep{' '}
          <select
            value={retention?.months ?? 0}
            data-testid="retention"
            onChange={(e) =>
              run(async () => {
                const months = Number(e.target.value);
                await saveRetention(months);
                return months
                  ? `Keeping the last ${months} months; older turns are deleted now and every hour.`
                  : 'Keeping everything.';
              })
            }
          >
            <option value={0}>everything</option>
            {[1, 3, 6, 12, 24, 36].map((m) => (
              <option key={m} value={m}>
                the last {m} month{m === 1 ? '' : 's'}
              </option>
            ))}
          </select>
        </label>
      </p>
      <StatusLine status={status} />
    </>
  );
}

/** "Delete everything…", then a confirmation saying how many turns go. */
function DeleteEverything({ count }: { count: number | undefined }) {
  const [status, run] = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <p>
        {confirming ? (
          <span className="tm-confirm" role="alertdialog" aria-label="Confirm deletion">
            Delete all {count ?? ''} turns and conversations? This cannot be undone.{' '}
            <button
              className="tm-danger"
              data-testid="confirm-delete"
              onClick={() =>
                run(async () => {
                  await sendMessage('deleteHistory', {});
                  setConfirming(false);
                  return 'Everything was deleted.';
                })
              }
            >
              Yes, delete everything
            </button>{' '}
            <button onClick={() => setConfirming(false)}>Cancel</button>
          </span>
        ) : (
          <button
            className="tm-danger"
            data-testid="delete-all"
            onClick={() => setConfirming(true)}
          >
            Delete everything…
          </button>
        )}
      </p>
      <StatusLine status={status} testid="delete-status" />
    </>
  );
}

export function DataSection() {
  const count = useLiveQuery(() => historyDb().events.count(), []);
  return (
    <Section id="data" title="Your data" note={`${count ?? '…'} turns stored in this browser.`}>
      <ExportControls />
      <ImportControls />
      <RetentionControl />
      <DeleteEverything count={count} />
    </Section>
  );
}
