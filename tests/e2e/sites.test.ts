// Every site adapter in real Chromium with the built extension: each fixture is served under the
// site's real URL, so the content script matches its real patterns. For each site: the badge
// appears with a count equal to the engine's count and price for what was typed; a reply
// produced on the page is recorded once, and again once after a reload that replays it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getAdapter } from '@/utils/sites';
import {
  launch,
  openExtensionPage,
  readSiteFixture,
  reportOnFailure,
  type Session,
} from './harness';
import {
  badge,
  engineAnswer,
  serveSite,
  simulateExchange,
  SITE_CASES,
  storedEvents,
} from './overlay-helpers';

const DRAFT = 'How many tokens is this? 这句话有多少个 token？';

describe('overlay on every site', () => {
  let session: Session;
  let page: Page | undefined;
  let ext: Page;

  // One browser for all sites (each site is its own origin, routed to its own fixture).
  beforeAll(async () => {
    session = await launch();
    for (const c of SITE_CASES)
      await serveSite(session.context, c, readSiteFixture(c.site, 'conversation.html'));
    ext = await openExtensionPage(session, 'popup.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  describe.each(SITE_CASES)('$site', (c) => {
    it('shows the draft count and price the engine gives, on the detected model', async () => {
      reportOnFailure(session, () => page, `sites-${c.site}-draft`);
      page = await session.context.newPage();
      await page.goto(c.url);
      await expect
        .poll(() => badge(page!, 'tm-badge').getAttribute('data-health'), { timeout: 15000 })
        .toBe('ok');
      const composer = page.locator(getAdapter(c.site)!.selectors.composer.join(', ')).first();
      await composer.click();
      await page.keyboard.type(DRAFT);
      const model = badge(page, 'tm-model');
      await expect.poll(() => model.getAttribute('data-model')).toMatch(/\//);
      const modelId = (await model.getAttribute('data-model'))!;
      const expected = await engineAnswer(ext, modelId, DRAFT);
      expect(expected.tokens).toBeGreaterThan(5);
      await expect
        .poll(() => badge(page!, 'tm-draft-tokens').getAttribute('data-tokens'))
        .toBe(String(expected.tokens));
      await expect
        .poll(() => badge(page!, 'tm-draft-cost').getAttribute('data-micros'))
        .toBe(String(expected.micros));
      // The conversation already on the page is priced, and the context meter is shown.
      await expect
        .poll(() => badge(page!, 'tm-conv-cost').getAttribute('data-micros'))
        .toMatch(/^\d+$/);
      expect(Number(await badge(page, 'tm-context').getAttribute('data-ratio'))).toBeGreaterThan(0);
    });

    it('records a completed reply once; a reload that replays it is still once', async () => {
      reportOnFailure(session, () => page, `sites-${c.site}-record`);
      const prompt = `e2e prompt for ${c.site}`;
      const reply = `This is the simulated reply on ${c.site}, long enough to stream in several steps of words.`;
      for (let load = 0; load < 2; load++) {
        page = await session.context.newPage();
        await page.goto(c.url);
        await expect
          .poll(() => badge(page!, 'tm-badge').getAttribute('data-health'), { timeout: 15000 })
          .toBe('ok');
        expect(await storedEvents(ext, c.site)).toHaveLength(load); // pre-existing turns are not spend
        await simulateExchange(page, c, prompt, reply);
        await badge(page, 'tm-open').click();
        const row = page.locator('token-meter-badge [data-testid="tm-turn-row"]').last();
        await expect
          .poll(() => row.getAttribute('data-recorded'), { timeout: 10000 })
          .toBe('saved');
        const events = await storedEvents(ext, c.site);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          site: c.site,
          turnIndex: 5,
          conversationId: new URL(c.url).pathname.split('/').at(-1),
        });
        expect(events[0].output.tokens).toBeGreaterThan(10);
        expect(events[0].input.tokens).toBeGreaterThan(events[0].output.tokens);
        await page.close();
      }
    });
  });
});
