// The tier-2 sites and the API playgrounds in real Chromium with the built extension: each
// reconstructed fixture is served under the site's real URL (so the content script matches its
// real pattern), a draft is typed where the site takes it, and the badge must show the engine's
// count and the card's price for the model the page names: OpenRouter at OpenRouter's offer,
// playgrounds with their max-output setting as the assumed output. The fixtures are
// reconstructions, not captures: this proves the wiring on markup we believe the sites use, not
// that the live sites still use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  launch,
  openExtensionPage,
  readFixture,
  readSiteFixture,
  reportOnFailure,
  shot,
  type Session,
} from './harness';
import { ADAPTERS } from '@/utils/sites';
import { EXPECTATIONS } from '@/utils/sites/__tests__/expectations';
import {
  pageSelection,
  showSelectionCard,
  type SelectionCard,
} from '@/utils/background/selection-card';

interface Tier2Case {
  site: string;
  url: string;
  /** Where a user types the next prompt on this page. */
  typeInto: string;
  /** The card id the badge must price on (null: the page names no model, the user picks). */
  model: string | null;
  offer?: 'openrouter';
  /** The fixture's max-output setting (playgrounds), assumed as the draft's output. */
  assumedOutput?: number;
  /** The site's own token count on the page (AI Studio's), shown in the panel as the site's. */
  siteTokens?: number;
}

/**
 * Every registered site whose e2e data (its `__tests__/expected.ts`) names where to type a draft
 * rather than an exchange to record, in registry order.
 */
const CASES: Tier2Case[] = ADAPTERS.flatMap((adapter): Tier2Case[] => {
  const expected = EXPECTATIONS[adapter.id];
  if (!expected || expected.e2e.exchange || !expected.e2e.typeInto) return [];
  return [
    {
      site: adapter.id,
      url: expected.e2e.url,
      typeInto: expected.e2e.typeInto,
      model: expected.conversation.model,
      offer: adapter.pricing?.offer === 'openrouter' ? 'openrouter' : undefined,
      assumedOutput: expected.conversation.maxOutput,
      siteTokens: expected.conversation.siteTokens,
    },
  ];
});

const DRAFT = 'Count me: 这句话有几个 token？ Ünïcödé too.';

