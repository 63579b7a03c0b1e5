// The options page's import of agent logs and usage reports, in the built extension: files
// picked in the page, parsed there, priced and stored by the background; the stored count equals
// what the import CLI counts for the same files, and importing them again adds nothing.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importFiles } from '../../scripts/cli/import';
import { launch, openExtensionPage, reportOnFailure, type Session } from './harness';

const ROOT = join(__dirname, '../../utils/core/imports/__tests__/fixtures');
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('README.md') ? [] : [path];
  });
}
const FILES = walk(ROOT).sort();

describe('options page: agents and API usage', () => {
  let session: Session;
  let page: Page | undefined;
  beforeAll(async () => {
    session = await launch();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
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

  it('stores what the CLI counts, and a second import adds nothing', async () => {
    reportOnFailure(session, () => page, 'usage-import');
    const cli = (await importFiles(FILES)).summary();
    page = await openExtensionPage(session, 'options.html');
    await page.getByTestId('usage-files').setInputFiles(FILES);
    await expect
      .poll(() => page!.getByTestId('usage-status').textContent(), { timeout: 30_000 })
      .toMatch(/events added/);
    expect(await stored()).toBe(cli.events);
    expect(await page.getByTestId('usage-status').textContent()).toContain(
      `${cli.events} events added`,
    );
    expect(await page.getByTestId('usage-details').textContent()).toMatch(
      /input_tokens is negative/,
    );

    await page.reload();
    await page.getByTestId('usage-files').setInputFiles(FILES);
    await expect
      .poll(() => page!.getByTestId('usage-status').textContent(), { timeout: 30_000 })
      .toMatch(/events added/);
    expect(await page.getByTestId('usage-status').textContent()).toMatch(/^0 events added/);
    expect(await stored()).toBe(cli.events);
  }, 90_000);

  it('the dashboard shows the imported events beside chat, split by kind and source', async () => {
    reportOnFailure(session, () => page, 'usage-dashboard');
    const cli = (await importFiles(FILES)).summary();
    page = await openExtensionPage(session, 'dashboard.html?period=all');
    await page.locator('main[data-ready-ms]').waitFor();
    const tokens = await page.getByTestId('dash-tokens').textContent();
    expect(tokens).toContain(`${cli.events} events`);
    const kinds = await page
      .getByTestId('split-kind')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(kinds.sort()).toEqual(['agent', 'api']);
    expect(await page.getByTestId('dash-billed').textContent()).toMatch(/\$\d/);
    await page.getByTestId('by-source').click();
    const sources = await page
      .getByTestId('split-source')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(sources).toEqual(expect.arrayContaining(Object.keys(cli.bySource)));
    // Switching the period re-reads the rollups: the fixtures are older than this week.
    await page.getByTestId('period-week').click();
    await expect
      .poll(() => page!.getByTestId('dash-tokens').textContent())
      .not.toContain(`${cli.events} events`);

    // The popup, on the day of the newest Claude Code event: a one-line split by kind and the
    // week's top agent, with a link to the dashboard.
    const newest = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('token-meter-history');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            // Imported events live in blocks (eventBlocks), each holding its events.
            const req = open.result.transaction('eventBlocks').objectStore('eventBlocks').getAll();
            req.onsuccess = () => {
              const blocks = req.result as { events: { site: string; time: number }[] }[];
              const rows = blocks.flatMap((b) => b.events);
              resolve(Math.max(...rows.filter((r) => r.site === 'claude-code').map((r) => r.time)));
              open.result.close();
            };
          };
        }),
    );
    const popup = await openExtensionPage(session, `popup.html?now=${newest + 1}`);
    await popup.getByTestId('source-split').waitFor();
    expect(await popup.getByTestId('split-agent').textContent()).toMatch(/Agents \$\d/);
    expect(await popup.getByTestId('week-top').textContent()).toMatch(
      /Top agent this week: \S+ \$\d/,
    );
    expect(await popup.getByTestId('source-split').locator('a').getAttribute('href')).toMatch(
      /dashboard\.html\?period=week$/,
    );
    await popup.close();
  }, 60_000);
});
