// The sites' own streams in Chromium: each site's real reply body (utils/sites/<id>/fixtures/
// capture.txt, recorded on the live sites in August 2026) is served on the site's real request
// URL, the page requests it as the site does (fetch, or XHR for Gemini) and renders a reply; the
// page must receive every byte unchanged, and the recorded turn must carry what the stream said:
// Qwen's exact usage, the model that answered (Claude, Kimi; ChatGPT's and Gemini's are not on
// the bundled card, so the turn is stored under the name the stream gave, unpriced, rather than
// priced as the page's label), and Claude's quota windows in extension storage for the popup.
// Qwen's case runs again on a page that wraps fetch after our hook: the page's bytes stay
// identical and the usage is still read.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  launch,
  openExtensionPage,
  readSiteFixture,
  reportOnFailure,
  type Session,
} from './harness';
import { badge, SITE_CASES, simulateExchange, storedEvents } from './overlay-helpers';

interface StreamCase {
  site: string;
  path: string;
  contentType: string;
  via: 'fetch' | 'xhr';
}

const CASES: StreamCase[] = [
  {
    site: 'qwen',
    path: '/api/v2/chat/completions',
    contentType: 'text/event-stream',
    via: 'fetch',
  },
  {
    site: 'claude',
    path: '/api/organizations/0dd1bb7c/chat_conversations/e54d5956/completion',
    contentType: 'text/event-stream',
    via: 'fetch',
  },
  {
    site: 'chatgpt',
    path: '/backend-api/f/conversation',
    contentType: 'text/event-stream; charset=utf-8',
    via: 'fetch',
  },
  {
    site: 'gemini',
    path: '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate',
    contentType: 'application/json; charset=utf-8',
    via: 'xhr',
  },
  {
    site: 'kimi',
    path: '/apiv2/kimi.gateway.chat.v1.ChatService/Chat',
    contentType: 'application/connect+json',
    via: 'fetch',
  },
];

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('the sites’ own streams, served on their real URLs', () => {
  let session: Session;
  let page: Page | undefined;
  let ext: Page;

  beforeAll(async () => {
    session = await launch();
    for (const c of CASES) {
      const site = SITE_CASES.find((s) => s.site === c.site)!;
      const html = readSiteFixture(c.site, 'conversation.html');
      const body = readSiteFixture(c.site, 'capture.txt');
      await session.context.route(`${new URL(site.url).origin}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === c.path) return route.fulfill({ body, contentType: c.contentType });
        if (path === '/favicon.ico') return route.fulfill({ status: 204 });
        return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
      });
    }
    ext = await openExtensionPage(session, 'popup.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  /** The page requests the body as the site does; returns the SHA-256 of what it received. */
  async function replay(c: StreamCase, options: { pageWrapsFetch?: boolean; byob?: boolean } = {}) {
    const site = SITE_CASES.find((s) => s.site === c.site)!;
    const before = (await storedEvents(ext, c.site)).length;
    page = await session.context.newPage();
    await page.goto(site.url);
    await expect
      .poll(() => badge(page!, 'tm-badge').getAttribute('data-health'), { timeout: 15000 })
      .toBe('ok');
    if (options.pageWrapsFetch) {
      // The page wraps fetch after our hook (as SDKs and analytics do): its wrapper calls ours,
      // reads its own clone, and hands the page a new Response built from the body.
      await page.evaluate(() => {
        const ours = window.fetch;
        window.fetch = async (...args: Parameters<typeof fetch>) => {
          const response = await ours(...args);
          void response.clone().text();
          return new Response(response.body!.pipeThrough(new TransformStream()), {
            headers: response.headers,
          });
        };
      });
    }
    const { received, view } = await page.evaluate(
      async ({ path, via, byob }) => {
        let view: unknown[] = [];
        /** The body read with a BYOB reader into 1,000-byte buffers, as a byte stream allows. */
        const readByob = async (r: Response) => {
          const reader = r.body!.getReader({ mode: 'byob' });
          const decoder = new TextDecoder();
          let text = '';
          for (;;) {
            const { done, value } = await reader.read(new Uint8Array(1000));
            if (done) return text + decoder.decode();
            text += decoder.decode(value, { stream: true });
          }
        };
        const text =
          via === 'fetch'
            ? await fetch(path, { method: 'POST', body: '{}' }).then((r) => {
                // What the page can observe of its Response, and of a clone of it.
                const looks = (x: Response) => [
                  x instanceof Response,
                  x.url,
                  x.redirected,
                  x.type,
                  x.status,
                  x.ok,
                  x.statusText,
                  x.headers.get('content-type'),
                  x.bodyUsed,
                  Object.keys(x).length,
                ];
                view = [looks(r), looks(r.clone())];
                return byob ? readByob(r) : r.text();
              })
            : await new Promise<string>((resolve, reject) => {
                const xhr = new XMLHttpRequest();
                xhr.open('POST', `${path}?rt=c`);
                xhr.onload = () => resolve(xhr.responseText);
                xhr.onerror = () => reject(new Error('xhr failed'));
                xhr.send('f.req=[]');
              });
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
        return {
          received: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')),
          view,
        };
      },
      { path: c.path, via: c.via, byob: !!options.byob },
    );
    // (A page's own wrapper hands it a Response of its making: that one is the page's business.)
    if (c.via === 'fetch' && !options.pageWrapsFetch) {
      const looks = [true, new URL(c.path, site.url).href, false, 'basic', 200, true, 'OK'];
      const rest = [c.contentType, false, 0];
      expect(view, 'the Response the page got looks like the network’s').toEqual([
        [...looks, ...rest],
        [...looks, ...rest],
      ]);
    }
    expect(received.join(''), 'the page got the body byte-identical').toBe(
      sha256(readSiteFixture(c.site, 'capture.txt')),
    );
    // Another exchange per replay of a site (its turn is recorded anew, not as a duplicate).
    const prompt = `stream on ${c.site}${options.pageWrapsFetch ? ', page wraps fetch' : ''}${options.byob ? ', BYOB' : ''}`;
    await simulateExchange(page, site, prompt, 'The reply the page shows here.');
    await badge(page, 'tm-open').click();
    const row = page.locator('token-meter-badge [data-testid="tm-turn-row"]').last();
    await expect.poll(() => row.getAttribute('data-recorded'), { timeout: 10000 }).toBe('saved');
    const events = await storedEvents(ext, c.site);
    expect(events).toHaveLength(before + 1);
    return events.sort((a, b) => a.time - b.time).at(-1);
  }

  it('Qwen: the exact input and output from its usage frames', async () => {
    reportOnFailure(session, () => page, 'site-streams-qwen');
    const event = await replay(CASES[0]);
    expect(event.input).toEqual({ tokens: 2646, provenance: 'site', family: 'site:qwen' });
    expect(event.output).toEqual({ tokens: 46, provenance: 'site', family: 'site:qwen' });
    // The hidden context: what the site counted beyond the visible conversation.
    await expect
      .poll(() => badge(page!, 'tm-hidden-context').textContent(), { timeout: 5000 })
      .toContain('Hidden context');
    // The pill and the panel say this reply's figures are the site's own.
    await expect
      .poll(() => badge(page!, 'tm-conv-source').getAttribute('data-site'), { timeout: 5000 })
      .toBe('1');
    expect(await badge(page!, 'tm-figures').textContent()).toContain('1 with the site’s own');
  });

  it('Qwen, on a page that wraps fetch after our hook: its bytes untouched, still read', async () => {
    reportOnFailure(session, () => page, 'site-streams-qwen-wrapped');
    const event = await replay(CASES[0], { pageWrapsFetch: true });
    expect(event.input).toEqual({ tokens: 2646, provenance: 'site', family: 'site:qwen' });
    expect(event.output).toEqual({ tokens: 46, provenance: 'site', family: 'site:qwen' });
  });

  it('Qwen, read by the page with a BYOB reader: byte-identical, still read', async () => {
    reportOnFailure(session, () => page, 'site-streams-qwen-byob');
    const event = await replay(CASES[0], { byob: true });
    expect(event.input).toEqual({ tokens: 2646, provenance: 'site', family: 'site:qwen' });
    expect(event.output).toEqual({ tokens: 46, provenance: 'site', family: 'site:qwen' });
  });

  it('Claude: the model that answered, and the 5-hour and 7-day windows', async () => {
    reportOnFailure(session, () => page, 'site-streams-claude');
    const event = await replay(CASES[1]);
    expect(event.model).toBe('anthropic/claude-sonnet-5');
    expect(event.output.provenance).not.toBe('site');
    await expect
      .poll(() => badge(page!, 'tm-quota').textContent(), { timeout: 5000 })
      .toContain('5h');
    const stored = await ext.evaluate(() =>
      (globalThis as any).chrome.storage.local.get('siteQuotas'),
    );
    expect(stored.siteQuotas.claude.limits).toEqual([
      { window: '5h', used: 0.02, resetsAt: '2026-08-08T07:10:00.000Z' },
      { window: '7d', used: 0, resetsAt: '2026-08-11T09:00:00.000Z' },
    ]);
  });

  it('ChatGPT: gpt-5-6 answered; not on the card, so unpriced, not priced as the label', async () => {
    reportOnFailure(session, () => page, 'site-streams-chatgpt');
    const event = await replay(CASES[2]);
    // Recorded as the site named it (the history shows it), still unpriced.
    expect(event.model).toBe('gpt-5-6');
    expect(event.costMicroUsd).toBeNull();
    // No numbers in ChatGPT's stream: the reply's figures are counted here.
    expect(await badge(page!, 'tm-conv-source').getAttribute('data-site')).toBe('0');
    // Shown as the site named it, unpriced.
    await expect
      .poll(() => badge(page!, 'tm-model').textContent(), { timeout: 5000 })
      .toContain('gpt-5-6');
  });

  it('Gemini over XHR: the 3.6 Flash snapshot label, unpriced', async () => {
    reportOnFailure(session, () => page, 'site-streams-gemini');
    const event = await replay(CASES[3]);
    expect(event.model).toBe('3.6 Flash');
    expect(event.costMicroUsd).toBeNull();
  });

  it('Kimi: Connect envelopes; the downgrade notice names K2.6 Instant', async () => {
    reportOnFailure(session, () => page, 'site-streams-kimi');
    const event = await replay(CASES[4]);
    expect(event.model).toBe('moonshotai/kimi-k2.6');
    await expect
      .poll(() => badge(page!, 'tm-site-notice').textContent(), { timeout: 5000 })
      .toContain('K2.6 Instant');
  });
});
