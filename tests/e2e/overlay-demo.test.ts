import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoServer, launch, reportOnFailure, shot, type Session } from './harness';

describe('overlay on the demo page', () => {
  let session: Session;
  let demo: { url: string; close(): void };
  let page: Page | undefined;

  beforeAll(async () => {
    session = await launch();
    demo = await demoServer();
  });
  afterAll(async () => {
    await session?.close();
    demo?.close();
  });

  it('shows draft tokens and cost, and the panel', async () => {
    reportOnFailure(session, () => page, 'overlay-demo');
    page = await session.context.newPage();
    await page.goto(demo.url);
    const badge = page.locator('token-meter-badge [data-testid="tm-badge"]');
    await badge.waitFor();
    await page.locator('#composer').fill('How much does this prompt cost on GPT-5?');
    const tokens = page.locator('token-meter-badge [data-testid="tm-draft-tokens"]');
    await expect
      .poll(() => tokens.getAttribute('data-tokens'), { timeout: 15000 })
      .toMatch(/^\d+$/);
    console.log(await badge.textContent());
    await page.locator('token-meter-badge [data-testid="tm-open"]').click();
    await page.locator('token-meter-badge [data-testid="tm-panel"]').waitFor();
    console.log(await page.locator('token-meter-badge [data-testid="tm-panel"]').textContent());
    await shot(page, 'overlay');
  });
});