async function serve(context: BrowserContext, c: Tier2Case) {
  const html = readSiteFixture(c.site, 'conversation.html');
  const url = new URL(c.url);
  // Only this page's path: openrouter.ai also serves the rate-card feed and two adapters.
  const prefix = `${url.origin}${url.pathname.split('/').slice(0, 2).join('/')}`;
  await context.route(`${prefix}**`, (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
}

function badge(page: Page, testId: string) {
  return page.locator(`token-meter-badge [data-testid="${testId}"]`);
}

/** What the engine and the card say, asked from an extension page. */
async function engineAnswer(ext: Page, c: Tier2Case, text: string) {
  return ext.evaluate(
    async ({ model, text, offer, output }) => {
      const send = (type: string, data: unknown) =>
        (globalThis as any).chrome.runtime.sendMessage({ tm: 1, type, data });
      const count = await send('countTokens', { model, text });
      if (!count.ok) throw new Error(count.error);
      if (!model) return { tokens: count.value.count.tokens as number, micros: null };
      const price = await send('priceUsage', {
        model,
        usage: { input: count.value.count.tokens, output },
        offer,
      });
      const atLab = await send('priceUsage', {
        model,
        usage: { input: count.value.count.tokens, output },
      });
      return {
        tokens: count.value.count.tokens as number,
        micros: price.value.costMicros as number,
        offer: price.value.offer as string,
        labMicros: atLab.value.costMicros as number,
      };
    },
    { model: c.model, text, offer: c.offer, output: c.assumedOutput ?? 0 },
  );
}

describe('tier-2 sites and playgrounds', () => {
  let session: Session;
  let page: Page | undefined;
  let ext: Page;

  beforeAll(async () => {
    session = await launch();
    for (const c of CASES) await serve(session.context, c);
    ext = await openExtensionPage(session, 'popup.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(CASES)('$site: badge count and price equal the engine and the card', async (c) => {
    reportOnFailure(session, () => page, `sites-tier2-${c.site}`);
    page = await session.context.newPage();
    await page.goto(c.url);
    await expect
      .poll(() => badge(page!, 'tm-badge').getAttribute('data-health'), { timeout: 15000 })
      .toBe('ok');
    const model = badge(page, 'tm-model');
    if (c.model) await expect.poll(() => model.getAttribute('data-model')).toBe(c.model);
    else await expect.poll(() => model.textContent()).toMatch(/pick one/);

    await page.locator(c.typeInto).last().click();
    await page.keyboard.type(DRAFT);
    const expected = await engineAnswer(ext, c, DRAFT);
    expect(expected.tokens).toBeGreaterThan(5);
    if (c.offer) {
      expect(expected.offer).toBe(c.offer);
      expect(expected.labMicros).not.toBe(expected.micros);
    }
    await expect
      .poll(() => badge(page!, 'tm-draft-tokens').getAttribute('data-tokens'))
      .toBe(String(expected.tokens));
    const cost = badge(page, 'tm-draft-cost');
    // Unknown model: no price at all (never $0).
    await expect.poll(() => cost.getAttribute('data-micros')).toBe(String(expected.micros ?? ''));
    expect(await cost.getAttribute('data-assumed-output')).toBe(String(c.assumedOutput ?? ''));
    // The conversation on the page is priced (or, unknown model, plainly not).
    const conv = badge(page, 'tm-conv-cost');
    if (c.model) await expect.poll(() => conv.getAttribute('data-micros')).toMatch(/^\d+$/);
    else expect(await conv.getAttribute('data-micros')).toBe('');
    if (c.siteTokens !== undefined) {
      // The site's own count, in the panel, labelled as the site's, beside ours.
      await badge(page, 'tm-open').click();
      const line = badge(page, 'tm-site-tokens');
      await expect.poll(() => line.getAttribute('data-tokens')).toBe(String(c.siteTokens));
      const shown = new Intl.NumberFormat('en-US').format(c.siteTokens);
      expect(await line.textContent()).toContain(
        `Google's own count on the page: ${shown} prompt tokens (ours: `,
      );
    }
    await page.close();
  });
});

describe('any other page (opt-in) and the selection menu', () => {
  let session: Session;
  let page: Page | undefined;
  let ext: Page;
  const SITE = 'https://openrouter.ai/*';
  const URL_ = 'https://openrouter.ai/e2e-any-page';

  beforeAll(async () => {
    session = await launch();
    const html = readFixture('any-field', 'page.html');
    await session.context.route(`${URL_}**`, (route) =>
      route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
    );
    ext = await openExtensionPage(session, 'popup.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  const registered = () =>
    session.worker.evaluate(async () =>
      (await (globalThis as any).chrome.scripting.getRegisteredContentScripts()).map(
        (s: { matches: string[] }) => s.matches,
      ),
    );
  const fieldBadges = (p: Page) => p.locator('token-meter-fields [data-testid="tm-field-badge"]');

  it('a site turned on gets a badge on every text field, equal to the engine; off removes them', async () => {
    reportOnFailure(session, () => page, 'any-field');
    // What the popup stores once the browser granted the site (the prompt itself cannot be
    // clicked in a headless browser; this host is already granted: the rate-card feed's).
    await ext.evaluate(
      (site) =>
        (globalThis as any).chrome.storage.local.set({
          anyFieldSites: { [site]: { model: 'openai/gpt-5', since: 1 } },
        }),
      SITE,
    );
    await expect.poll(registered).toEqual([[SITE]]);

    page = await session.context.newPage();
    await page.goto(URL_);
    // textarea, contenteditable and the textarea inside the web component's shadow root.
    await expect.poll(() => fieldBadges(page!).count()).toBe(3);
    const rich = fieldBadges(page).nth(1);
    const already = await ext.evaluate(
      (text) =>
        (globalThis as any).chrome.runtime.sendMessage({
          tm: 1,
          type: 'countTokens',
          data: { model: 'openai/gpt-5', text },
        }),
      'Already written: one two three.',
    );
    await expect
      .poll(() => rich.getAttribute('data-tokens'))
      .toBe(String(already.value.count.tokens));

    await page.locator('#plain').click();
    await page.keyboard.type(DRAFT);
    const expected = await engineAnswer(
      ext,
      { site: 'any', url: URL_, typeInto: '#plain', model: 'openai/gpt-5' },
      DRAFT,
    );
    const plain = fieldBadges(page).first();
    await expect.poll(() => plain.getAttribute('data-tokens')).toBe(String(expected.tokens));
    await expect.poll(() => plain.getAttribute('data-micros')).toBe(String(expected.micros));
    await shot(page, 'any-field');

    // Turned off: the badges go at once (no reload) and so does the registration.
    await ext.evaluate(() => (globalThis as any).chrome.storage.local.set({ anyFieldSites: {} }));
    await expect.poll(() => page!.locator('token-meter-fields').count()).toBe(0);
    await expect.poll(registered).toEqual([]);
  });

  it('the popup refuses pages no extension may script, with the reason', async () => {
    reportOnFailure(session, () => page, 'any-field-popup');
    page = await openExtensionPage(session, 'popup.html');
    await expect
      .poll(() => page!.getByTestId('site-counting-unavailable').textContent())
      .toMatch(/cannot be counted on/);
  });

  it('selection: read and shown by the extension in the page; "Compare" hands the text over', async () => {
    reportOnFailure(session, () => page, 'selection-card');
    page = await session.context.newPage();
    await page.goto(`${URL_}?selection`);
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#rich p')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    // What the menu click runs, injected the same way (scripting.executeScript with `func`):
    // the menu itself cannot be clicked from a test.
    const tabId = await session.worker.evaluate(
      async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id as number,
      `${URL_}?selection`,
    );
    const inject = (func: (...args: any[]) => unknown, args: unknown[] = []) =>
      session.worker.evaluate(
        `chrome.scripting.executeScript({ target: { tabId: ${tabId} }, func: ${func.toString()}, args: ${JSON.stringify(args)} }).then((r) => r[0].result)`,
      );
    const selected = (await inject(pageSelection)) as string;
    expect(selected).toBe('Already written: one two three.');
    const expected = await engineAnswer(
      ext,
      { site: 'any', url: URL_, typeInto: '', model: 'openai/gpt-5' },
      selected,
    );
    const card: SelectionCard = {
      tokens: expected.tokens,
      provenance: 'exact',
      costMicros: expected.micros,
      model: 'openai/gpt-5',
      modelName: 'GPT-5',
      chars: selected.length,
      truncated: false,
    };
    await inject(showSelectionCard, [card, selected]);
    const box = page.locator('token-meter-selection [data-testid="tm-selection-card"]');
    await expect.poll(() => box.getAttribute('data-tokens')).toBe(String(expected.tokens));
    await shot(page, 'selection-card');

    const opened = session.context.waitForEvent('page');
    await page.locator('token-meter-selection [data-testid="tm-selection-compare"]').click();
    const compare = await opened;
    await compare.waitForLoadState();
    // The text travels in storage.session; the URL carries only the hand-off's id.
    expect(compare.url()).toMatch(/\/compare\.html\?handoff=[\w-]+$/);
    await expect.poll(() => compare.getByTestId('compare-text').inputValue()).toBe(selected);
    await expect.poll(() => page!.locator('token-meter-selection').count()).toBe(0);
    await compare.close();
  });

  it('the "Count tokens in selection" menu item is installed', async () => {
    // A menu item cannot be clicked from a test; updating it proves it exists under its id.
    const ok = await session.worker.evaluate(() =>
      (globalThis as any).chrome.contextMenus
        .update('tm-count-selection', { title: 'Count tokens in selection' })
        .then(
          () => true,
          () => false,
        ),
    );
    expect(ok).toBe(true);
  });
});
