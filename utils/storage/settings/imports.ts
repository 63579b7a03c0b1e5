/**
 * User settings of imported usage (owner `user`, options page): how often granted folders are
 * re-scanned on their own (Chromium). Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

export type FolderRescanInterval = 'off' | 'hourly' | 'daily';
export const FOLDER_RESCAN_INTERVALS: readonly FolderRescanInterval[] = ['off', 'hourly', 'daily'];

export const folderRescanSettings = /* @__PURE__ */ storage.defineItem<{
  interval: FolderRescanInterval;
}>('local:folderRescan', { fallback: { interval: 'off' }, version: 1 });
