import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TokenCounter } from '../../utils/core/tokenize';
import { loadVocabFromNodeModules } from '../../scripts/cli/count';
import {
  demoServer,
  launch,
  openExtensionPage,
  reportOnFailure,
  ROOT,
  shot,
  type Session,
} from './harness';
import { badge } from './overlay-helpers';

const SAMPLES = join(ROOT, 'tests/fixtures/tokenize/samples');
const TEXT =
  readFileSync(join(SAMPLES, 'english.txt'), 'utf8') +
  '\n' +
  readFileSync(join(SAMPLES, 'zh-cn.txt'), 'utf8').slice(0, 1500);

const rowsOf = (page: Page) =>
  page.getByTestId('compare-row').evaluateAll((rows) =>
    rows.map((r) => ({
      model: r.getAttribute('data-model')!,
      tokens: r.getAttribute('data-tokens'),
      total: r.getAttribute('data-total-micro-usd'),
      pinned: r.getAttribute('data-pinned') === 'true',
    })),
  );

/** Every family counted, for the text now in the box (not an earlier one still on screen). */
async function allCounted(page: Page) {
  await expect
    .poll(
      async () => {
        // Counted for the text now in the box: React may not have seen the fill yet, so compare
        // the counted text's length with the box's own value rather than trusting data-stale alone.
        const progress = page.getByTestId('family-progress');
        const boxLength = (await page.getByTestId('compare-text').inputValue()).length;
        if ((await progress.getAttribute('data-stale')) !== 'false') return false;
        if (Number(await progress.getAttribute('data-counted-chars')) !== boxLength) return false;
        const chips = await page
          .getByTestId('family')
          .evaluateAll((c) => c.map((x) => x.getAttribute('data-status')));
        return chips.length > 0 && chips.every((s) => s === 'done');
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

describe('compare page', () => {
  let session: Session;
  let page: Page | undefined;

  beforeAll(async () => {
    session = await launch();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('counts a pasted prompt per model, sorts, pins, searches', async () => {
    reportOnFailure(session, () => page, 'compare');
    page = await openExtensionPage(session, 'compare.html');
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.getByTestId('compare-text').fill(TEXT);
    await allCounted(page);

    // Chips and rows render in separate commits: wait for the rows themselves to carry counts.
    await expect
      .poll(async () => (await rowsOf(page!)).every((r) => /^\d+$/.test(r.tokens ?? '')), {
        timeout: 30_000,
      })
      .toBe(true);
    const rows = await rowsOf(page);
    expect(rows.length).toBeGreaterThanOrEqual(14);

    // The page's counts are the engine's: the same numbers as counting here in Node.
    const counter = new TokenCounter(loadVocabFromNodeModules);
    for (const model of ['openai/gpt-5.5', 'deepseek/deepseek-v3.2', 'alibaba/qwen3.6-plus']) {
      const row = rows.find((r) => r.model === model)!;
      expect(Number(row.tokens), model).toBe((await counter.count(TEXT, model)).tokens);
    }

    // Sorted by total, cheapest first, by default; a click reverses it.
    const totals = (rs: { total: string | null }[]) =>
      rs.filter((r) => r.total).map((r) => Number(r.total));
    const asc = totals(await rowsOf(page));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.getByTestId('sort-total').click();
    const desc = totals(await rowsOf(page));
    expect(desc).toEqual([...asc].sort((a, b) => b - a));
    await page.getByTestId('sort-tokens').click();
    const tokens = (await rowsOf(page)).map((r) => Number(r.tokens));
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));

    // Pin one model of the list, and add + pin one from the card search.
    await page.locator('[data-model="zai/glm-5-turbo"] [data-testid="pin"]').click();
    await page.getByTestId('model-search').fill('glm 5.1');
    await page.getByRole('button', { name: 'Pin' }).first().click();
    await expect
      .poll(async () =>
        (await rowsOf(page!))
          .filter((r) => r.pinned)
          .map((r) => r.model)
          .sort(),
      )
      .toEqual(['zai/glm-5-turbo', 'zai/glm-5.1']);
    await page.getByTestId('model-search').fill('');
    await page.getByTestId('sort-total').click();
    // Ratios against a chosen current model.
    await page.locator('[data-model="openai/gpt-5.5"] [data-testid="make-current"]').click();
    const gpt = page.locator('[data-model="openai/gpt-5.5"]');
    await expect.poll(() => gpt.getByTestId('ratio').textContent()).toBe('1.00x');
    const withRatio = await page.getByTestId('compare-row').evaluateAll((rows) =>
      rows.map((r) => ({
        total: Number(r.getAttribute('data-total-micro-usd')),
        ratio: r.querySelector('[data-testid="ratio"]')!.textContent,
      })),
    );
    const base = withRatio.find((r) => r.ratio === '1.00x')!.total;
    for (const r of withRatio) {
      const expected = r.total / base;
      expect(r.ratio).toBe(
        expected < 0.01
          ? '<0.01x'
          : expected >= 10
            ? `${Math.round(expected)}x`
            : `${expected.toFixed(2)}x`,
      );
    }
    // Filters: a region, then a provider; the current model always stays.
    await page.getByTestId('filter-region').selectOption('china');
    const chinese = (await rowsOf(page)).map((r) => r.model.split('/')[0]);
    expect(new Set(chinese)).toEqual(
      new Set([
        'alibaba',
        'xiaomi',
        'stepfun',
        'minimax',
        'deepseek',
        'zai',
        'moonshotai',
        'openai',
      ]),
    );
    await page.getByTestId('filter-region').selectOption('');
    await page.getByTestId('filter-provider').selectOption('anthropic');
    expect((await rowsOf(page)).map((r) => r.model).sort()).toEqual([
      'anthropic/claude-opus-4-8',
      'anthropic/claude-sonnet-4-6',
      'openai/gpt-5.5',
    ]);
    await page.getByTestId('filter-provider').selectOption('');
    await page.mouse.move(0, 0);
    await shot(page, 'compare');

    // Pins survive a reload (storage.local); the added model stays because it is pinned.
    await page.reload();
    await page.getByTestId('compare-text').fill('hello');
    await allCounted(page);
    const after = await rowsOf(page);
    expect(
      after
        .filter((r) => r.pinned)
        .map((r) => r.model)
        .sort(),
    ).toEqual(['zai/glm-5-turbo', 'zai/glm-5.1']);
    // Unpin.
    await page.locator('[data-model="zai/glm-5.1"] [data-testid="pin"]').click();
    await expect
      .poll(async () => (await rowsOf(page!)).some((r) => r.model === 'zai/glm-5.1'))
      .toBe(false);
  }, 180_000);

  it('opens on a text handed over by the overlay, without the text in the URL', async () => {
    const sender = await openExtensionPage(session, 'compare.html');
    const opened = session.context.waitForEvent('page');
    const reply = await sender.evaluate(() =>
      (globalThis as any).chrome.runtime.sendMessage({
        tm: 1,
        type: 'openCompare',
        data: {
          text: 'Summarise this thread in three bullet points.',
          source: 'draft',
          outputRatio: 2,
          currentModel: 'openai/gpt-5.5',
          site: 'ChatGPT',
        },
      }),
    );
    expect(reply).toEqual({ ok: true, value: { opened: true } });
    page = await opened;
    await page.waitForLoadState();
    expect(page.url()).toMatch(/compare\.html\?handoff=[0-9a-f-]{36}$/);
    await expect
      .poll(() => page!.getByTestId('compare-text').inputValue())
      .toBe('Summarise this thread in three bullet points.');
    await allCounted(page);
    const current = page.locator('[data-model="openai/gpt-5.5"]');
    await expect.poll(() => current.getByTestId('ratio').textContent()).toBe('1.00x');
    // The reply length defaults to the conversation's ratio: 2 × the prompt's tokens.
    expect(await page.getByTestId('output-ratio').inputValue()).toBe('2');
    // Read once: the hand-off is gone from session storage.
    const left = await page.evaluate(() =>
      (globalThis as any).chrome.storage.session.get('compareHandoffs'),
    );
    expect(Object.keys(left.compareHandoffs ?? {})).toEqual([]);
    await sender.close();
  }, 120_000);

  it('opens from the overlay panel on the demo page with the conversation', async () => {
    const demo = await demoServer();
    try {
      reportOnFailure(session, () => page, 'compare-from-overlay');
      const site = await session.context.newPage();
      await site.goto(demo.url);
      await expect
        .poll(() => badge(site, 'tm-model').getAttribute('data-model'), { timeout: 15000 })
        .toBe('openai/gpt-5');
      await site.locator('#composer').fill('Which of these is cheapest?');
      await badge(site, 'tm-open').click();
      const opened = session.context.waitForEvent('page');
      await badge(site, 'tm-compare-conversation').click();
      page = await opened;
      await page.waitForLoadState();
      expect(page.url()).toMatch(/compare\.html\?handoff=/);
      await expect
        .poll(() => page!.getByTestId('compare-text').inputValue())
        .toMatch(/Which of these is cheapest\?$/);
      const text = await page.getByTestId('compare-text').inputValue();
      expect(text.split('\n\n').length).toBeGreaterThan(2);
      await allCounted(page);
      await expect
        .poll(() => page!.locator('[data-model="openai/gpt-5"]').getByTestId('ratio').textContent())
        .toBe('1.00x');
      await site.close();
    } finally {
      demo.close();
    }
  }, 120_000);
});
