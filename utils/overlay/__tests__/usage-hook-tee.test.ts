// @vitest-environment happy-dom
// The hook's own tee of a fetch body (utils/overlay/usage-tee.ts): the page gets the network's
// bytes in the same chunk boundaries (copies: the reader keeps the network's own chunks), while
// the hook's reader is held to a bounded backlog (a page reading faster than the reader is made
// to wait, never the body held for the reader); cancel and errors go both ways; the page's body
// is a byte stream (a BYOB reader works) and a chunk it transfers away costs the reader nothing;
// the page's Response looks like the original. The reader's pace is
// set by the test: the hook yields to the page through a MessageChannel, replaced here by one
// whose messages the test delivers one at a time (no clock).
import { MessageChannel as NodeChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installUsageHook, type HookHandle } from '@/utils/overlay/usage-hook';
import { QUEUE_BOUND } from '@/utils/overlay/usage-tee';
import { listenForUsage } from '@/utils/overlay/usage-channel';
import type { UsageReport } from '@/utils/overlay/types';
import { readFixture } from '@/utils/sites/__tests__/expectations';
import { STREAMS } from '@/utils/sites/streams';

// Bytes of text the hook's reader has been handed (the reader itself is the real one).
const parsed = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('@/utils/sites/streams', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/utils/sites/streams')>();
  return {
    ...real,
    createUsageParser: (...args: Parameters<typeof real.createUsageParser>) => {
      const parser = real.createUsageParser(...args);
      return {
        ...parser,
        push(chunk: string) {
          parsed.bytes += new TextEncoder().encode(chunk).length;
          parser.push(chunk);
        },
      };
    },
  };
});

const ZAI_PATH = '/api/v2/chat/completions';
const zai = STREAMS.find((s) => s.format === 'zai')!;
const capture = readFixture('zai', 'capture.txt');
const KB = 1024;

/**
 * A z.ai reply of about `size` bytes: the real capture with its text frames repeated before its
 * usage frame (the site's numbers stay the capture's: 39 in, 165 out).
 */
function zaiBody(size: number): Uint8Array {
  const usageAt = capture.indexOf('data: {"type":"chat:completion","data":{"phase":"other"');
  const block =
    capture
      .slice(0, usageAt)
      .split('\n\n')
      .filter((f) => f.includes('"delta_content"'))
      .join('\n\n') + '\n\n';
  const parts = [capture.slice(0, usageAt)];
  for (let length = usageAt; length < size; length += block.length) parts.push(block);
  parts.push(capture.slice(usageAt));
  return new TextEncoder().encode(parts.join(''));
}

/** A seeded generator (mulberry32): the chunkings are random but the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The network: `bytes` in pieces of `sizes()` bytes, each its own buffer; what it was asked. */
function network(bytes: Uint8Array, sizes: () => number, failAfter?: { at: number; error: Error }) {
  const sent: Uint8Array[] = [];
  const net = { sent, cancelled: [] as unknown[], response: null as unknown as Response };
  let at = 0;
  net.response = new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (failAfter && at >= failAfter.at) return controller.error(failAfter.error);
        if (at >= bytes.length) return controller.close();
        const chunk = bytes.slice(at, at + sizes());
        at += chunk.byteLength;
        sent.push(chunk);
        controller.enqueue(chunk);
      },
      cancel(reason) {
        net.cancelled.push(reason);
      },
    }),
  );
  return net;
}

/** The hook's turns to the page: each message waits until the test delivers it. */
class Gate {
  private pending: (() => void)[] = [];
  channel = (() => {
    const pending = this.pending;
    return class GatedChannel {
      port1 = { onmessage: null as null | (() => void) };
      port2 = {
        postMessage: () => pending.push(() => this.port1.onmessage?.()),
      };
    };
  })();
  /** Delivers one waiting turn (false: none waits). */
  step(): boolean {
    const next = this.pending.shift();
    next?.();
    return !!next;
  }
}

const turn = () => new Promise((r) => setTimeout(r, 0));

const cleanups: (() => void)[] = [];
afterEach(() =>
  cleanups
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

/** The hook over a network answering with `respond()`; its turns to the page gated. */
function setup(respond: () => Response) {
  parsed.bytes = 0;
  const gate = new Gate();
  const realChannel = window.MessageChannel;
  const realFetch = window.fetch;
  window.MessageChannel = gate.channel as unknown as typeof MessageChannel;
  window.fetch = (async () => respond()) as typeof fetch;
  const hook = installUsageHook(window, [zai]);
  window.MessageChannel = realChannel;
  const reports: UsageReport[] = [];
  const stop = listenForUsage(window, (r) => reports.push(r));
  cleanups.push(() => {
    hook.uninstall();
    stop();
    window.fetch = realFetch;
  });
  return { gate, hook, reports };
}

/** Lets the hook's reader run to its end, one turn at a time. */
async function drain(gate: Gate, hook: HookHandle) {
  for (let i = 0; i < 100_000 && (gate.step() || hook.reading > 0); i++) await turn();
  expect(hook.reading).toBe(0);
}

/** Reads a body as a page does, recording each chunk and the hook's unread bytes meanwhile. */
async function pageReads(body: ReadableStream<Uint8Array>, progress: { backlog: number }) {
  const got: Uint8Array[] = [];
  let received = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return got;
    got.push(value);
    received += value.byteLength;
    progress.backlog = Math.max(progress.backlog, received - parsed.bytes);
  }
}

