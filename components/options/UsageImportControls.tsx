/**
 * Import agent logs, aggregators' reports and provider exports: pick files or a folder, drop
 * them, or (Chromium) grant a folder kept for re-scans. Progress with counts and a cancel
 * button; a summary after (events added, duplicates skipped, lines refused with their reasons).
 */
import { useEffect, useRef, useState } from 'react';
import { historyDb } from '@/utils/db/schema';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import {
  canGrantFolders,
  droppedFiles,
  forgetFolder,
  fromFile,
  grantFolder,
  listFolders,
  PermissionError,
  scanFolder,
} from './granted-folders';
import { runUsageImport, type UsageFile, type UsageImportProgress } from './usage-import';
import { StatusLine, useAction } from './form';
import { ImportBreakdown } from './ImportBreakdown';

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

function GrantedFolders(props: {
  busy: boolean;
  granted: string[];
  refresh: () => void;
  rescan: (name: string) => Promise<void>;
}) {
  const { busy, granted, refresh, rescan } = props;
  const refreshFolders = refresh;
  return (
    <>
      {canGrantFolders() ? (
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
          {granted.map((name) => (
            <span key={name}>
              {' '}
              <button disabled={busy} onClick={() => void rescan(name)}>
                {t('options.usage.rescan', { name })}
              </button>{' '}
              <button disabled={busy} onClick={() => void forgetFolder(name).then(refreshFolders)}>
                {t('options.usage.forget')}
              </button>
            </span>
          ))}
        </p>
      ) : (
        <p className="tm-opt-note">{t('options.usage.noFolderApi')}</p>
      )}
    </>
  );
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
        const r = await runUsageImport(files, {
          send: (req) => sendMessage('importUsage', req),
          known,
          signal: abort.current.signal,
          onProgress: (p) => {
            const now = performance.now();
            if (now - last > 150) {
              last = now;
              setProgress(progressText(p));
            }
          },
        }).catch((e: unknown) => {
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
        const summary = t('options.usage.summary', {
          added: r.added,
          replaced: r.replaced,
          duplicates: r.duplicates,
          refused: r.refused,
          unchanged: r.unchanged,
        });
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
