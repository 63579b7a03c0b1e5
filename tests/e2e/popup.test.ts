import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateEvents } from '../../utils/db/__tests__/generate';
import type { StoredEvent } from '../../utils/db/types';
import { CATALOGS } from '../../utils/i18n/catalogs';
import { launch, openExtensionPage, reportOnFailure, shot, type Session } from './harness';

// A year of heavy use: 100k turns ending now (the background keeps the popup's snapshot for the
// real clock), with the popup pinned to the same instant (?now=) so that it and the independent
// aggregation below look at the same periods.
const NOW = Date.now();
const EVENTS = generateEvents(100_000, { end: NOW, days: 365, seed: 2026 });

/**
 * Independent aggregation: local dates from `toLocaleDateString` per event, week = the Monday
 * on or before today's local date, month = same "YYYY-MM". No code shared with the extension.
 */
function independent(events: StoredEvent[], timeZone: string) {
  const localDate = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone });
  const shift = (date: string, days: number) =>
    new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const today = localDate(NOW);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const weekStart = shift(today, -weekday);
  const month = today.slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const prevMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const sums = {
    day: 0,
    week: 0,
    month: 0,
    prevDay: 0,
    prevWeek: 0,
    prevMonth: 0,
    weekEvents: 0,
    weekBySite: {} as Record<string, number>,
  };
  for (const e of events) {
    const d = localDate(e.time);
    const cost = e.costMicroUsd ?? 0;
    if (d === today) sums.day += cost;
    if (d === shift(today, -1)) sums.prevDay += cost;
    if (d >= weekStart && d <= today) {
      sums.week += cost;
      sums.weekEvents += 1;
      sums.weekBySite[e.site] = (sums.weekBySite[e.site] ?? 0) + cost;
    }
    if (d >= shift(weekStart, -7) && d < weekStart) sums.prevWeek += cost;
    if (d.startsWith(month)) sums.month += cost;
    if (d.startsWith(prevMonth)) sums.prevMonth += cost;
  }
  return sums;
}

