/**
 * State of scheduled folder re-scans (owner `background`; the options page shows it): when the
 * last scan ran and what it found per granted folder. Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

export type FolderScanResult =
  | {
      at: number;
      state: 'ok';
      /** Files read (new or changed) and files skipped as unchanged. */
      files: number;
      unchanged: number;
      added: number;
      replaced: number;
      duplicates: number;
      refused: number;
    }
  /** The browser no longer grants reading the folder: nothing was read or removed. */
  | { at: number; state: 'permission' }
  | { at: number; state: 'error'; error: string };

export interface FolderScans {
  /** Epoch ms of the last scheduled scan (null: none yet). */
  lastScanAt: number | null;
  folders: Record<string, FolderScanResult>;
}

export const folderScans = /* @__PURE__ */ storage.defineItem<FolderScans>('local:folderScans', {
  fallback: { lastScanAt: null, folders: {} },
  version: 1,
});
