// @vitest-environment happy-dom
// Bad input for the page hook: a 50 MB stream (generated here from the real z.ai capture's
// frames), a 50 MB body that is no stream at all, and a page that wraps `fetch` or
// `XMLHttpRequest` after the hook. The page always gets its bytes untouched; the hook reports the
// site's own numbers, or nothing, never a wrong number. (How much heap the hook keeps while it
// reads is measured in Chromium by `npm run bench -- streams`, not here.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installUsageHook, READ_SLICE, type HookHandle } from '@/utils/overlay/usage-hook';
import { listenForUsage } from '@/utils/overlay/usage-channel';
import type { UsageReport } from '@/utils/overlay/types';
import { readFixture } from '@/utils/sites/__tests__/expectations';
import { STREAMS } from '@/utils/sites/streams';

// The length of every piece of text the hook's readers are handed (the readers themselves are
// the real ones).
const pushed = vi.hoisted(() => [] as number[]);
vi.mock('@/utils/sites/streams', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/utils/sites/streams')>();
  return {
    ...real,
    createUsageParser: (...args: Parameters<typeof real.createUsageParser>) => {
      const parser = real.createUsageParser(...args);
      return {
        ...parser,
        push(chunk: string) {
          pushed.push(chunk.length);
          parser.push(chunk);
        },
      };
    },
  };
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until the hook has finished reading every body it started on (it reads in slices). */
async function settled(hook: HookHandle) {
  await sleep(10);
  for (let i = 0; hook.reading > 0 && i < 3000; i++) await sleep(10);
  expect(hook.reading).toBe(0);
}
const MB = 1024 * 1024;
const zai = STREAMS.find((s) => s.format === 'zai')!;
const kimi = STREAMS.find((s) => s.format === 'kimi')!;
const ZAI_PATH = '/api/v2/chat/completions';
const capture = readFixture('zai', 'capture.txt');

/**
 * A z.ai reply of about `size` bytes: the capture's opening and its usage and done frames, with
 * its own text frames repeated in between (plus one with multi-byte text, so chunk edges split
 * characters). The site's numbers are the capture's: 39 in, 165 out.
 */
function bigZaiBody(size: number): string {
  const usageAt = capture.indexOf('data: {"type":"chat:completion","data":{"phase":"other"');
  const frames = capture
    .slice(0, usageAt)
    .split('\n\n')
    .filter((f) => f.includes('"delta_content"'));
  const multiByte =
    'data: {"type":"chat:completion","data":{"delta_content":"统计 token 🙂 ü","phase":"answer"}}';
  const block = [...frames, multiByte].join('\n\n') + '\n\n';
  const parts = [capture.slice(0, usageAt)];
  let length = usageAt;
  while (length < size) {
    parts.push(block);
    length += block.length;
  }
  parts.push(capture.slice(usageAt));
  return parts.join('');
}

/** The body as a network stream of `chunk`-byte pieces (edges fall anywhere). */
function streamedBytes(bytes: Uint8Array, chunk: number): Response {
  let at = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(at, at + chunk));
        at += chunk;
      },
    }),
  );
}

const sameBytes = (a: ArrayBuffer, b: Uint8Array) =>
  a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

