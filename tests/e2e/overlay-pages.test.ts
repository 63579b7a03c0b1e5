// The MAIN-world hook in Chromium: real z.ai and DeepSeek stream bodies
// (utils/sites/<id>/fixtures/capture.txt, recorded August 2026) are served as the sites' own completion
// responses; the page fetches them like the site does, and the recorded turn carries the site's
// exact usage. Also: the badge's honest states (not detected, dark theme) and that the page can
// see nothing of the channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  launch,
  openExtensionPage,
  readSiteFixture,
  reportOnFailure,
  type Session,
} from './harness';
import { badge, serveSite, SITE_CASES, simulateExchange, storedEvents } from './overlay-helpers';

const zaiCase = SITE_CASES.find((c) => c.site === 'zai')!;
const deepseekCase = SITE_CASES.find((c) => c.site === 'deepseek')!;

describe('overlay: exact usage, health and theme', () => {
  let session: Session;
  let page: Page | undefined;
  let ext: Page;

  beforeAll(async () => {
    session = await launch();
    await serveSite(session.context, zaiCase, readSiteFixture('zai', 'conversation.html'), {
      '/api/v2/chat/completions': readSiteFixture('zai', 'capture.txt'),
    });
    await serveSite(
      session.context,
      deepseekCase,
      readSiteFixture('deepseek', 'conversation.html'),
      {
        '/api/v0/chat/completion': readSiteFixture('deepseek', 'capture.txt'),
      },
    );
    ext = await openExtensionPage(session, 'popup.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  async function replay(c: typeof zaiCase, path: string) {
    page = await session.context.newPage();
    await page.goto(c.url);
    await expect
      .poll(() => badge(page!, 'tm-badge').getAttribute('data-health'), { timeout: 15000 })
      .toBe('ok');
    // The page's own request, made from the page's world as the site's script would.
    const bodyLength = await page.evaluate(
      (p) =>
        fetch(p, { method: 'POST', body: '{}' })
          .then((r) => r.text())
          .then((t) => t.length),
      path,
    );
    expect(bodyLength).toBeGreaterThan(100);
    await simulateExchange(
      page,
      c,
      `replay on ${c.site}`,
      'General Language Model is what GLM stands for, said the reply here.',
    );
    await badge(page, 'tm-open').click();
    const row = page.locator('token-meter-badge [data-testid="tm-turn-row"]').last();
    await expect.poll(() => row.getAttribute('data-recorded'), { timeout: 10000 }).toBe('saved');
    expect(await row.getAttribute('data-exact')).toBe('true');
    return storedEvents(ext, c.site);
  }

  it('z.ai: the recorded turn has the usage from the stream, labelled site', async () => {
    reportOnFailure(session, () => page, 'overlay-usage-zai');
    const events = await replay(zaiCase, '/api/v2/chat/completions');
    expect(events).toHaveLength(1);
    expect(events[0].input).toEqual({ tokens: 39, provenance: 'site', family: 'site:zai' });
    // 165 holds the thinking; this page shows none, so all of it is output, none added.
    expect(events[0].output).toEqual({ tokens: 165, provenance: 'site', family: 'site:zai' });
    expect(events[0].reasoning.provenance).toBe('unknown');
    expect(events[0].model).toBe('zai/glm-4.6');
    expect(events[0].costMicroUsd).toBeGreaterThan(0);
  });

  it("DeepSeek: input = the stream's accumulated_token_usage minus the counted reply", async () => {
    reportOnFailure(session, () => page, 'overlay-usage-deepseek');
    const events = await replay(deepseekCase, '/api/v0/chat/completion');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.output.provenance).not.toBe('site');
    expect(event.input).toEqual({
      tokens: 603 - event.output.tokens,
      provenance: 'site',
      family: 'site:deepseek',
    });
    // The stream says DeepThink was on: the reasoner, whatever the label said.
    expect(event.model).toBe('deepseek/deepseek-reasoner');
  });

  it("the page sees nothing of the hook's channel", async () => {
    reportOnFailure(session, () => page, 'overlay-usage-isolation');
    page = await session.context.newPage();
    await page.goto(zaiCase.url);
    await badge(page, 'tm-badge').waitFor();
    const seen = await page.evaluate(() => ({
      html: document.documentElement.outerHTML.includes('tm-u-'),
      globals: Object.keys(window).filter((k) => /token|^tm/i.test(k)),
      attributes: Array.from(document.querySelectorAll('*')).flatMap((e) =>
        e.getAttributeNames().filter((n) => /^data-tm|token-meter/.test(n)),
      ),
    }));
    expect(seen).toEqual({ html: false, globals: [], attributes: [] });
  });

  it('says "not detected on this page" with the site name when selectors stop matching', async () => {
    reportOnFailure(session, () => page, 'overlay-not-detected');
    await session.context.route('https://grok.com/**', (route) =>
      route.fulfill({
        body: '<!doctype html><main><div class="renamed">Hello</div></main>',
        contentType: 'text/html',
      }),
    );
    page = await session.context.newPage();
    await page.goto('https://grok.com/c/renamed');
    await expect
      .poll(() => badge(page!, 'tm-badge').getAttribute('data-health'), { timeout: 15000 })
      .toBe('not-detected');
    expect(await badge(page, 'tm-health').textContent()).toContain(
      'not detected on this page (Grok)',
    );
  });

  it("follows the site's dark theme", async () => {
    reportOnFailure(session, () => page, 'overlay-dark');
    await session.context.route('https://chatgpt.com/**', (route) =>
      route.fulfill({
        body: readSiteFixture('chatgpt', 'streaming.html'),
        contentType: 'text/html',
      }),
    );
    page = await session.context.newPage();
    await page.goto('https://chatgpt.com/c/dark');
    await expect
      .poll(() => badge(page!, 'tm-badge').getAttribute('data-theme'), { timeout: 15000 })
      .toBe('dark');
  });
});
