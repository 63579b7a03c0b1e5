// The overlay in real Chromium with the built extension (skipped without a build or Chromium):
// - keystroke → badge: a 10k-token draft in the composer, one character typed, until the badge
//   shows the new count (p50/p95 over 40 keystrokes); baseline: the same typing without the
//   extension, until the page's own input handler has run;
// - long tasks on the page's main thread while typing and while a 100-turn conversation loads,
//   with and without the extension;
// - heap the content script adds to a tab: V8 heap of the tab with the extension minus without;
// - a long page: a ChatGPT fixture growing to 1,000 (and 10,000) turns of random
//   Unicode, 20 per frame, then a reply streaming at its end, panel open: the longest task of
//   ours and how many exceed 50 ms (found in a DevTools trace + CPU profile,
//   tests/e2e/main-thread.ts), against the same page without the extension. OVERLAY_LONG_TURNS
//   sets the turn counts (default "1000,10000"); OVERLAY_LONG_ONLY=1 measures only this and
//   the paste below;
// - a 5 MB paste into a textarea composer (the Le Chat fixture): the longest task of ours, and
//   the longest main-thread task from any cause with and without the extension. The e2e test
//   (tests/e2e/faults-hostile.test.ts) holds the paste's count and our tasks' CPU time; the
//   wall-time target lives here because a loaded machine stretches wall time.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchRow, BenchSuite } from './types';

const ROOT = resolve(import.meta.dirname, '..', '..');
const EXT = join(ROOT, '.output', 'chrome-mv3');

function bigConversation(turns: number): string {
  const article = (i: number) =>
    i % 2 === 0
      ? `<article data-testid="conversation-turn-${i}"><div data-message-author-role="user"><div class="whitespace-pre-wrap">Question ${i}: how many tokens does this sentence use, and what would it cost on another model? 这个问题用中文再问一遍。</div></div></article>`
      : `<article data-testid="conversation-turn-${i}"><div data-message-author-role="assistant"><div class="markdown prose">${'<p>It depends on the vocabulary of the model; Chinese text is usually cheaper on Chinese tokenizers. 不同的模型词表不同，中文的 token 数也不同。</p>'.repeat(6)}</div></div></article>`;
  return `<!doctype html><html><head><title>bench</title></head><body><div id="page-header"><button data-testid="model-switcher-dropdown-button"><div>ChatGPT 5</div></button></div><main>${Array.from({ length: turns }, (_, i) => article(i)).join('')}<form><div id="prompt-textarea" contenteditable="true" class="ProseMirror"><p><br></p></div></form></main>
<script>
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
</script></body></html>`;
}

