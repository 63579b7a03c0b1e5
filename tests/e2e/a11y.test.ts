// Accessibility and the store listing: axe-core (WCAG 2 A/AA rules) on each extension page (the
// dashboard with a small history of chat turns and imported usage, so its cards, chart and
// tables are checked) and on the overlay, in English and in Chinese, with no serious or critical violation; the same in the
// dark colour scheme (English: the palettes do not depend on the language); keyboard use of
// the overlay; and the listing screenshots (1280×800) of each page in both languages, written to
// docs/store/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../scripts/bench/dashboard-seed';
import {
  demoServer,
  DOCS_DIR,
  launch,
  openExtensionPage,
  reportOnFailure,
  type Session,
} from './harness';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const STORE_DIR = join(DOCS_DIR, 'store');
const PAGES = ['popup.html', 'options.html', 'compare.html', 'welcome.html'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe's serious and critical violations on the page (run through the DevTools protocol: no CSP). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

/**
 * A month of history through the background's import (chat turns and, every fifth event,
 * imported agent and API usage), then the dashboard's all-time view with its numbers drawn.
 */
async function openDashboardWithHistory(session: Session, page: Page): Promise<void> {
  const now = Date.UTC(2026, 11, 6, 12);
  const events = generateHistory(400, now, 30, 5, 0, 0);
  await page.goto(`chrome-extension://${session.extensionId}/dashboard.html?period=all&now=${now}`);
  const reply = await page.evaluate(
    (json) =>
      (globalThis as any).chrome.runtime.sendMessage({
        tm: 1,
        type: 'importHistory',
        data: JSON.parse(json),
      }),
    JSON.stringify({ events, titles: [] }),
  );
  expect(reply).toMatchObject({ ok: true });
  await page.reload();
  await page.locator('main[data-ready-ms]').waitFor();
  await page.getByTestId('split-kind').waitFor();
}

async function setLanguage(ext: Page, language: 'en' | 'zh-CN') {
  await ext.evaluate(
    (language) => (globalThis as any).chrome.storage.local.set({ language }),
    language,
  );
}

describe.each(['en', 'zh-CN'] as const)(
  'accessibility and listing screenshots (%s)',
  (language) => {
    let session: Session;
    let page: Page | undefined;
    let demo: { url: string; close(): void };

    beforeAll(async () => {
      session = await launch();
      demo = await demoServer();
      const ext = await openExtensionPage(session, 'popup.html');
      await setLanguage(ext, language);
      await ext.close();
      mkdirSync(STORE_DIR, { recursive: true });
    });
    afterAll(async () => {
      await session?.close();
      demo?.close();
    });

    it.each(PAGES)('%s has no serious or critical axe violation', async (path) => {
      reportOnFailure(session, () => page, `a11y-${language}-${path}`);
      page = await session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`chrome-extension://${session.extensionId}/${path}`);
      await expect.poll(() => page!.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.waitForTimeout(500);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({
        path: join(STORE_DIR, `${path.replace('.html', '')}-${language}.png`),
      });
      await page.close();
    });

    it('dashboard.html with spend has no serious or critical axe violation', async () => {
      reportOnFailure(session, () => page, `a11y-${language}-dashboard`);
      page = await session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await openDashboardWithHistory(session, page);
      await expect.poll(() => page!.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.waitForTimeout(500);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(STORE_DIR, `dashboard-${language}.png`) });
      await page.close();
    });

    it('the overlay: usable by keyboard, no serious or critical axe violation', async () => {
      reportOnFailure(session, () => page, `a11y-${language}-overlay`);
      page = await session.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(demo.url);
      const open = page.locator('token-meter-badge [data-testid="tm-open"]');
      await open.waitFor();
      await page.locator('#composer').fill('How many tokens does this draft take?');
      // Keyboard: focus the badge's button, open the panel with Enter, close it with its button.
      await open.focus();
      await page.keyboard.press('Enter');
      await page.locator('token-meter-badge [data-testid="tm-panel"]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(STORE_DIR, `overlay-${language}.png`) });
      await page.close();
    });
  },
);

describe('accessibility in the dark colour scheme', () => {
  let session: Session;
  let page: Page | undefined;
  let demo: { url: string; close(): void };

  beforeAll(async () => {
    session = await launch();
    demo = await demoServer();
  });
  afterAll(async () => {
    await session?.close();
    demo?.close();
  });

  async function darkPage(url: string) {
    page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      true,
    );
    return page;
  }

  it.each(PAGES)('%s has no serious or critical axe violation', async (path) => {
    reportOnFailure(session, () => page, `a11y-dark-${path}`);
    const p = await darkPage(`chrome-extension://${session.extensionId}/${path}`);
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe('en');
    await p.waitForTimeout(500);
    // A page with a dark palette must show it (else this would check the light one again); the
    // popup and options declare the light scheme only.
    const scheme = await p.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      const bg = getComputedStyle(document.body).backgroundColor;
      const [r = 255, g = 255, b = 255] = (bg.match(/\d+/g) ?? []).map(Number);
      return { declared: style.colorScheme, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
    });
    if (/dark/.test(scheme.declared)) expect(scheme.luminance).toBeLessThan(64);
    expect(await seriousViolations(p)).toEqual([]);
    await p.close();
  });

  it('dashboard.html with spend', async () => {
    reportOnFailure(session, () => page, 'a11y-dark-dashboard');
    const p = await darkPage(`chrome-extension://${session.extensionId}/welcome.html`);
    await openDashboardWithHistory(session, p);
    await p.waitForTimeout(500);
    expect(await seriousViolations(p)).toEqual([]);
    await p.close();
  });

  it('the overlay and its panel', async () => {
    reportOnFailure(session, () => page, 'a11y-dark-overlay');
    const p = await darkPage(demo.url);
    const open = p.locator('token-meter-badge [data-testid="tm-open"]');
    await open.waitFor();
    await p.locator('#composer').fill('How many tokens does this draft take?');
    await open.focus();
    await p.keyboard.press('Enter');
    await p.locator('token-meter-badge [data-testid="tm-panel"]').waitFor();
    await expect
      .poll(() =>
        p.locator('token-meter-badge [data-testid="tm-badge"]').getAttribute('data-theme'),
      )
      .toBe('dark');
    expect(await seriousViolations(p)).toEqual([]);
    await p.close();
  });
});
