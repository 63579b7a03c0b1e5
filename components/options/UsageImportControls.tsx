/**
 * Import agent logs, aggregators' reports and provider exports: pick files or a folder, drop
 * them, or (Chromium) grant a folder kept for re-scans. Progress with counts and a cancel
 * button; a summary after (events added, duplicates skipped, lines refused with their reasons).
 */
import { useEffect, useRef, useState } from 'react';
import { historyDb } from '@/utils/db/schema';
import { formatDateTime, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import {
  FOLDER_RESCAN_INTERVALS,
  folderRescanSettings,
  folderScans,
  type FolderRescanInterval,
  type FolderScanResult,
} from '@/utils/storage';
import {
  askFolderPermission,
  canGrantFolders,
  droppedFiles,
  forgetFolder,
  fromFile,
  grantFolder,
  listFolders,
  PermissionError,
  scanFolder,
} from '@/utils/usage-import/folders';
import {
  DEFAULT_BATCH,
  runUsageImport,
  type UsageFile,
  type UsageImportProgress,
  type UsageImportResult,
} from '@/utils/usage-import/run';
import { StatusLine, useAction } from './form';
import { whileImporting } from './history-query';
import { ImportBreakdown } from './ImportBreakdown';

/**
 * The progress line is redrawn at most this often: each redraw of the page costs its thread
 * ~15 ms in Chromium, and at every 150 ms that was a tenth of a 1 GB import's parse thread.
 */
const PROGRESS_MS = 500;

function progressText(p: UsageImportProgress): string {
  return t('options.usage.progress', {
    done: p.filesDone,
    total: p.filesTotal,
    percent: p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : 100,
    added: p.added,
    duplicates: p.duplicates,
    refused: p.refused,
  });
}

function scanText(r: FolderScanResult | undefined): string | null {
  if (!r) return null;
  const at = formatDateTime(r.at);
  if (r.state === 'permission') return t('options.usage.scanPermission', { at });
  if (r.state === 'error') return t('options.usage.scanError', { at, error: r.error });
  return t('options.usage.scanDone', {
    at,
    files: r.files,
    unchanged: r.unchanged,
    added: r.added,
    duplicates: r.duplicates,
    refused: r.refused,
  });
}

/** How often granted folders are re-scanned on their own. */
function RescanInterval() {
  const setting = useStorageItem(folderRescanSettings);
  return (
    <p>
      <label>
        {t('options.usage.rescanEvery')}{' '}
        <select
          value={setting?.interval ?? 'off'}
          data-testid="usage-rescan-interval"
          onChange={(e) =>
            void folderRescanSettings
              .setValue({ interval: e.target.value as FolderRescanInterval })
              .then(() => sendMessage('rescanFolders', {}))
              .catch(() => undefined)
          }
        >
          {FOLDER_RESCAN_INTERVALS.map((i) => (
            <option key={i} value={i}>
              {t(`options.usage.interval.${i}`)}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}

function GrantedFolders(props: {
  busy: boolean;
  granted: string[];
  refresh: () => void;
  rescan: (name: string) => Promise<void>;
}) {
  const { busy, granted, refresh, rescan } = props;
  const refreshFolders = refresh;
  const scans = useStorageItem(folderScans);
  if (!canGrantFolders()) return <p className="tm-opt-note">{t('options.usage.noFolderApi')}</p>;
  return (
    <>
      <p>
        <button
          disabled={busy}
          onClick={() =>
            void grantFolder().then((name) => {
              refreshFolders();
              if (name) void rescan(name);
            })
          }
        >
          {t('options.usage.grant')}
        </button>
      </p>
      {granted.length ? (
        <ul className="tm-opt-folders" data-testid="usage-folders">
          {granted.map((name) => {
            const result = scans?.folders[name];
            return (
              <li key={name} data-testid="usage-folder-row">
                <button disabled={busy} onClick={() => void rescan(name)}>
                  {t('options.usage.rescan', { name })}
                </button>{' '}
                <button
                  disabled={busy}
                  onClick={() => void forgetFolder(name).then(refreshFolders)}
                >
                  {t('options.usage.forget')}
                </button>{' '}
                {result?.state === 'permission' ? (
                  <button
                    disabled={busy}
                    data-testid="usage-folder-ask"
                    onClick={() =>
                      void askFolderPermission(name).then((ok) =>
                        ok ? sendMessage('rescanFolders', { force: true }) : undefined,
                      )
                    }
                  >
                    {t('options.usage.askAgain')}
                  </button>
                ) : null}
                {result ? (
                  <span
                    className={result.state === 'ok' ? 'tm-opt-note' : 'tm-error'}
                    data-testid="usage-folder-scan"
                  >
                    {' '}
                    {scanText(result)}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {granted.length ? <RescanInterval /> : null}
    </>
  );
}

/** A scheduled re-scan that is due runs when the page opens (in the background), not at the next alarm. */
function useDueRescan() {
  useEffect(() => {
    if (canGrantFolders()) sendMessage('rescanFolders', {}).catch(() => undefined);
  }, []);
}

/** What the summary adds about files an earlier import stopped in. */
function resumeText(r: UsageImportResult): string {
  const parts: string[] = [];
  if (r.resumed)
    parts.push(
      t('options.usage.resumed', {
        files: r.resumed,
        mb: (r.resumedBytes / 1048576).toFixed(1),
      }),
    );
  if (r.restarted) parts.push(t('options.usage.restarted', { files: r.restarted }));
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/**
 * Events per message: `?importBatch=` on the options page's URL sets it (tests and the bench
 * make an import stop mid-file with a few MB); otherwise the default.
 */
function batchSize(): number {
  const n = Number(new URLSearchParams(globalThis.location?.search ?? '').get('importBatch'));
  return Number.isInteger(n) && n > 0 && n <= 50_000 ? n : DEFAULT_BATCH;
}

/** The import action: progress text, details after, cancel. */
function useUsageImport() {
  const [status, run, busy] = useAction();
  const [progress, setProgress] = useState<string | null>(null);
  const [details, setDetails] = useState<string[]>([]);
  const abort = useRef<AbortController | null>(null);

  const cancel = () => abort.current?.abort();
  const importFiles = (collect: () => Promise<UsageFile[]>) =>
    run(async () => {
      setDetails([]);
      const files = await collect();
      if (files.length === 0) return t('options.usage.none');
      const known = new Map((await historyDb().importFiles.toArray()).map((r) => [r.id, r]));
      abort.current = new AbortController();
      let last = 0;
      try {
        const signal = abort.current.signal;
        const r = await whileImporting(() =>
          runUsageImport(files, {
            send: (req) => sendMessage('importUsage', req),
            known,
            batch: batchSize(),
            signal,
            onProgress: (p) => {
              const now = performance.now();
              if (now - last > PROGRESS_MS) {
                last = now;
                setProgress(progressText(p));
              }
            },
          }),
        ).catch((e: unknown) => {
          throw new Error(
            t('options.usage.stopped', { error: e instanceof Error ? e.message : String(e) }),
            { cause: e },
          );
        });
        setDetails([
          ...r.fileErrors.map((e) =>
            t('options.usage.fileError', { file: e.file, error: e.error }),
          ),
          ...r.refusals
            .slice(0, 20)
            .map((x) =>
              t('options.usage.refusal', { file: x.file, line: x.line, reason: x.reason }),
            ),
        ]);
        const summary =
          t('options.usage.summary', {
            added: r.added,
            replaced: r.replaced,
            duplicates: r.duplicates,
            refused: r.refused,
            unchanged: r.unchanged,
          }) + resumeText(r);
        return r.cancelled ? `${t('options.usage.cancelled')} ${summary}` : summary;
      } finally {
        abort.current = null;
        setProgress(null);
      }
    });
  return { status, busy, progress, details, importFiles, cancel };
}

export function UsageImportControls() {
  const { status, busy, progress, details, importFiles, cancel } = useUsageImport();
  const [granted, setGranted] = useState<string[]>([]);
  const refreshFolders = () => void listFolders().then(setGranted, () => setGranted([]));
  useEffect(refreshFolders, []);
  useDueRescan();

  const rescan = (name: string) =>
    importFiles(async () => {
      try {
        return await scanFolder(name);
      } catch (error) {
        if (error instanceof PermissionError)
          throw new Error(t('options.usage.denied', { name }), { cause: error });
        throw error;
      }
    });

  const picked = (list: FileList | null, folder: boolean) => {
    const files = [...(list ?? [])].map((f) =>
      fromFile(
        f,
        `${folder ? 'folder' : 'files'}|${f.webkitRelativePath || f.name}`,
        f.webkitRelativePath || f.name,
      ),
    );
    void importFiles(async () => files);
  };

  return (
    <div
      data-testid="usage-import"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const items = e.dataTransfer.items;
        if (!busy) void importFiles(() => droppedFiles(items));
      }}
    >
      <h3>{t('options.usage.title')}</h3>
      <p className="tm-opt-note">{t('options.usage.intro')}</p>
      <p>
        <label>
          {t('options.usage.pickFiles')}{' '}
          <input
            type="file"
            multiple
            disabled={busy}
            data-testid="usage-files"
            onChange={(e) => picked(e.target.files, false)}
          />
        </label>{' '}
        <label>
          {t('options.usage.pickFolder')}{' '}
          <input
            type="file"
            disabled={busy}
            data-testid="usage-folder"
            {...({ webkitdirectory: '' } as object)}
            onChange={(e) => picked(e.target.files, true)}
          />
        </label>
      </p>
      <p className="tm-opt-note">{t('options.usage.drop')}</p>
      <GrantedFolders busy={busy} granted={granted} refresh={refreshFolders} rescan={rescan} />
      {progress ? (
        <p className="tm-opt-note" data-testid="usage-progress">
          {progress} <button onClick={cancel}>{t('options.usage.cancel')}</button>
        </p>
      ) : null}
      <StatusLine status={status} testid="usage-status" />
      <ImportBreakdown />
      {details.length ? (
        <ul className="tm-opt-note" data-testid="usage-details">
          {details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
