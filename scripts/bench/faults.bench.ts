// Fault and load figures, in real Chromium with the built extension (.output/chrome-mv3):
// - the load run: 10 tabs on 10 chat sites streaming long replies at once for
//   FAULTS_LOAD_SECONDS (default 2 minutes, the load the fault suite was specified with; the
//   e2e test runs 20 s): turns lost or
//   doubled, the worker's heap after GC at the end against its first sample in the same run
//   (flat = turns are not kept in memory), and the pages' long tasks while streaming;
// - a worker restart: the first answer after the worker was terminated, against the same
//   message to a running worker.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './types';
import { median } from './stats';

const ROOT = join(import.meta.dirname, '..', '..');
const SECONDS = Number(process.env.FAULTS_LOAD_SECONDS ?? 120);

/** tsx names functions with an `__name` helper that pages lack (page.evaluate serialises them). */
async function start(helpers: typeof import('../../tests/e2e/faults-helpers')) {
  const profile = helpers.newProfile();
  const browser = await helpers.startBrowser(profile);
  await browser.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return { profile, browser };
}

const suite: BenchSuite = {
  title: `Faults and load (Chromium, built extension; load ${SECONDS} s)`,
  async run(): Promise<BenchRow[]> {
    if (!existsSync(join(ROOT, '.output', 'chrome-mv3', 'manifest.json')))
      throw new Error('build the extension first (npx wxt build)');
    const helpers = await import('../../tests/e2e/faults-helpers');
    const rows: BenchRow[] = [];
    const mb = (b: number) => b / 1048576;

    // Worker restart latency, with a warm worker as the baseline.
    {
      const { profile, browser } = await start(helpers);
      try {
        const ext = await browser.context.newPage();
        await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
        const control = await helpers.controlSession(browser, ext);
        const ping = () =>
          ext.evaluate(async () => {
            const t0 = performance.now();
            await (globalThis as any).chrome.runtime.sendMessage({
              tm: 1,
              type: 'countTokens',
              data: { model: 'openai/gpt-5', text: 'How much is this prompt?' },
            });
            return performance.now() - t0;
          });
        await ping();
        const warm: number[] = [];
        const cold: number[] = [];
        for (let i = 0; i < 10; i++) {
          warm.push(await ping());
          await control.stop();
          cold.push(await ping());
        }
        rows.push({
          name: 'count after the worker was terminated (restart + vocabulary), median of 10',
          value: median(cold),
          unit: 'ms',
          baseline: { label: 'worker running', value: median(warm) },
        });
      } finally {
        await browser.close();
        helpers.removeProfile(profile);
      }
    }

    // The load run.
    {
      const { profile, browser } = await start(helpers);
      try {
        const f = await helpers.runLoad(browser, helpers.LOAD_CASES, SECONDS);
        const wrong = f.turns.lost.length + f.turns.doubled.length + f.turns.unexpected.length;
        rows.push({
          name: `load: ${f.tabs} tabs × ${f.seconds.toFixed(0)} s, turns lost or doubled (of ${f.turns.produced})`,
          value: wrong,
          unit: 'turns',
          target: '= 0',
          met: wrong === 0,
        });
        const growth = mb(f.heap.at(-1)! - f.heap[0]);
        rows.push({
          name: `load: worker heap after GC at the end (samples: ${f.heap.map((b) => mb(b).toFixed(1)).join(' → ')} MB)`,
          value: mb(f.heap.at(-1)!),
          unit: 'MB',
          baseline: { label: 'first sample, same run', value: mb(f.heap[0]) },
          target: 'growth < 1 MB',
          met: growth < 1,
        });
        rows.push({
          name: 'load: page long tasks > 50 ms while streaming (10 tabs at once)',
          value: f.longTasksOver50,
          unit: 'tasks',
        });
        rows.push({
          name: 'load: longest page task while streaming',
          value: f.longestTaskMs,
          unit: 'ms',
        });
      } finally {
        await browser.close();
        helpers.removeProfile(profile);
      }
    }
    return rows;
  },
};

export default suite;
