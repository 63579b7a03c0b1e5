// The `npm start` showcase: the demo page with the badge, an unknown model label and the
// override menu (remembered per site across a reload), a reply sent on the page recorded once,
// the screenshot the README shows (docs/overlay.png), and the figures in the currency the user picks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  demoServer,
  launch,
  openExtensionPage,
  reportOnFailure,
  shot,
  type Session,
} from './harness';
import { badge, engineAnswer, storedEvents } from './overlay-helpers';

describe('overlay on the demo page', () => {
  let session: Session;
  let demo: { url: string; close(): void };
  let page: Page | undefined;
  let ext: Page;

  beforeAll(async () => {
    session = await launch();
    demo = await demoServer();
    ext = await openExtensionPage(session, 'popup.html');
  });
  afterAll(async () => {
    await session?.close();
    demo?.close();
  });

  it('counts the draft on the detected model, as the engine does', async () => {
    reportOnFailure(session, () => page, 'overlay-demo-draft');
    page = await session.context.newPage();
    await page.goto(demo.url);
    await expect
      .poll(() => badge(page!, 'tm-model').getAttribute('data-model'), { timeout: 15000 })
      .toBe('openai/gpt-5');
    const draft = 'How much does this prompt cost on GPT-5? 用中文也试一下。';
    await page.locator('#composer').fill(draft);
    const expected = await engineAnswer(ext, 'openai/gpt-5', draft);
    await expect
      .poll(() => badge(page!, 'tm-draft-tokens').getAttribute('data-tokens'))
      .toBe(String(expected.tokens));
    await expect
      .poll(() => badge(page!, 'tm-draft-cost').getAttribute('data-micros'))
      .toBe(String(expected.micros));
  });

  it('an unknown label asks for a model; the choice is remembered for the site', async () => {
    reportOnFailure(session, () => page, 'overlay-demo-override');
    await page!.selectOption('#model-select', { index: 4 });
    await expect
      .poll(() => badge(page!, 'tm-model').getAttribute('data-status'))
      .toBe('unknown-label');
    expect(await badge(page!, 'tm-model').textContent()).toContain('unknown model: pick one');
    expect(await badge(page!, 'tm-conv-cost').textContent()).toBe('unpriced');
    await badge(page!, 'tm-open').click();
    await badge(page!, 'tm-model-select').selectOption('deepseek/deepseek-v3.2');
    // The pick goes to storage and back through the background: allow a busy machine time.
    await expect
      .poll(() => badge(page!, 'tm-model').getAttribute('data-model'), { timeout: 10_000 })
      .toBe('deepseek/deepseek-v3.2');
    await expect
      .poll(() => badge(page!, 'tm-conv-cost').getAttribute('data-micros'), { timeout: 10_000 })
      .toMatch(/^\d+$/);
    await page!.reload();
    await expect
      .poll(() => badge(page!, 'tm-model').getAttribute('data-model'), { timeout: 15000 })
      .toBe('deepseek/deepseek-v3.2');
  });

  it('a reply sent on the page is recorded once, and the panel shows it', async () => {
    reportOnFailure(session, () => page, 'overlay-demo-record');
    await page!.locator('#composer').fill('Which model is cheapest for long Chinese prompts?');
    await page!.locator('#send').click();
    await expect
      .poll(async () => (await storedEvents(ext, 'demo')).length, { timeout: 15000 })
      .toBe(1);
    const [event] = await storedEvents(ext, 'demo');
    expect(event).toMatchObject({ site: 'demo', model: 'deepseek/deepseek-v3.2', turnIndex: 5 });
    await page!.locator('#composer').fill('And how does the context window fill up?');
    await badge(page!, 'tm-open').click();
    await badge(page!, 'tm-panel').waitFor();
    await expect
      .poll(() => page!.locator('token-meter-badge [data-testid="tm-turn-row"]').count())
      .toBe(3);
    await expect.poll(() => badge(page!, 'tm-next-request').textContent()).toMatch(/input tokens/);
    await shot(page!, 'overlay');
  });

  it('shows the user currency chosen on the options page: DeepSeek at its CNY list price', async () => {
    reportOnFailure(session, () => page, 'overlay-demo-currency');
    const options = await openExtensionPage(session, 'options.html');
    await options.locator('[data-testid="currency"]').selectOption('CNY');
    const cost = badge(page!, 'tm-conv-cost');
    await expect.poll(() => cost.getAttribute('data-currency'), { timeout: 10000 }).toBe('CNY');
    expect(await cost.textContent()).toMatch(/^CN¥\d/);
    expect(Number(await cost.getAttribute('data-local-micros'))).toBeGreaterThan(0);
    // The USD figure stays underneath; the yuan are not the dollars relabelled.
    expect(await cost.getAttribute('data-local-micros')).not.toBe(
      await cost.getAttribute('data-micros'),
    );
    const money = badge(page!, 'tm-money');
    await expect
      .poll(() => money.getAttribute('data-basis'), { timeout: 10000 })
      .toBe('list price');
    expect(await money.textContent()).toMatch(/^CNY list price \(DeepSeek/);
    await options.locator('[data-testid="currency"]').selectOption('USD');
    await expect.poll(() => cost.getAttribute('data-currency'), { timeout: 10000 }).toBe('USD');
    expect(await cost.textContent()).toMatch(/^\$\d/);
    await options.close();
  });
});