const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks.map((c) => Buffer.from(c)));

describe("the hook's tee: a page reading faster than the hook", () => {
  it.each([1, 2, 3])(
    'random chunking %i: the same bytes in the same chunks reach the page, and the hook never has more than the bound and one chunk unread',
    async (seed) => {
      const next = random(seed);
      // Pieces of 1 byte to 96 KB, a fifth of them tiny (edges inside frames and characters).
      const sizes = () =>
        next() < 0.2 ? 1 + Math.floor(next() * 16) : Math.ceil(next() * 96 * KB);
      const bytes = zaiBody(3 * QUEUE_BOUND);
      const net = network(bytes, sizes);
      const { gate, hook, reports } = setup(() => net.response);
      const response = await window.fetch(ZAI_PATH, { method: 'POST' });
      const progress = { backlog: 0 };
      let done = false;
      const reading = pageReads(response.body!, progress).finally(() => (done = true));
      // The hook's reader runs one slice per delivered turn; the page reads whenever it can.
      for (let i = 0; !done && i < 100_000; i++) {
        gate.step();
        await turn();
      }
      const got = await reading;
      await drain(gate, hook);
      expect(got.map((c) => c.byteLength)).toEqual(net.sent.map((c) => c.byteLength));
      expect(joined(got).equals(Buffer.from(bytes))).toBe(true);
      // Copies: the network's chunks (the reader's) were never transferred away.
      got.forEach((chunk, i) => expect(chunk.buffer).not.toBe(net.sent[i].buffer));
      expect(joined(net.sent).equals(Buffer.from(bytes))).toBe(true);
      const largest = Math.max(...net.sent.map((c) => c.byteLength));
      expect(progress.backlog).toBeLessThanOrEqual(QUEUE_BOUND + largest);
      // The page was held back (it reached the bound), so the bound was what limited it.
      expect(progress.backlog).toBeGreaterThan(QUEUE_BOUND / 2);
      expect(parsed.bytes).toBe(bytes.length);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ format: 'zai', input: 39, output: 165, done: true });
    },
  );

  it('a page that never reads the body: the hook reads nothing and reports nothing', async () => {
    const net = network(zaiBody(200 * KB), () => 16 * KB);
    const { gate, hook, reports } = setup(() => net.response);
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    expect(response.bodyUsed).toBe(false);
    for (let i = 0; i < 50; i++) {
      gate.step();
      await turn();
    }
    expect(hook.reading).toBe(0);
    expect(parsed.bytes).toBe(0);
    expect(reports).toEqual([]);
  });
});

describe("the hook's tee: cancel, errors, a transferred chunk, a BYOB reader", () => {
  it("the page's cancel(reason) cancels the network's body with the same reason", async () => {
    const net = network(zaiBody(400 * KB), () => 40 * KB);
    const { gate, hook, reports } = setup(() => net.response);
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    const reason = new Error('the user pressed stop');
    await reader.cancel(reason);
    await drain(gate, hook);
    expect(net.cancelled).toEqual([reason]);
    expect(net.cancelled[0]).toBe(reason);
    expect(reports.filter((r) => r.input !== undefined || r.output !== undefined)).toEqual([]);
  });

  it("the network's error reaches the page as the same error object; the hook reports no number", async () => {
    const error = new Error('connection reset');
    const bytes = zaiBody(300 * KB);
    const net = network(bytes, () => 40 * KB, { at: 200 * KB, error });
    const { gate, hook, reports } = setup(() => net.response);
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    const progress = { backlog: 0 };
    const outcome = pageReads(response.body!, progress).then(
      () => null,
      (e: unknown) => e,
    );
    await drain(gate, hook);
    expect(await outcome).toBe(error);
    expect(parsed.bytes).toBe(200 * KB);
    expect(reports.filter((r) => r.input !== undefined || r.output !== undefined)).toEqual([]);
  });

  it('a chunk the page transfers away before the hook read it: the hook reads its own and reports', async () => {
    const net = network(zaiBody(300 * KB), () => 40 * KB);
    const { gate, hook, reports } = setup(() => net.response);
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    // The page reads everything first (under the bound: it is not held), the hook none yet.
    const got = await pageReads(response.body!, { backlog: 0 });
    expect(got.length).toBeGreaterThan(4);
    const { port1, port2 } = new NodeChannel();
    for (const chunk of got) {
      const buffer = chunk.buffer as ArrayBuffer;
      port1.postMessage(buffer, [buffer]);
      expect(chunk.byteLength).toBe(0);
    }
    port1.close();
    port2.close();
    await drain(gate, hook);
    expect(parsed.bytes).toBe(net.sent.reduce((n, c) => n + c.byteLength, 0));
    expect(reports).toEqual([expect.objectContaining({ input: 39, output: 165, done: true })]);
  });

  it.each([1, 1000, 64 * KB])(
    'a BYOB reader with %i-byte buffers reads the whole body, a read waiting at the end gets done, and the hook reports',
    async (size) => {
      // One byte per read is slow in Node's streams: a smaller body for it.
      const bytes = zaiBody(size === 1 ? 8 * KB : 200 * KB);
      const net = network(bytes, () => (size === 1 ? 3 * KB + 5 : 24 * KB + 5));
      const { gate, hook, reports } = setup(() => net.response);
      const response = await window.fetch(ZAI_PATH, { method: 'POST' });
      const reader = response.body!.getReader({ mode: 'byob' });
      const got: Uint8Array[] = [];
      let done = false;
      const reading = (async () => {
        for (;;) {
          const result = await reader.read(new Uint8Array(size));
          if (result.done) return;
          expect(result.value.byteLength).toBeLessThanOrEqual(size);
          got.push(result.value);
        }
      })().finally(() => (done = true));
      for (let i = 0; !done && i < 100_000; i++) {
        gate.step();
        await turn();
      }
      await reading;
      expect(joined(got).equals(Buffer.from(bytes))).toBe(true);
      await drain(gate, hook);
      expect(reports).toEqual([expect.objectContaining({ input: 39, output: 165, done: true })]);
    },
  );
});

