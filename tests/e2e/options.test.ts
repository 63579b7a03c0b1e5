import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  ftruncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateEvents } from '../../utils/db/__tests__/generate';
import { buildExportJson, parseImport } from '../../utils/db/transfer';
import { launch, openExtensionPage, reportOnFailure, shot, type Session } from './harness';

const NOW = Date.UTC(2026, 5, 17, 15, 30);
const EVENTS = generateEvents(2_000, { end: NOW, days: 60, seed: 77 });

describe('options page', () => {
  let session: Session;
  let page: Page | undefined;
  let dir: string;

  beforeAll(async () => {
    session = await launch();
    dir = mkdtempSync(join(tmpdir(), 'tm-options-'));
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = () =>
    page!.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('token-meter-history');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            // Chat turns are rows; imported events live in blocks, one keys index entry each.
            const tx = open.result.transaction(['events', 'eventBlocks']);
            const rows = tx.objectStore('events').count();
            const imported = tx.objectStore('eventBlocks').index('keys').count();
            tx.oncomplete = () => (resolve(rows.result + imported.result), open.result.close());
          };
        }),
    );

  async function importFile(path: string) {
    // Each call follows a reload, so the status line shows this import's own message.
    await page!.getByTestId('import-file').setInputFiles(path);
    await expect
      .poll(() => page!.getByTestId('import-status').textContent(), { timeout: 30_000 })
      .toMatch(/Imported|Nothing was imported|Stopped/);
    return (await page!.getByTestId('import-status').textContent()) ?? '';
  }

  it('imports a JSON export, skips duplicates, refuses bad files and writes nothing', async () => {
    reportOnFailure(session, () => page, 'options-import');
    page = await openExtensionPage(session, 'options.html');
    const good = join(dir, 'good.json');
    writeFileSync(good, buildExportJson(EVENTS, [], NOW));
    expect(await importFile(good)).toMatch(/Imported 2,000 turns; 0 already stored/);
    expect(await stored()).toBe(2_000);

    await page.reload();
    expect(await importFile(good)).toMatch(/Imported 0 turns; 2,000 already stored were skipped/);
    expect(await stored()).toBe(2_000);

    const bad: [string, string, RegExp][] = [
      [
        'proto.json',
        readFileSync(good, 'utf8').replace('"site":', '"__proto__":{"x":1},"site":'),
        /"__proto__" key/,
      ],
      ['truncated.json', readFileSync(good, 'utf8').slice(0, 5_000), /not valid JSON/],
      [
        'types.json',
        readFileSync(good, 'utf8').replace(/"time":(\d+)/, '"time":"$1"'),
        /events\[0\]\.time/,
      ],
    ];
    for (const [name, text, message] of bad) {
      await page.reload();
      const path = join(dir, name);
      writeFileSync(path, text);
      const status = await importFile(path);
      expect(status).toMatch(message);
      expect(status).toMatch(/Nothing was imported/);
      expect(await stored()).toBe(2_000);
    }

    // 100 MB: refused by size before it is read.
    await page.reload();
    const huge = join(dir, 'huge.json');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    expect(await importFile(huge)).toMatch(/100 MB; the largest import is 64 MB/);
    expect(await stored()).toBe(2_000);
  }, 120_000);

  it('exports JSON that imports back to the same rows, and CSV, as a download and to a picked file', async () => {
    reportOnFailure(session, () => page, 'options-export');
    page = await openExtensionPage(session, 'options.html');
    // Without the File System Access API (as in Firefox): chunks become Blob parts, one download.
    await page.evaluate(() =>
      Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true }),
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-json').click(),
    ]);
    const path = join(dir, 'export.json');
    await download.saveAs(path);
    const parsed = parseImport(readFileSync(path, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const byKey = new Map(parsed.data.events.map((e) => [e.key, e]));
    expect(byKey.size).toBe(EVENTS.length);
    for (const e of EVENTS) expect(byKey.get(e.key)).toEqual(e);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csvPath = join(dir, 'export.csv');
    await csv.saveAs(csvPath);
    const csvText = readFileSync(csvPath, 'utf8');
    expect(csvText.trim().split('\n')).toHaveLength(EVENTS.length + 1);

    // With it: the page's picker answers with a file in the origin's private file system (the
    // real dialog cannot be driven), and the export streams into that file's writable stream.
    await page.evaluate(() =>
      Object.defineProperty(window, 'showSaveFilePicker', {
        configurable: true,
        value: async (o: { suggestedName: string }) =>
          (await navigator.storage.getDirectory()).getFileHandle(o.suggestedName, { create: true }),
      }),
    );
    await page.getByTestId('export-csv').click();
    await expect
      .poll(() => page!.getByTestId('export-status').textContent(), { timeout: 30_000 })
      .toMatch(/to the file you chose/);
    const written = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      for await (const [name, handle] of root as unknown as AsyncIterable<
        [string, FileSystemFileHandle]
      >)
        if (name.endsWith('.csv')) return (await handle.getFile()).text();
      return null;
    });
    expect(written).toBe(csvText);
  });

  it("looks up a model and shows each field's source: Sonnet 4.5's tier, DeepSeek's peak rule", async () => {
    reportOnFailure(session, () => page, 'options-lookup');
    page = await openExtensionPage(session, 'options.html');
    const box = page.getByRole('searchbox', { name: 'Look up a model' });
    await box.fill('claude-sonnet-4-5');
    const sonnet = page.locator(
      '[data-model="anthropic/claude-sonnet-4-5"] [data-offer="default"]',
    );
    await expect
      .poll(() => sonnet.getByTestId('lookup-tier').textContent(), { timeout: 10_000 })
      .toMatch(/Above 200,000 prompt tokens.*taken from genai-prices 0\.1\.8 2026-09-23/);
    await box.fill('deepseek-v4-flash');
    const flash = page.locator('[data-model="deepseek/deepseek-v4-flash"] [data-offer="default"]');
    await expect
      .poll(() => flash.getByTestId('lookup-rules').textContent(), { timeout: 10_000 })
      .toMatch(
        /DeepSeek peak hours.*01:00-04:00.*prices ×2.*2026-08-16T16:00:00Z.*Source: DeepSeek peak-valley pricing notice.*\(data of 2026-09-23\)/,
      );
  });

  it('saves budgets in micro-USD and subscriptions; deletes everything after confirming', async () => {
    reportOnFailure(session, () => page, 'options-settings');
    page = await openExtensionPage(session, 'options.html');
    await page.getByTestId('budget-total-weekly').fill('12.50');
    await page.getByTestId('per-site-budgets').click();
    await page.getByTestId('budget-claude-monthly').fill('abc');
    await page.getByTestId('save-budgets').click();
    await expect
      .poll(() => page!.getByTestId('budgets-status').textContent())
      .toMatch(/"abc" is not an amount/);
    await page.getByTestId('budget-claude-monthly').fill('40');
    await page.getByTestId('save-budgets').click();
    await expect
      .poll(() => page!.getByTestId('budgets-status').textContent())
      .toMatch(/Budgets saved/);
    const budgets = await page.evaluate(() =>
      (globalThis as any).chrome.storage.local.get('budgets').then((r: any) => r.budgets),
    );
    expect(budgets).toEqual({
      weeklyMicroUsd: 12_500_000,
      monthlyMicroUsd: null,
      sites: { claude: { weeklyMicroUsd: null, monthlyMicroUsd: 40_000_000 } },
    });
    await page.getByTestId('subscription-chatgpt').fill('20');
    await page.getByTestId('save-subscriptions').click();
    await expect
      .poll(() => page!.getByTestId('subscriptions-status').textContent())
      .toMatch(/Subscriptions saved \(1\)/);
    await page.setViewportSize({ width: 900, height: 1400 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'options');

    await page.getByTestId('delete-all').click();
    await page.getByTestId('confirm-delete').click();
    await expect.poll(() => page!.getByTestId('delete-status').textContent()).toMatch(/deleted/);
    expect(await stored()).toBe(0);
  });
});
