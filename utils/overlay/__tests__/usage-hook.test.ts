// @vitest-environment happy-dom
// The MAIN-world hook and its private channel: exact usage from fetch and XHR stream bodies
// reaches the content script; the page's own response is untouched; a page script cannot
// obtain the secret or plant a report.
import { afterEach, describe, expect, it } from 'vitest';
import { installUsageHook, type HookHandle } from '@/utils/overlay/usage-hook';
import {
  CONTENT_UP,
  HOOK_KEY,
  listenForUsage,
  parseUsageReport,
} from '@/utils/overlay/usage-channel';
import type { UsageReport } from '@/utils/overlay/types';
import { readFixture } from '@/utils/sites/__tests__/expectations';

const zaiBody = readFixture('zai', 'completion.sse.txt');
const deepseekBody = readFixture('deepseek', 'completion.sse.txt');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A response whose body arrives in small chunks, like a live SSE stream. */
function streamed(body: string, chunk = 37): Response {
  const bytes = new TextEncoder().encode(body);
  let at = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      },
    }),
  );
}

const cleanups: (() => void)[] = [];
afterEach(() =>
  cleanups
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

function install(responder: (url: string) => Response, order: 'hook-first' | 'content-first') {
  const reports: UsageReport[] = [];
  const originalFetch = window.fetch;
  window.fetch = (async (input: RequestInfo | URL) => responder(String(input))) as typeof fetch;
  let hook!: HookHandle;
  let stop!: () => void;
  const streams = [
    { path: /^\/api\/v2\/chat\/completions$/, format: 'zai' as const },
    { path: /^\/api\/v0\/chat\/completion$/, format: 'deepseek' as const },
  ];
  if (order === 'hook-first') {
    hook = installUsageHook(window, streams);
    stop = listenForUsage(window, (r) => reports.push(r));
  } else {
    stop = listenForUsage(window, (r) => reports.push(r));
    hook = installUsageHook(window, streams);
  }
  cleanups.push(() => {
    hook.uninstall();
    stop();
    window.fetch = originalFetch;
  });
  return { reports, hook };
}

describe('usage hook over fetch', () => {
  it.each(['hook-first', 'content-first'] as const)(
    'z.ai usage reaches the content script (%s)',
    async (order) => {
      const { reports } = install(() => streamed(zaiBody), order);
      const response = await window.fetch('/api/v2/chat/completions', { method: 'POST' });
      // The page still reads its own, complete body.
      expect(await response.text()).toBe(zaiBody);
      await sleep(20);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({
        format: 'zai',
        input: 1523,
        output: 64,
        done: true,
        path: '/api/v2/chat/completions',
      });
    },
  );

  it('reads DeepSeek accumulated_token_usage', async () => {
    const { reports } = install(() => streamed(deepseekBody, 5), 'hook-first');
    await (
      await window.fetch(new Request(new URL('/api/v0/chat/completion', location.href)))
    ).text();
    await sleep(20);
    expect(reports).toEqual([
      expect.objectContaining({ format: 'deepseek', total: 87, model: 'deepseek-reasoner' }),
    ]);
  });

  it('leaves other requests alone and survives a failing request', async () => {
    const { reports, hook } = install((url) => {
      if (url.includes('boom')) throw new TypeError('network down');
      return new Response(
        'data: {"type":"chat:completion","data":{"phase":"other","usage":{"prompt_tokens":1}}}\n',
      );
    }, 'hook-first');
    await window.fetch('/api/other');
    await expect(window.fetch('/api/v2/chat/completions?boom=1')).rejects.toThrow('network down');
    await window.fetch('https://elsewhere.example/api/v2/chat/completions');
    await sleep(20);
    expect(reports).toEqual([]);
    expect(hook.sent).toBe(0);
  });
});

describe('usage hook over XMLHttpRequest', () => {
  it('reads the body as it arrives and reports at loadend', async () => {
    // No server here: the page's own send is a no-op, the hook wraps it.
    const proto = XMLHttpRequest.prototype;
    const realSend = proto.send;
    proto.send = function noNetwork() {};
    cleanups.push(() => (proto.send = realSend));
    const { reports } = install(() => new Response(''), 'hook-first');
    const xhr = new XMLHttpRequest();
    let text = '';
    Object.defineProperty(xhr, 'responseText', { get: () => text });
    xhr.open('POST', '/api/v2/chat/completions');
    xhr.send();
    text = zaiBody.slice(0, 200);
    xhr.dispatchEvent(new Event('progress'));
    text = zaiBody;
    xhr.dispatchEvent(new Event('loadend'));
    await sleep(5);
    expect(reports.at(-1)).toMatchObject({ format: 'zai', input: 1523, output: 64 });
  });
});

describe('private channel', () => {
  it('a page script cannot get the secret after the handshake, nor plant one', async () => {
    const { reports } = install(() => streamed(zaiBody), 'hook-first');
    const leaked: unknown[] = [];
    window.addEventListener(HOOK_KEY, (e) => leaked.push((e as CustomEvent).detail));
    // The page asks for the key again: the hook answers only once.
    window.dispatchEvent(new CustomEvent(CONTENT_UP));
    expect(leaked).toEqual([]);
    // The page offers its own key: the content script already has one and ignores it.
    window.dispatchEvent(new CustomEvent(HOOK_KEY, { detail: 'f'.repeat(32) }));
    window.dispatchEvent(
      new CustomEvent(`tm-u-${'f'.repeat(32)}`, {
        detail: JSON.stringify({ format: 'zai', input: 1, output: 1, at: Date.now(), done: true }),
      }),
    );
    await sleep(5);
    expect(reports).toEqual([]);
    // Nothing about the hook is left in the DOM or on window.
    expect(document.documentElement.outerHTML).not.toMatch(/tm-u-|token-meter/);
    expect(Object.keys(window).filter((k) => /^tm|token/i.test(k))).toEqual([]);
  });

  it.each([
    ['not JSON', '{'],
    ['unknown format', JSON.stringify({ format: 'x', at: 1 })],
    ['negative count', JSON.stringify({ format: 'zai', input: -1, at: 1 })],
    ['string count', JSON.stringify({ format: 'zai', input: '5', at: 1 })],
    ['huge', JSON.stringify({ format: 'zai', input: 1, at: 1, pad: 'x'.repeat(20_000) })],
    ['object detail', { format: 'zai' }],
  ])('rejects a malformed report: %s', (_, raw) => {
    expect(parseUsageReport(raw)).toBeNull();
  });
});