const LONG_TURNS = (process.env.OVERLAY_LONG_TURNS ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

type LongFigures = ReturnType<typeof import('../../tests/e2e/main-thread').summarise>;

/** The long-page run in one browser: grow to `turns`, stream a reply, record the main thread. */
async function longPage(
  context: BrowserContext,
  withExtension: boolean,
  turns: number,
): Promise<LongFigures> {
  const fc = (await import('fast-check')).default;
  const { growPage, liveExchange } = await import('../../tests/e2e/long-page');
  const { recordMainThread, summarise } = await import('../../tests/e2e/main-thread');
  const html = readFileSync(
    join(ROOT, 'utils', 'sites', 'chatgpt', 'fixtures', 'conversation.html'),
    'utf8',
  );
  await context.route('https://chatgpt.com/**', (r) =>
    r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  const texts = fc.sample(
    fc
      .string({ unit: 'binary', minLength: 1, maxLength: 400 })
      .map((s) => s.replace(/\s+$/, '') || 'x'),
    { numRuns: turns, seed: 4 },
  );
  const page = await context.newPage();
  await page.goto(`https://chatgpt.com/c/bench-long-${turns}`);
  let extensionId = 'none';
  if (withExtension) {
    await page
      .locator('token-meter-badge [data-testid="tm-badge"][data-health="ok"]')
      .waitFor({ timeout: 30000 });
    await page.locator('token-meter-badge [data-testid="tm-open"]').click();
    extensionId = new URL(context.serviceWorkers()[0].url()).host;
  }
  await page.waitForTimeout(1000);
  const recording = await recordMainThread(page, extensionId);
  await growPage(page, texts);
  await liveExchange(
    page,
    'prompt at the end of a long page',
    Array.from({ length: 90 }, (_, i) => `word${i} 模型`).join(' '),
  );
  await page.waitForTimeout(3000); // the reply settles and is recorded
  const figures = summarise(await recording.stop());
  await page.close();
  return figures;
}

/** A 5 MB paste into Le Chat's textarea composer, as tests/e2e/faults-hostile.test.ts does. */
async function pastePage(context: BrowserContext, withExtension: boolean): Promise<LongFigures> {
  const { recordMainThread, summarise } = await import('../../tests/e2e/main-thread');
  const html = readFileSync(
    join(ROOT, 'utils', 'sites', 'mistral', 'fixtures', 'conversation.html'),
    'utf8',
  );
  await context.route('https://chat.mistral.ai/**', (r) =>
    r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  const page = await context.newPage();
  await page.goto('https://chat.mistral.ai/chat/0d9f7a2e-1111-4222-8333-444455556666');
  let extensionId = 'none';
  if (withExtension) {
    await page
      .locator('token-meter-badge [data-testid="tm-badge"][data-health="ok"]')
      .waitFor({ timeout: 30000 });
    extensionId = new URL(context.serviceWorkers()[0].url()).host;
  }
  await page.waitForTimeout(1000);
  const recording = await recordMainThread(page, extensionId);
  await page.evaluate(() => {
    const composer = document.querySelector<HTMLTextAreaElement>('textarea[name="message.text"]')!;
    composer.value = 'pasted 文本 words '.repeat(320_000);
    composer.dispatchEvent(
      new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }),
    );
  });
  // Until the badge shows the paste's count (polled from here: functions sent to the page must
  // not name inner functions, which tsx wraps in a helper the page lacks).
  const tokens = page.locator('token-meter-badge [data-testid="tm-draft-tokens"]');
  for (let i = 0; withExtension && i < 600; i++) {
    if (Number(await tokens.getAttribute('data-tokens')) > 1_000_000) break;
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(1000);
  const figures = summarise(await recording.stop());
  await page.close();
  return figures;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function launch(withExtension: boolean) {
  const { chromium } = await import('playwright-core');
  const { findChromium, extensionArgs } = (await import('../chromium.mjs' as string)) as {
    findChromium(): string | null;
    extensionArgs(dir: string): string[];
  };
  const profile = mkdtempSync(join(tmpdir(), 'tm-bench-overlay-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium()!,
    headless: true,
    args: [...(withExtension ? extensionArgs(EXT) : ['--disable-extensions']), '--disable-gpu'],
  });
  // The worker may have started before a `serviceworker` listener could see it (then the event
  // never comes and the run hung): poll for it instead.
  for (let i = 0; withExtension && context.serviceWorkers().length === 0 && i < 150; i++)
    await new Promise((r) => setTimeout(r, 100));
  if (withExtension && context.serviceWorkers().length === 0)
    throw new Error('the extension did not start (no service worker)');
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Type one character at a time into a 10k-token draft; ms until the badge (or the page) reacts. */
async function keystrokes(
  page: Page,
  withExtension: boolean,
  n: number,
): Promise<[total: number, page: number][]> {
  return page.evaluate(
    async ({ withExtension, n }) => {
      // tsx keeps function names with a `__name` helper that the page does not have.
      (globalThis as any).__name ??= (f: unknown) => f;
      const box = document.getElementById('composer') as HTMLTextAreaElement;
      const host = document.querySelector('token-meter-badge');
      const tokens = () =>
        host?.shadowRoot
          ?.querySelector('[data-testid="tm-draft-tokens"]')
          ?.getAttribute('data-tokens') ?? '';
      const frame = () => new Promise((r) => setTimeout(r, 0));
      const times: [total: number, page: number][] = [];
      // Only every fifth keystroke (a space) is sure to change the count; time those.
      for (let i = 0; i < n; i++) {
        const before = tokens();
        const t0 = performance.now();
        box.value += i % 5 === 4 ? ' ' : 'x';
        box.dispatchEvent(new Event('input', { bubbles: true }));
        // The page's own turnaround: its next task after the keystroke (a long draft's relayout).
        await frame();
        const tPage = performance.now();
        // A space waits for its new count; a letter may not change the count at all, so it
        // waits a bounded ~40 frames, long enough for its own count to land before the next.
        const spinLimit = i % 5 === 4 ? 2000 : 40;
        for (let spins = 0; withExtension && spins < spinLimit; spins++) {
          if (tokens() !== before && tokens() !== '') break;
          await frame();
        }
        // Every fifth character is a space, so the count changes; the others may not.
        if (i % 5 === 4) times.push([performance.now() - t0, tPage - t0]);
      }
      return times;
    },
    { withExtension, n },
  );
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

const suite: BenchSuite = {
  title: 'Overlay in Chromium (demo page, 100-turn ChatGPT-shaped page)',
  async run(): Promise<BenchRow[]> {
    const { findChromium } = (await import('../chromium.mjs' as string)) as {
      findChromium(): string | null;
    };
    if (!existsSync(join(EXT, 'manifest.json')) || !findChromium()) {
      console.log('  (skipped: run `npm run build` and install Chromium to measure the overlay)');
      return [];
    }
    const { startDemoServer } = (await import('../demo-server.mjs' as string)) as {
      startDemoServer(port: number): Promise<{ url: string; close(): void }>;
    };
    const rows: BenchRow[] = [];
    // The long page first, in browsers of its own (the rows below do not depend on it).
    const long = { with: new Map<number, LongFigures>(), without: new Map<number, LongFigures>() };
    const paste = {} as Record<'with' | 'without', LongFigures>;
    for (const mode of ['without', 'with'] as const) {
      const browser = await launch(mode === 'with');
      try {
        for (const turns of LONG_TURNS)
          long[mode].set(turns, await longPage(browser.context, mode === 'with', turns));
        paste[mode] = await pastePage(browser.context, mode === 'with');
      } finally {
        await browser.close();
      }
    }
    for (const turns of LONG_TURNS) {
      const ours = long.with.get(turns)!;
      const bare = long.without.get(turns)!;
      const n = turns.toLocaleString('en-US');
      rows.push({
        name: `${n} turns rendering + a reply streaming: longest task of ours (wall; its CPU ${ours.extLongestCpu.toFixed(0)} ms; ${ours.extTasks} tasks, ${ours.extJsMs.toFixed(0)} ms of our JS in all)`,
        value: ours.extLongest,
        unit: 'ms',
        baseline: { label: 'longest task of the same page, no extension', value: bare.longestMs },
        target: 'no task of ours > 50 ms',
        met: ours.extLongest <= 50,
      });
      rows.push({
        name: `… tasks of ours over 50 ms (${n} turns)`,
        value: ours.extOver50,
        unit: 'tasks',
        baseline: { label: "the page's own long tasks, no extension", value: bare.longTasks },
        target: '= 0',
        met: ours.extOver50 === 0,
      });
      rows.push({
        name: `… the page's long tasks from any cause (${n} turns; longest ${ours.longestMs.toFixed(0)} ms, without the extension ${bare.longestMs.toFixed(0)} ms)`,
        value: ours.longTasks,
        unit: 'tasks',
        baseline: { label: 'the same page, no extension', value: bare.longTasks },
      });
    }

    // From any cause, the paste is dominated by Chromium laying out 5 MB of text in the
    // textarea (seconds in headless Chromium without a GPU, with or without us): shown, no
    // target. Ours is the target: our input listener runs inside the paste's own task.
    rows.push({
      name: `5 MB paste into a textarea composer: longest main-thread task from any cause (${paste.with.longTasks} over 50 ms)`,
      value: paste.with.longestMs,
      unit: 'ms',
      baseline: { label: 'the same paste, no extension', value: paste.without.longestMs },
    });
    rows.push({
      name: `… longest task of ours (wall; its CPU ${paste.with.extLongestCpu.toFixed(0)} ms; ${paste.with.extTasks} tasks)`,
      value: paste.with.extLongest,
      unit: 'ms',
      target: 'no task of ours > 50 ms',
      met: paste.with.extLongest <= 50,
    });

    // The demo-page rows; if they cannot be measured the long-page rows above still stand.
    // OVERLAY_LONG_ONLY=1 measures the long page alone.
    if (process.env.OVERLAY_LONG_ONLY === '1') return rows;
    try {
      const demo = await startDemoServer(0);
      const results: Record<
        'with' | 'without',
        {
          keys: [number, number][];
          longTyping: number;
          longLoad: number;
          heap: number;
        }
      > = {} as never;
      const draft = 'Token Meter counts every prompt. 中文提示也一样计算。 '.repeat(900); // ≈10k tokens
      try {
        for (const mode of ['without', 'with'] as const) {
          const browser = await launch(mode === 'with');
          try {
            const page = await browser.context.newPage();
            await page.goto(demo.url);
            if (mode === 'with')
              await page.locator('token-meter-badge').waitFor({ state: 'attached' });
            await page.locator('#composer').fill(draft);
            await page.waitForTimeout(1500); // first full count of the draft
            await page.evaluate(() => {
              (window as any).__lt = [];
              new PerformanceObserver((l) =>
                l.getEntries().forEach((e) => (window as any).__lt.push(e.duration)),
              ).observe({
                type: 'longtask',
              });
            });
            const keys = await keystrokes(page, mode === 'with', 100);
            const longTyping = Math.max(
              0,
              ...((await page.evaluate(() => (window as any).__lt)) as number[]),
            );
            const heap = await heapUsed(page);

            await browser.context.route('https://chatgpt.com/**', (r) =>
              r.fulfill({ body: bigConversation(100), contentType: 'text/html' }),
            );
            const big = await browser.context.newPage();
            await big.goto('https://chatgpt.com/c/bench');
            await big.waitForTimeout(2500);
            const longLoad = Math.max(
              0,
              ...((await big.evaluate(() => (window as any).__longTasks)) as number[]),
            );
            results[mode] = { keys, longTyping, longLoad, heap };
          } finally {
            await browser.close();
          }
        }
      } finally {
        demo.close();
      }
      const w = results.with;
      const wo = results.without;
      const total = w.keys.map(([t]) => t);
      const added = w.keys.map(([t, p]) => t - p);
      const pageOnly = wo.keys.map(([, p]) => p);
      const p95 = percentile(total, 95);
      rows.push({
        name: `keystroke → badge count, 10k-token draft (p95 of ${total.length}; p50 ${percentile(total, 50).toFixed(1)} ms)`,
        value: p95,
        unit: 'ms',
        baseline: {
          label: "the page's own turnaround for the same keystroke, no extension",
          value: percentile(pageOnly, 95),
        },
        // No target on the total: the page's own turnaround (its textarea relayout, the baseline)
        // is already over 16 ms here and no extension can shorten it; the target is on the row
        // below, what the overlay adds after it.
      });
      const addedP95 = percentile(added, 95);
      rows.push({
        name: "… of which after the page's own turnaround (what the overlay adds)",
        value: addedP95,
        unit: 'ms',
        target: '< 16 ms',
        met: addedP95 < 16,
      });
      rows.push({
        name: 'longest main-thread task while typing',
        value: w.longTyping,
        unit: 'ms',
        baseline: { label: 'no extension', value: wo.longTyping },
        target: 'no task > 50 ms',
        met: w.longTyping <= 50,
      });
      rows.push({
        name: 'longest main-thread task while a 100-turn conversation loads',
        value: w.longLoad,
        unit: 'ms',
        baseline: { label: 'no extension', value: wo.longLoad },
        target: 'no task > 50 ms',
        met: w.longLoad <= 50,
      });
      const heapAdded = (w.heap - wo.heap) / 1024 / 1024;
      rows.push({
        name: 'heap the content script adds to a tab (V8 heap with − without extension)',
        value: heapAdded,
        unit: 'MB',
        baseline: { label: 'tab heap without extension', value: wo.heap / 1024 / 1024 },
        target: '< 5 MB',
        met: heapAdded < 5,
      });
    } catch (error) {
      rows.push({
        name: `keystroke, typing and heap rows not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        value: 0,
        unit: '',
        met: false,
      });
    }
    return rows;
  },
};

export default suite;
