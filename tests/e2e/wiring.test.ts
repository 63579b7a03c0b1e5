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

// One test per entrypoint proves the wiring: content script, popup, background.
describe('extension wiring', () => {
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

  it('content script mounts a shadow-root badge on the demo page', async () => {
    reportOnFailure(session, () => page, 'wiring-content');
    page = await session.context.newPage();
    await page.goto(demo.url);
    const host = page.locator('token-meter-badge');
    await host.waitFor({ state: 'attached' });
    // The badge lives inside a shadow root: the page's own DOM queries cannot see it.
    const inLightDom = await page.evaluate(() =>
      document.querySelector('[data-testid="tm-badge"]'),
    );
    expect(inLightDom).toBeNull();
    const badge = page.locator('token-meter-badge [data-testid="tm-badge"]');
    await expect.poll(() => badge.getAttribute('data-status')).toBe('connected');
    await shot(page, 'demo-page');
  });

  it('popup opens and reaches the background', async () => {
    reportOnFailure(session, () => page, 'wiring-popup');
    page = await openExtensionPage(session, 'popup.html');
    await expect.poll(() => page!.getByTestId('popup-status').textContent()).toMatch(/ready/);
  });

  it('background answers a typed message', async () => {
    reportOnFailure(session, () => page, 'wiring-background');
    page = await openExtensionPage(session, 'popup.html');
    const reply = await page.evaluate(() =>
      (globalThis as any).chrome.runtime.sendMessage({
        tm: 1,
        type: 'ping',
        data: { from: 'e2e' },
      }),
    );
    expect(reply).toMatchObject({ ok: true, value: { from: 'e2e' } });
    const unknown = await page.evaluate(() =>
      (globalThis as any).chrome.runtime.sendMessage({ tm: 1, type: 'no-such-message', data: {} }),
    );
    expect(unknown).toBeUndefined();
  });
});
