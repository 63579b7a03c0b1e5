// An import stopped mid-file in the built extension goes on from its checkpoint: the options
// page closed while it reads a long Claude Code session, then the service worker stopped while
// it reads a Codex rollout. Given the same files again, the page reads on from where each
// stopped (the summary says so) and the history holds what the import CLI counts for the same
// files: nothing lost, nothing counted twice.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importFiles } from '../../scripts/cli/import';
import { claudeSession, codexRollout } from '@/utils/core/imports/__tests__/generate';
import { controlSession, sleep, type Browser } from './faults-helpers';
import { launch, openExtensionPage, reportOnFailure, type Session } from './harness';

interface Stored {
  events: number;
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  checkpoints: { id: string; offset: number }[];
}

/** The history as the page sees it: events, importDays sums, files stopped in. */
const stored = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open('token-meter-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['eventBlocks', 'importDays', 'importFiles']);
          // Imported events live in blocks: one entry of the keys index per event.
          const count = tx.objectStore('eventBlocks').index('keys').count();
          const days = tx.objectStore('importDays').getAll();
          const files = tx.objectStore('importFiles').getAll();
          tx.oncomplete = () => {
            const s: Stored = {
              events: count.result,
              input: 0,
              cacheRead: 0,
              cacheWrite: 0,
              output: 0,
              reasoning: 0,
              checkpoints: [],
            };
            for (const d of days.result as Record<string, number>[]) {
              s.input += d.input;
              s.cacheRead += d.cacheRead;
              s.cacheWrite += d.cacheWrite;
              s.output += d.output;
              s.reasoning += d.reasoning;
            }
            for (const f of files.result as { id: string; checkpoint?: { offset: number } }[])
              if (f.checkpoint) s.checkpoints.push({ id: f.id, offset: f.checkpoint.offset });
            open.result.close();
            resolve(s);
          };
        };
      }),
  );

describe('options page: an import stopped mid-file resumes', () => {
  let session: Session;
  let page: Page | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tm-resume-'));
  const claude = join(dir, 'claude', '-home-ana-shop', 's-1.jsonl');
  const codex = join(dir, 'codex', 'rollout-2025-10-01T10-00-00-x.jsonl');
  beforeAll(async () => {
    mkdirSync(join(dir, 'claude', '-home-ana-shop'), { recursive: true });
    mkdirSync(join(dir, 'codex'), { recursive: true });
    writeFileSync(claude, claudeSession(4000));
    writeFileSync(codex, codexRollout(6000));
    session = await launch();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Open the options page slowed down (CPU throttled, small batches) and start importing. */
  const startSlow = async (files: string[]) => {
    page = await openExtensionPage(session, 'options.html?importBatch=50');
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await page.getByTestId('usage-files').setInputFiles(files);
    return page;
  };
  const stoppedIn = async (p: Page, id: string) => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const s = await stored(p);
      if (s.checkpoints.some((c) => c.id === id && c.offset > 0)) return s;
      await sleep(50);
    }
    throw new Error(`no checkpoint of ${id} was stored`);
  };
  const summary = async (p: Page) => {
    await expect
      .poll(() => p.getByTestId('usage-status').textContent(), { timeout: 30_000 })
      .toMatch(/events added|stopped/);
    return (await p.getByTestId('usage-status').textContent()) ?? '';
  };

  it('the page closed mid-file: the next import reads on from the checkpoint', async () => {
    reportOnFailure(session, () => page, 'usage-resume-page');
    const cli = (await importFiles([claude])).summary();
    const slow = await startSlow([claude]);
    const before = await stoppedIn(slow, 'files|s-1.jsonl');
    await slow.close();
    expect(before.events).toBeLessThan(cli.events);

    page = await openExtensionPage(session, 'options.html');
    await page.getByTestId('usage-files').setInputFiles([claude]);
    expect(await summary(page)).toMatch(/resumed where the last import stopped: 1 \(\d+\.\d MB/);
    const after = await stored(page);
    expect(after).toEqual({
      events: cli.events,
      ...cli.tokens,
      checkpoints: [],
    });
    await page.close();
  }, 60_000);

  it('the service worker stopped mid-file: what it stored is kept whole, the rest read on', async () => {
    reportOnFailure(session, () => page, 'usage-resume-worker');
    const cli = (await importFiles([claude, codex])).summary();
    const slow = await startSlow([codex, claude]);
    await stoppedIn(slow, 'files|rollout-2025-10-01T10-00-00-x.jsonl');
    const control = await controlSession({ context: session.context } as Browser, slow);
    // Stop the worker until a batch in flight is lost (the page says the import stopped) or
    // the import ends (every stop fell between two batches: the next message woke it again).
    let status = '';
    for (let i = 0; i < 40 && !/events added|stopped/.test(status); i++) {
      // A worker already stopped (no batch woke it since) reports no new stop: that is fine.
      await control.stop().catch(() => undefined);
      await sleep(100);
      status = (await slow.getByTestId('usage-status').textContent()) ?? '';
    }
    status = await summary(slow);
    page = slow;
    if (/stopped/.test(status)) {
      await page.reload();
      await page.getByTestId('usage-files').setInputFiles([codex, claude]);
      status = await summary(page);
      expect(status).toMatch(/resumed where the last import stopped: 1 /);
    }
    expect(status).toMatch(/events added/);
    // The Claude Code file was read whole before: unchanged, not read again.
    expect(status).toMatch(/1 files unchanged/);
    const after = await stored(page);
    expect(after).toEqual({ events: cli.events, ...cli.tokens, checkpoints: [] });
    await control.cdp.detach().catch(() => undefined);
  }, 60_000);
});
