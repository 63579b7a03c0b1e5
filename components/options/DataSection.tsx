/**
 * Export (JSON lossless, CSV for spreadsheets), import (validated whole before anything is sent
 * to the background; sent in chunks; duplicates skipped by idempotency key), retention, and
 * delete everything. Pages read the database; only the background writes it.
 */
import { useRef, useState } from 'react';
import { countEvents } from '@/utils/db/event-store';
import { historyDb } from '@/utils/db/schema';
import { writeExport } from '@/utils/db/export';
import { IMPORT_CHUNK, MAX_IMPORT_BYTES, parseImport } from '@/utils/db/transfer';
import { retentionSettings } from '@/utils/storage';
import { saveRetention } from '@/utils/storage/validated';
import { formatNumber, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { Section, StatusLine, useAction } from './form';
import { UsageImportControls } from './UsageImportControls';
import { OpenRouterKey } from './OpenRouterKey';
import { useHistoryQuery } from './history-query';
import { openSaveTarget } from './save-target';

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
      // The file picker first: it needs the click's user activation.
      const target = await openSaveTarget(
        `token-meter-history-${stamp()}.${kind}`,
        kind === 'json' ? 'application/json' : 'text/csv',
        kind,
      );
      if (!target) return t('options.data.exportCancelled');
      let r;
      try {
        r = await writeExport(historyDb(), kind, target.sink);
        await target.close();
      } catch (e) {
        await target.abort();
        throw e;
      }
      const ms = Math.round(performance.now() - started);
      setTiming({ ms, readMs: Math.round(r.readMs), serializeMs: Math.round(r.serializeMs) });
      return t(target.how === 'file' ? 'options.data.exportedFile' : 'options.data.exported', {
        count: r.count,
        kind: kind.toUpperCase(),
        size: formatNumber(r.chars / 1048576, {
          maximumFractionDigits: 1,
          minimumFractionDigits: 1,
        }),
        ms,
      });
    });
  return (
    <>
      <p>
        <button disabled={exporting} onClick={() => doExport('json')} data-testid="export-json">
          {t('options.data.exportJson')}
        </button>{' '}
        <button disabled={exporting} onClick={() => doExport('csv')} data-testid="export-csv">
          {t('options.data.exportCsv')}
        </button>{' '}
        <span className="tm-opt-note">{t('options.data.exportNote')}</span>
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
      t('options.data.tooLarge', {
        size: Math.round(file.size / 1048576),
        max: MAX_IMPORT_BYTES / 1048576,
      }),
    );
  }
  setProgress(t('options.data.checking'));
  const parsed = parseImport(await file.text(), file.size);
  if (!parsed.ok) throw new Error(parsed.error);
  const { events, titles } = parsed.data;
  let added = 0;
  let duplicates = 0;
  for (let i = 0; i < events.length; i += IMPORT_CHUNK) {
    setProgress(t('options.data.importing', { done: i, total: events.length }));
    try {
      const r = await sendMessage('importHistory', {
        events: events.slice(i, i + IMPORT_CHUNK),
        titles,
      });
      added += r.added;
      duplicates += r.duplicates;
    } catch (e) {
      throw new Error(
        t('options.data.stopped', {
          count: added,
          error: e instanceof Error ? e.message : String(e),
        }),
        { cause: e },
      );
    }
  }
  return t('options.data.imported', { added, duplicates });
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
          {t('options.data.importLabel')}{' '}
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
          {t('options.data.keep')}{' '}
          <select
            value={retention?.months ?? 0}
            data-testid="retention"
            onChange={(e) =>
              run(async () => {
                const months = Number(e.target.value);
                await saveRetention(months);
                return months
                  ? t('options.data.keepingMonths', { count: months })
                  : t('options.data.keepingAll');
              })
            }
          >
            <option value={0}>{t('options.data.everything')}</option>
            {[1, 3, 6, 12, 24, 36].map((m) => (
              <option key={m} value={m}>
                {t('options.data.lastMonths', { count: m })}
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
          <span
            className="tm-confirm"
            role="alertdialog"
            aria-label={t('options.data.confirmLabel')}
          >
            {t('options.data.confirmText', { count: count ?? '' })}{' '}
            <button
              className="tm-danger"
              data-testid="confirm-delete"
              onClick={() =>
                run(async () => {
                  await sendMessage('deleteHistory', {});
                  setConfirming(false);
                  return t('options.data.deleted');
                })
              }
            >
              {t('options.data.confirmYes')}
            </button>{' '}
            <button onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </span>
        ) : (
          <button
            className="tm-danger"
            data-testid="delete-all"
            onClick={() => setConfirming(true)}
          >
            {t('options.data.deleteAll')}
          </button>
        )}
      </p>
      <StatusLine status={status} testid="delete-status" />
    </>
  );
}

export function DataSection() {
  const count = useHistoryQuery(() => countEvents(historyDb()));
  return (
    <Section
      id="data"
      title={t('options.data.title')}
      note={count === undefined ? '…' : t('options.data.stored', { count })}
    >
      <ExportControls />
      <ImportControls />
      <UsageImportControls />
      <OpenRouterKey />
      <RetentionControl />
      <DeleteEverything count={count} />
    </Section>
  );
}
