// Scheduled re-scans of a granted folder in the built extension (Chromium): a real
// FileSystemDirectoryHandle (the origin-private file system's, the one kind a test can make
// without a picker) kept in the extension's folder database, the interval set to hourly, and the
// options page opened: the service worker reads the handle, queries its permission, scans, and
// stores what the CLI counts for the same files; the page shows the folder's last scan.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importFiles } from '../../scripts/cli/import';
import { launch, openExtensionPage, reportOnFailure, type Session } from './harness';

const FOLDER = join(__dirname, '../../utils/core/imports/__tests__/fixtures/claude/projects');
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const FILES = walk(FOLDER).sort();

describe('scheduled folder re-scan', () => {
  let session: Session;
  let page: Page | undefined;
  beforeAll(async () => {
    session = await launch();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('the service worker re-scans a kept folder handle when a scan is due', async () => {
    reportOnFailure(session, () => page, 'folder-rescan');
    const cli = (await importFiles(FILES)).summary();
    expect(cli.events).toBeGreaterThan(0);
    page = await openExtensionPage(session, 'options.html');
    await page.getByTestId('usage-import').waitFor();
    const files = FILES.map((path) => ({
      path: relative(FOLDER, path),
      text: readFileSync(path, 'utf8'),
    }));
    await page.evaluate(async (files) => {
      const root = await navigator.storage.getDirectory();
      const top = await root.getDirectoryHandle('projects', { create: true });
      for (const f of files) {
        const parts = f.path.split('/');
        let dir = top;
        for (const part of parts.slice(0, -1))
          dir = await dir.getDirectoryHandle(part, { create: true });
        const handle = await dir.getFileHandle(parts.at(-1)!, { create: true });
        const w = await handle.createWritable();
        await w.write(f.text);
        await w.close();
      }
      // As "Grant a folder" keeps it (utils/usage-import/folders.ts): the handle itself, cloned.
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('token-meter-granted-folders');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('folders', 'readwrite');
          tx.objectStore('folders').put({ name: 'projects', handle: top, grantedAt: 1 });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      });
      await (globalThis as any).chrome.storage.local.set({ folderRescan: { interval: 'hourly' } });
    }, files);

    // Opening the page asks the background for a due scan.
    await page.reload();
    const scan = () =>
      page!.evaluate(async () => {
        const { folderScans } = await (globalThis as any).chrome.storage.local.get('folderScans');
        return (folderScans as { folders?: Record<string, unknown> } | undefined)?.folders
          ?.projects as { state: string; added?: number; files?: number } | undefined;
      });
    await expect.poll(scan, { timeout: 30_000 }).toMatchObject({ state: 'ok' });
    expect(await scan()).toMatchObject({ state: 'ok', files: FILES.length, added: cli.events });
    await expect
      .poll(() => page!.getByTestId('usage-folder-scan').textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`${cli.events} events added`));

    // Not due again within the hour: opening the page again scans nothing.
    const before = await page.evaluate(
      async () =>
        (
          (await (globalThis as any).chrome.storage.local.get('folderScans')).folderScans as {
            lastScanAt: number;
          }
        ).lastScanAt,
    );
    await page.reload();
    await page.getByTestId('usage-folder-scan').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      await page.evaluate(
        async () =>
          (
            (await (globalThis as any).chrome.storage.local.get('folderScans')).folderScans as {
              lastScanAt: number;
            }
          ).lastScanAt,
      ),
    ).toBe(before);
  }, 90_000);
});