describe('popup with 100k events', () => {
  let session: Session;
  let page: Page | undefined;

  beforeAll(async () => {
    session = await launch();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('shows the same numbers as an independent aggregation', async () => {
    reportOnFailure(session, () => page, 'popup-100k');
    const seeder = await openExtensionPage(session, 'popup.html');
    // Weeks start on Monday for this check; the popup reads the setting like any user's.
    await seeder.evaluate(() =>
      (globalThis as any).chrome.storage.local.set({ calendar: { weekStart: 'monday' } }),
    );
    const started = Date.now();
    for (let i = 0; i < EVENTS.length; i += 5_000) {
      const events = EVENTS.slice(i, i + 5_000);
      // A JSON string crosses the DevTools protocol far faster than a structured argument.
      const reply = await seeder.evaluate(
        (json) =>
          (globalThis as any).chrome.runtime.sendMessage({
            tm: 1,
            type: 'importHistory',
            data: JSON.parse(json),
          }),
        JSON.stringify({ events, titles: [] }),
      );
      expect(reply).toMatchObject({ ok: true, value: { added: events.length, duplicates: 0 } });
    }
    console.log(`seeded 100k events through importHistory in ${Date.now() - started} ms`);
    const timeZone = await seeder.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await seeder.close();

    page = await session.context.newPage();
    await page.setViewportSize({ width: 360, height: 600 });
    await page.goto(`chrome-extension://${session.extensionId}/popup.html?now=${NOW}`);
    await page.locator('main[data-ready-ms]').waitFor();
    // The background's snapshot (written ~0.1 s after the last import) replaces the query's
    // numbers if the popup opened before it; it is keyed by day, so a run across midnight
    // only ever sees the query.
    const sameDay = new Date(NOW).toDateString() === new Date().toDateString();
    if (sameDay)
      await expect.poll(() => page!.locator('main').getAttribute('data-source')).toBe('snapshot');
    const readyMs = Number(await page.locator('main').getAttribute('data-ready-ms'));
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const mark = (name: string) => Math.round(performance.getEntriesByName(name)[0]?.startTime);
      return {
        domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
        storageRead: mark('tm-storage-read'),
        queryStart: mark('tm-query-start'),
        queryDone: mark('tm-query-done'),
        numbers: mark('tm-numbers'),
      };
    });
    console.log(
      `popup (100k events): numbers on screen ${readyMs} ms after navigation start; ` +
        `DOMContentLoaded ${timing.domContentLoaded} ms, snapshot and settings read ${timing.storageRead} ms, ` +
        `query (if the snapshot did not fit yet) ${timing.queryStart}–${timing.queryDone} ms, numbers ${timing.numbers} ms`,
    );

    const expected = independent(EVENTS, timeZone);
    /** The numbers on `on` against the independent aggregation. */
    const checkNumbers = async (on: Page) => {
      const micro = async (testid: string, attr = 'data-micro-usd') =>
        Number(await on.getByTestId(testid).getAttribute(attr));
      expect(await micro('total-day')).toBe(expected.day);
      expect(await micro('total-week')).toBe(expected.week);
      expect(await micro('total-month')).toBe(expected.month);
      expect(await micro('change-day', 'data-previous-micro-usd')).toBe(expected.prevDay);
      expect(await micro('change-week', 'data-previous-micro-usd')).toBe(expected.prevWeek);
      expect(await micro('change-month', 'data-previous-micro-usd')).toBe(expected.prevMonth);
      expect(Number(await on.getByTestId('total-week').getAttribute('data-events'))).toBe(
        expected.weekEvents,
      );
      const sites = await on
        .getByTestId('by-site')
        .evaluateAll((rows) =>
          rows.map((r) => [r.getAttribute('data-key'), Number(r.getAttribute('data-micro-usd'))]),
        );
      expect(Object.fromEntries(sites)).toEqual(expected.weekBySite);
    };
    await checkNumbers(page);
    // The full query path (no snapshot) shows the same numbers.
    const queried = await session.context.newPage();
    await queried.goto(
      `chrome-extension://${session.extensionId}/popup.html?now=${NOW}&source=query`,
    );
    await queried.locator('main[data-ready-ms]').waitFor();
    expect(await queried.locator('main').getAttribute('data-source')).toBe('rollups');
    await checkNumbers(queried);
    await queried.close();
    // The chart's code is loaded after the numbers; its bars are drawn (a canvas appears).
    await page.getByTestId('daily-chart').locator('canvas').waitFor();
    // The other-model figure is computed by the background from the same week, once its
    // section (under the fold) comes near the view.
    expect(await page.getByTestId('other-model').getAttribute('data-state')).toBe('waiting');
    await page.getByTestId('other-model').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page!.getByTestId('other-model-cost').getAttribute('data-micro-usd'))
      .toMatch(/^\d+$/);
    // The conversion states its method and the token engine's factors it used.
    expect(await page.getByTestId('other-model-method').textContent()).toMatch(
      /token engine.*Factors: \S+ → deepseek-v3 × \d\.\d\d \(\d+ turns?\)/,
    );
    await expect.poll(() => page!.getByTestId('popup-status').textContent()).toMatch(/ready/);
    await page.setViewportSize({ width: 360, height: 1000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'popup');

    // A second opening, as a user opens the popup again and again.
    await page.close();
    page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html?now=${NOW}`);
    await page.locator('main[data-ready-ms]').waitFor();
    console.log(
      `popup (100k events), second opening: numbers on screen ${await page.locator('main').getAttribute('data-ready-ms')} ms after navigation start (from ${await page.locator('main').getAttribute('data-source')})`,
    );

    // Export of the 100k events from the options page, as a user does it.
    const options = await openExtensionPage(session, 'options.html');
    // The download path (Blob parts): the real file picker is a dialog no test can answer.
    await options.evaluate(() =>
      Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true }),
    );
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByTestId('export-json').click(),
    ]);
    const exportMs = Number(await options.getByTestId('export-ms').getAttribute('data-ms'));
    const split = await options
      .getByTestId('export-ms')
      .evaluate((el) => [el.getAttribute('data-read-ms'), el.getAttribute('data-serialize-ms')]);
    expect(download.suggestedFilename()).toMatch(/^token-meter-history-.*\.json$/);
    console.log(
      `export JSON of 100k events in Chromium: ${exportMs} ms (read ${split[0]} ms, serialize ${split[1]} ms)`,
    );
    expect(await options.getByTestId('export-status').textContent()).toMatch(
      /Exported 100,000 turns/,
    );
  }, 420_000);

  /** CNY as the display currency at a synced rate of 7.05 dated NOW's day, plus `more` items. */
  async function showInCny(more: Record<string, unknown> = {}) {
    const setup = await openExtensionPage(session, 'popup.html');
    await setup.evaluate(
      ([rateDay, items]) =>
        (globalThis as any).chrome.storage.local.set({
          ...items,
          currency: { currency: 'CNY', rates: {} },
          exchangeRates: {
            rates: { CNY: { currency: 'CNY', perUsd: 7.05, date: rateDay, source: 'synced' } },
            lastAttempt: null,
            error: null,
          },
        }),
      [new Date(NOW).toISOString().slice(0, 10), more] as const,
    );
    await setup.close();
  }

  it('shows the sums in CNY at the synced rate, and in USD with the reason when there is no rate', async () => {
    reportOnFailure(session, () => page, 'popup-cny');
    // A rate as the sync stores it (Frankfurter's shape after parsing), dated the popup's day.
    await showInCny();
    const day = new Date(NOW).toISOString().slice(0, 10);
    /** "CN¥1,234.56" → 1234.56 */
    const amountOf = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

    page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html?now=${NOW}`);
    await page.locator('main[data-ready-ms]').waitFor();
    const week = page.getByTestId('total-week');
    const micro = Number(await week.getAttribute('data-micro-usd'));
    expect(micro).toBeGreaterThan(0);
    const amount = await week.locator('.tm-amount').textContent();
    expect(amount).toMatch(/^CN¥/);
    expect(amountOf(amount)).toBeCloseTo((micro * 7.05) / 1e6, 1);
    expect(await week.locator('.tm-amount').getAttribute('title')).toContain(
      `today’s rate: converted at 7.05 CNY/USD on ${day} (synced rate)`,
    );
    await expect
      .poll(() => page!.locator('footer.tm-footer').textContent())
      .toContain(`converted at 7.05 CNY/USD on ${day} (synced rate)`);
    expect(await page.locator('footer.tm-footer').textContent()).not.toContain('stale');

    // The spend page converts its sums alike.
    const dash = await openExtensionPage(session, `dashboard.html?period=week&now=${NOW}`);
    await dash.locator('main[data-ready-ms]').waitFor();
    expect(await dash.getByTestId('dash-total').textContent()).toMatch(/CN¥/);
    expect(await dash.getByTestId('dash-total').getAttribute('title')).toContain('7.05 CNY/USD');
    expect(await dash.locator('footer.tm-dash-note').textContent()).toContain(
      `converted at 7.05 CNY/USD on ${day} (synced rate)`,
    );
    await dash.close();

    // A currency with no rate anywhere (a rate the user set, then cleared): USD, and why.
    await page.evaluate(() =>
      (globalThis as any).chrome.storage.local.set({ currency: { currency: 'XAF', rates: {} } }),
    );
    await expect.poll(() => week.locator('.tm-amount').textContent()).toMatch(/^\$/);
    expect(amountOf(await week.locator('.tm-amount').textContent())).toBeCloseTo(micro / 1e6, 1);
    expect(await page.locator('footer.tm-footer').textContent()).toContain(
      'no exchange rate for XAF: shown in USD',
    );
    await page.evaluate(() =>
      (globalThis as any).chrome.storage.local.set({ currency: { currency: 'USD', rates: {} } }),
    );
  }, 60_000);

  it('draws the numbers and the currency in Chinese, from the first paint on, with the language set to zh-CN', async () => {
    reportOnFailure(session, () => page, 'popup-zh-CN');
    const zh = CATALOGS['zh-CN'];
    await showInCny({ language: 'zh-CN' });

    page = await session.context.newPage();
    // The cards drawn before React (the first paint), as they first appear.
    await page.addInitScript(() => {
      const seen: string[][] = [];
      (globalThis as any).tmFirstPaint = seen;
      new MutationObserver(() => {
        const main = document.querySelector('main[data-first-paint]');
        if (main && seen.length === 0)
          seen.push([...main.querySelectorAll('.tm-card')].map((c) => c.textContent ?? ''));
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${session.extensionId}/popup.html?now=${NOW}`);
    await page.locator('main[data-ready-ms]').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    const titles = [zh['popup.period.day'], zh['popup.period.week'], zh['popup.period.month']].map(
      String,
    );
    for (const [i, kind] of (['day', 'week', 'month'] as const).entries()) {
      const card = page.getByTestId(`total-${kind}`);
      expect(await card.locator('.tm-card-title').textContent()).toBe(titles[i]);
      const micro = Number(await card.getAttribute('data-micro-usd'));
      const events = Number(await card.getAttribute('data-events'));
      const amount = (await card.locator('.tm-amount').textContent()) ?? '';
      // Chinese writes yuan as ¥ (English: CN¥).
      expect(amount).toMatch(/^¥[\d,]+\.\d{2}$/);
      expect(Number(amount.replace(/[^\d.]/g, ''))).toBeCloseTo((micro * 7.05) / 1e6, 1);
      expect(await card.locator('.tm-sub').textContent()).toContain(
        (zh['popup.turns'] as { other: string }).other.replace(
          '{count}',
          events.toLocaleString('zh-CN'),
        ),
      );
    }
    if (new Date(NOW).toDateString() === new Date().toDateString()) {
      // The snapshot fits: the cards were drawn before React, already in Chinese and in yuan.
      const first = (await page.evaluate(() => (globalThis as any).tmFirstPaint)) as string[][];
      expect(first).toHaveLength(1);
      expect(first[0]).toHaveLength(3);
      for (const [i, text] of first[0].entries()) {
        expect(text.startsWith(titles[i])).toBe(true);
        expect(text).toContain('¥');
        expect(text).not.toContain('CN¥');
      }
    }
    const footer = page.locator('footer.tm-footer');
    await expect.poll(() => footer.textContent()).toContain(zh['popup.apiEquivalent'] as string);
    expect(await footer.textContent()).toContain(zh['popup.money.origin.synced'] as string);
    expect(await footer.textContent()).toContain('7.05');

    await page.evaluate(() =>
      (globalThis as any).chrome.storage.local.set({
        language: 'auto',
        currency: { currency: 'USD', rates: {} },
      }),
    );
  }, 60_000);
});