const cleanups: (() => void)[] = [];
afterEach(() =>
  cleanups
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

/** The network answers every request with `respond()`; the hook is installed over it. */
function setup(respond: () => Response, streams = [zai]) {
  const reports: UsageReport[] = [];
  const network = window.fetch;
  window.fetch = (async () => respond()) as typeof fetch;
  const hook = installUsageHook(window, streams);
  const stop = listenForUsage(window, (r) => reports.push(r));
  cleanups.push(() => {
    hook.uninstall();
    stop();
    window.fetch = network;
  });
  return { reports, hook };
}

describe('a 50 MB stream', () => {
  it('passes through byte-identical and the site’s numbers are read from its end', async () => {
    const body = bigZaiBody(50 * MB);
    const bytes = new TextEncoder().encode(body);
    expect(bytes.length).toBeGreaterThan(50 * MB);
    // An odd chunk size: edges fall inside frames and inside multi-byte characters.
    const { reports, hook } = setup(() => streamedBytes(bytes, 65_537));
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    expect(sameBytes(await response.arrayBuffer(), bytes)).toBe(true);
    await settled(hook);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ format: 'zai', input: 39, output: 165, done: true });
  }, 60_000);

  it('a body handed over as one 2 MB chunk is read in slices of at most READ_SLICE bytes', async () => {
    const bytes = new TextEncoder().encode(bigZaiBody(2 * MB));
    const sizes: number[] = [];
    const decode = TextDecoder.prototype.decode;
    TextDecoder.prototype.decode = function counted(this: TextDecoder, input?, options?) {
      if (input) sizes.push((input as ArrayBufferView).byteLength);
      return decode.call(this, input, options);
    };
    cleanups.push(() => (TextDecoder.prototype.decode = decode));
    const { reports, hook } = setup(() => streamedBytes(bytes, bytes.length));
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    expect(sameBytes(await response.arrayBuffer(), bytes)).toBe(true);
    await settled(hook);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(READ_SLICE);
    expect(sizes.length).toBeGreaterThanOrEqual(Math.floor(bytes.length / READ_SLICE));
    expect(reports[0]).toMatchObject({ input: 39, output: 165, done: true });
  });

  it('50 MB that is no stream (one line, no frame) reaches the page whole; nothing is reported', async () => {
    const bytes = new Uint8Array(50 * MB).fill(0x61); // "aaaa…", no newline
    bytes.set(new TextEncoder().encode('{"usage":{"prompt_tokens":1'), 0);
    const { reports, hook } = setup(() => streamedBytes(bytes, 64 * 1024));
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    expect(sameBytes(await response.arrayBuffer(), bytes)).toBe(true);
    await settled(hook);
    expect(reports).toHaveLength(0);
  }, 60_000);

  it('50 MB of binary on a Connect path reaches the page whole; nothing is reported', async () => {
    const bytes = new Uint8Array(50 * MB);
    let x = 2463534242; // xorshift: the same bytes every run
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    const { reports, hook } = setup(() => streamedBytes(bytes, 64 * 1024), [kimi]);
    const response = await window.fetch('/apiv2/kimi.gateway.chat.v1.ChatService/Chat', {
      method: 'POST',
    });
    expect(sameBytes(await response.arrayBuffer(), bytes)).toBe(true);
    await settled(hook);
    // Random bytes hold no frame the reader accepts: no number, no model.
    expect(reports.filter((r) => r.input ?? r.output ?? r.total ?? r.model)).toHaveLength(0);
  }, 60_000);
});

describe('a large XMLHttpRequest delta', () => {
  it('2 MB handed over by one progress event is read in slices of at most READ_SLICE characters, the page running between', async () => {
    const proto = XMLHttpRequest.prototype;
    const realSend = proto.send;
    proto.send = function noNetwork() {};
    cleanups.push(() => (proto.send = realSend));
    const body = bigZaiBody(2 * MB);
    const { reports, hook } = setup(() => new Response(''));
    const xhr = new XMLHttpRequest();
    let text = '';
    Object.defineProperty(xhr, 'responseText', { get: () => text });
    xhr.open('POST', ZAI_PATH);
    xhr.send('{}');
    pushed.length = 0;
    text = body.slice(0, MB);
    xhr.dispatchEvent(new Event('progress'));
    // The event's own task read one slice; the rest waits for the page's turn.
    expect(pushed).toEqual([READ_SLICE]);
    expect(hook.reading).toBe(1);
    // More arrives, and the request ends, while the first delta is still being read.
    text = body;
    xhr.dispatchEvent(new Event('progress'));
    xhr.dispatchEvent(new Event('load'));
    xhr.dispatchEvent(new Event('loadend'));
    expect(pushed).toEqual([READ_SLICE]);
    expect(reports).toHaveLength(0);
    await settled(hook);
    expect(Math.max(...pushed)).toBeLessThanOrEqual(READ_SLICE);
    expect(pushed.reduce((a, b) => a + b, 0)).toBe(body.length);
    expect(pushed.length).toBeGreaterThanOrEqual(Math.floor(body.length / READ_SLICE));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ format: 'zai', input: 39, output: 165, done: true });
  });
});