describe("the page's Response", () => {
  it("looks like the original: status, text, headers, url, redirected, type, and its clone's", async () => {
    const original = new Response(capture, {
      status: 201,
      statusText: 'Created',
      headers: { 'content-type': 'text/event-stream', 'x-request-id': 'r1' },
    });
    for (const [key, value] of [
      ['url', `https://chat.z.ai${ZAI_PATH}`],
      ['redirected', true],
      ['type', 'cors'],
    ] as const)
      Object.defineProperty(original, key, { get: () => value });
    const { gate, hook, reports } = setup(() => original);
    const response = await window.fetch(ZAI_PATH, { method: 'POST' });
    expect(response).not.toBe(original); // the hook's tee (so the properties below are its own)
    expect(response).toBeInstanceOf(Response);
    for (const view of [response, response.clone()]) {
      expect(view.url).toBe(`https://chat.z.ai${ZAI_PATH}`);
      expect(view.redirected).toBe(true);
      expect(view.type).toBe('cors');
      expect([view.status, view.statusText, view.ok, view.bodyUsed]).toEqual([
        201,
        'Created',
        true,
        false,
      ]);
      expect(view.headers.get('x-request-id')).toBe('r1');
      // Nothing a page enumerates beyond what any Response shows (none in a browser).
      const plain = Object.keys(new Response(''));
      expect(Object.keys(view).filter((key) => !plain.includes(key))).toEqual([]);
    }
    expect(response.headers).toBe(original.headers);
    expect(await response.text()).toBe(capture);
    expect(response.bodyUsed).toBe(true);
    await drain(gate, hook);
    expect(reports).toEqual([expect.objectContaining({ input: 39, output: 165 })]);
  });

  it.each([204, 304])('a %i (null body) passes through untouched, unread', async (status) => {
    const original = new Response(null, { status });
    const { hook } = setup(() => original);
    expect(await window.fetch(ZAI_PATH)).toBe(original);
    expect(hook.reading).toBe(0);
  });

  it('text(), json(), arrayBuffer(), blob() and pipeThrough(TextDecoderStream) read it whole', async () => {
    const bytes = zaiBody(100 * KB);
    const text = new TextDecoder().decode(bytes);
    const reads: ((r: Response) => Promise<string>)[] = [
      (r) => r.text(),
      async (r) => new TextDecoder().decode(await r.arrayBuffer()),
      async (r) => (await r.blob()).text(),
      async (r) => {
        let out = '';
        const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
        for (let c = await reader.read(); !c.done; c = await reader.read()) out += c.value;
        return out;
      },
    ];
    for (const read of reads) {
      const net = network(bytes, () => 7 * KB + 3);
      const { gate, hook, reports } = setup(() => net.response);
      // Under the bound: the page reads it all, not held, before the hook's reader runs.
      expect(await read(await window.fetch(ZAI_PATH, { method: 'POST' }))).toBe(text);
      await drain(gate, hook);
      expect(reports).toEqual([expect.objectContaining({ input: 39, output: 165 })]);
      cleanups.splice(0).forEach((f) => f());
    }
    const json = { usage: { prompt_tokens: 1 } };
    const { gate, hook } = setup(() => new Response(JSON.stringify(json)));
    expect(await (await window.fetch(ZAI_PATH)).json()).toEqual(json);
    await drain(gate, hook);
  });
});
