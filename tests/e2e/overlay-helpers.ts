/**
 * Shared helpers of the overlay e2e tests (tests/e2e/sites.test.ts, tests/e2e/overlay-*.test.ts):
 * serve a fixture under a site's real origin, read the badge, ask the background what the badge
 * should say, read the history database, and produce a new exchange on a fixture page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { ADAPTERS, getAdapter } from '@/utils/sites';
import { EXPECTATIONS } from '@/utils/sites/__tests__/expectations';

export interface SiteCase {
  site: string;
  url: string;
  /** The last user turn and the last reply in the fixture (cloned to simulate a new exchange). */
  user: string;
  assistant: string;
}

/**
 * Every registered site whose e2e data (its `__tests__/expected.ts`) names an exchange to
 * record, in registry order.
 */
export const SITE_CASES: SiteCase[] = ADAPTERS.flatMap((adapter): SiteCase[] => {
  const e2e = EXPECTATIONS[adapter.id]?.e2e;
  return e2e?.exchange ? [{ site: adapter.id, url: e2e.url, ...e2e.exchange }] : [];
});

export async function serveSite(
  context: BrowserContext,
  c: SiteCase,
  html: string,
  streams: Record<string, string> = {},
) {
  const origin = new URL(c.url).origin;
  await context.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path in streams) {
      return route.fulfill({
        body: streams[path],
        contentType: 'text/event-stream; charset=utf-8',
      });
    }
    if (path === '/favicon.ico') return route.fulfill({ status: 204 });
    return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
  });
}

export function badge(page: Page, testId: string) {
  return page.locator(`token-meter-badge [data-testid="${testId}"]`);
}

/** Ask the background what the badge should show, from an extension page (the engine's answer). */
export async function engineAnswer(ext: Page, model: string, text: string) {
  return ext.evaluate(
    async ({ model, text }) => {
      const send = (type: string, data: unknown) =>
        (globalThis as any).chrome.runtime.sendMessage({ tm: 1, type, data });
      const count = await send('countTokens', { model, text });
      const price = await send('priceUsage', {
        model,
        usage: { input: count.value.count.tokens, output: 0 },
      });
      return {
        tokens: count.value.count.tokens as number,
        micros: price.value.costMicros as number,
      };
    },
    { model, text },
  );
}

/** History rows of a site, read straight from the extension's IndexedDB. */
export async function storedEvents(ext: Page, site: string): Promise<any[]> {
  return ext.evaluate(
    (site) =>
      new Promise<any[]>((resolve, reject) => {
        const open = indexedDB.open('token-meter-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) return resolve([]);
          const all = db.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => resolve((all.result as any[]).filter((e) => e.site === site));
          all.onerror = () => reject(all.error);
        };
      }),
    site,
  );
}

/**
 * Produce a new exchange on the page the way a site does: the prompt appears, then the reply
 * grows in place. The new turns are clones of the fixture's last turns (same markup).
 */
export async function simulateExchange(page: Page, c: SiteCase, prompt: string, reply: string) {
  const thinking = getAdapter(c.site)!.selectors.thinking ?? [];
  await page.evaluate(
    async ({ userSel, assistantSel, thinkingSel, prompt, reply }) => {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const users = document.querySelectorAll(userSel);
      const assistants = document.querySelectorAll(assistantSel);
      const lastUser = users[users.length - 1];
      const lastAssistant = assistants[assistants.length - 1];
      const setText = (el: Element, text: string) => {
        const leaves = Array.from(el.querySelectorAll('*')).filter(
          (e) =>
            e.children.length === 0 &&
            (e.textContent ?? '').trim() &&
            !/hidden|sr-only/.test(e.className),
        );
        if (leaves.length === 0) el.textContent = text;
        else {
          leaves[0].textContent = text;
          leaves.slice(1).forEach((e) => e.remove());
        }
      };
      const user = lastUser.cloneNode(true) as Element;
      setText(user, prompt);
      const answer = lastAssistant.cloneNode(true) as Element;
      if (thinkingSel) answer.querySelectorAll(thinkingSel).forEach((t) => t.remove());
      answer.querySelectorAll('button, [role="button"]').forEach((b) => b.remove());
      lastAssistant.after(user);
      await sleep(250);
      setText(answer, reply.slice(0, 5));
      user.after(answer);
      const words = reply.split(' ');
      for (let i = 1; i <= words.length; i += 3) {
        await sleep(120);
        setText(answer, words.slice(0, i + 2).join(' '));
      }
    },
    { userSel: c.user, assistantSel: c.assistant, thinkingSel: thinking.join(', '), prompt, reply },
  );
}