describe('a page that wraps fetch after the hook', () => {
  it('a pass-through wrapper that also reads its own clone: the page’s bytes and our read both intact', async () => {
    const { reports } = setup(() => streamedBytes(new TextEncoder().encode(capture), 41));
    const ours = window.fetch;
    const seenByWrapper: string[] = [];
    window.fetch = async function pageWrapper(this: unknown, ...args: Parameters<typeof fetch>) {
      const response = await ours.apply(this, args);
      void response
        .clone()
        .text()
        .then((t) => seenByWrapper.push(t));
      return response;
    } as typeof fetch;
    const text = await (await window.fetch(ZAI_PATH, { method: 'POST' })).text();
    expect(text).toBe(capture);
    await sleep(30);
    expect(seenByWrapper).toEqual([capture]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ input: 39, output: 165, done: true });
  });

  it('a wrapper that consumes the response and hands the page a new one built from it', async () => {
    const { reports } = setup(() => streamedBytes(new TextEncoder().encode(capture), 41));
    const ours = window.fetch;
    window.fetch = async function pageWrapper(...args: Parameters<typeof fetch>) {
      const response = await ours(...args);
      // The page's own transform stream (e.g. a logging tee of its SDK): bytes copied as they come.
      return new Response(response.body!.pipeThrough(new TransformStream()), {
        headers: response.headers,
      });
    } as typeof fetch;
    expect(await (await window.fetch(ZAI_PATH, { method: 'POST' })).text()).toBe(capture);
    await sleep(30);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ input: 39, output: 165, done: true });
  });

  it('a page that replaces fetch with one that never calls ours: the page’s bytes, and no report', async () => {
    const { reports } = setup(() => streamedBytes(new TextEncoder().encode(capture), 41));
    window.fetch = (async () => new Response(capture)) as typeof fetch;
    expect(await (await window.fetch(ZAI_PATH, { method: 'POST' })).text()).toBe(capture);
    await sleep(30);
    expect(reports).toHaveLength(0);
  });
});

describe('a page that wraps XMLHttpRequest after the hook', () => {
  it('its own open/send wrappers call ours: the page reads its text, we read the usage', async () => {
    const proto = XMLHttpRequest.prototype;
    const realSend = proto.send;
    proto.send = function noNetwork() {};
    cleanups.push(() => (proto.send = realSend));
    const { reports } = setup(() => new Response(''));
    // The page patches the prototype after our hook (as analytics and SDK shims do).
    const ourOpen = proto.open;
    const ourSend = proto.send;
    const pageSeen: string[] = [];
    proto.open = function pageOpen(this: XMLHttpRequest, ...args: unknown[]) {
      return (ourOpen as (...a: unknown[]) => void).apply(this, args);
    } as typeof proto.open;
    proto.send = function pageSend(this: XMLHttpRequest, body?: XMLHttpRequestBodyInit | null) {
      this.addEventListener('load', () => pageSeen.push(this.responseText));
      return ourSend.call(this, body);
    };
    cleanups.push(() => {
      proto.open = ourOpen;
      proto.send = ourSend;
    });
    const xhr = new XMLHttpRequest();
    let text = '';
    Object.defineProperty(xhr, 'responseText', { get: () => text });
    xhr.open('POST', ZAI_PATH);
    xhr.send('{}');
    for (let at = 0; at < capture.length; at += 97) {
      text = capture.slice(0, at);
      xhr.dispatchEvent(new Event('progress'));
    }
    text = capture;
    xhr.dispatchEvent(new Event('load'));
    xhr.dispatchEvent(new Event('loadend'));
    await sleep(5);
    expect(pageSeen).toEqual([capture]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ input: 39, output: 165, done: true });
  });
});
