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
import { readFixture, streamBodyFixture } from '@/utils/sites/__tests__/expectations';
import mimo from '@/utils/sites/mimo/stream';
import { parseUsageStream, STREAMS } from '@/utils/sites/streams';

const zaiBody = readFixture('zai', 'capture.txt');
const deepseekBody = readFixture('deepseek', 'capture.txt');
const geminiBody = readFixture('gemini', 'capture.txt');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A response whose body arrives in small chunks, like a live SSE stream. */
function streamed(body: string | Uint8Array, chunk = 37): Response {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
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
    { path: /StreamGenerate$/, format: 'gemini' as const },
    { path: /ChatService\/Chat$/, format: 'kimi' as const },
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
        input: 39,
        output: 165,
        outputIncludesReasoning: true,
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
      expect.objectContaining({
        format: 'deepseek',
        total: 603,
        opening: 513,
        model: 'deepseek-reasoner',
      }),
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
    expect(reports.at(-1)).toMatchObject({ format: 'zai', input: 39, output: 165 });
  });

  it('reads Gemini snapshots from responseText as they grow (real capture)', async () => {
    const proto = XMLHttpRequest.prototype;
    const realSend = proto.send;
    proto.send = function noNetwork() {};
    cleanups.push(() => (proto.send = realSend));
    const { reports } = install(() => new Response(''), 'hook-first');
    const xhr = new XMLHttpRequest();
    let text = '';
    Object.defineProperty(xhr, 'responseText', { get: () => text });
    xhr.open('POST', '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate');
    xhr.send();
    for (let at = 0; at < geminiBody.length; at += 101) {
      text = geminiBody.slice(0, at);
      xhr.dispatchEvent(new Event('progress'));
    }
    text = geminiBody;
    xhr.dispatchEvent(new Event('loadend'));
    await sleep(5);
    expect(reports).toEqual([
      expect.objectContaining({ format: 'gemini', model: '3.6 Flash', done: true }),
    ]);
  });
});

describe('usage hook over binary and cut streams', () => {
  /** A Connect body: per frame, flags 0, a big-endian length, the JSON (real byte lengths). */
  function connectBody(frames: object[]): Uint8Array {
    const parts = frames.map((f) => new TextEncoder().encode(JSON.stringify(f)));
    const out = new Uint8Array(parts.reduce((n, p) => n + 5 + p.length, 0));
    let at = 0;
    for (const p of parts) {
      new DataView(out.buffer).setUint32(at + 1, p.length);
      out.set(p, at + 5);
      at += 5 + p.length;
    }
    return out;
  }

  it('finds Kimi frames whose length bytes are not text, whatever the chunking', async () => {
    const long = 'ü'.repeat(70); // lengths ≥ 0x80: invalid UTF-8 once decoded as text
    const body = connectBody([
      { op: 'set', mask: 'block.text', block: { text: { content: long } } },
      {
        op: 'set',
        notification: {
          type: 'TYPE_MODEL_DEGRADE',
          message: 'Switched to K2.6 Instant for speed.',
        },
      },
      { done: {} },
    ]);
    const { reports } = install(() => streamed(body, 3), 'hook-first');
    const response = await window.fetch('/apiv2/kimi.gateway.chat.v1.ChatService/Chat');
    // The page's copy is byte-identical.
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(body);
    await sleep(20);
    expect(reports).toEqual([
      expect.objectContaining({ format: 'kimi', model: 'K2.6 Instant', done: true }),
    ]);
  });

  it('a stream the page aborts before its usage frame reports no number', async () => {
    const cut = zaiBody.slice(0, zaiBody.indexOf('"phase":"other"'));
    const bytes = new TextEncoder().encode(cut);
    const { reports } = install(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(bytes);
              controller.error(new DOMException('aborted', 'AbortError'));
            },
          }),
        ),
      'hook-first',
    );
    const response = await window.fetch('/api/v2/chat/completions');
    await expect(response.text()).rejects.toThrow();
    await sleep(20);
    expect(reports).toEqual([]);
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
    [
      'bad limits',
      JSON.stringify({ format: 'claude', at: 1, limits: [{ window: '5h', used: 7 }] }),
    ],
    [
      'too many limits',
      JSON.stringify({
        format: 'claude',
        at: 1,
        limits: Array(50).fill({ window: 'x', used: 0, resetsAt: null }),
      }),
    ],
  ])('rejects a malformed report: %s', (_, raw) => {
    expect(parseUsageReport(raw)).toBeNull();
  });
});

describe('reports carry the new fields through the channel', () => {
  it('keeps limits, the opening count and the output-holds-reasoning flag', () => {
    const raw = JSON.stringify({
      format: 'claude',
      at: 1,
      done: true,
      model: 'claude-sonnet-5',
      opening: 3,
      outputIncludesReasoning: true,
      limits: [{ window: '5h', used: 0.02, resetsAt: '2026-08-08T07:10:00.000Z' }],
    });
    expect(parseUsageReport(raw)).toMatchObject({
      opening: 3,
      outputIncludesReasoning: true,
      limits: [{ window: '5h', used: 0.02, resetsAt: '2026-08-08T07:10:00.000Z' }],
    });
  });
});

// Every reader, over its real capture, through both transports the hook wraps: what reaches the
// content script is what the reader finds in the whole body, and the page reads every byte.
describe('every site stream through fetch and XMLHttpRequest', () => {
  // AI Studio's reader reads the request only (its own describe below).
  const RESPONSE_READERS = STREAMS.map((s) => s.format).filter((f) => f !== 'aistudio');

  const PATHS: Record<string, string> = {
    zai: '/api/v2/chat/completions',
    qwen: '/api/v2/chat/completions',
    deepseek: '/api/v0/chat/completion',
    chatgpt: '/backend-api/f/conversation',
    claude: '/api/organizations/o/chat_conversations/c/completion',
    gemini: '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate',
    kimi: '/apiv2/kimi.gateway.chat.v1.ChatService/Chat',
    mimo: '/open-apis/bot/chat',
    perplexity: '/rest/thread/why-is-the-sky-blue-Q2k9xLmTRp',
  };

  function installOne(format: string) {
    const stream = STREAMS.find((s) => s.format === format)!;
    const reports: UsageReport[] = [];
    const originalFetch = window.fetch;
    const body = readFixture(format, streamBodyFixture(format));
    window.fetch = (async () => streamed(body, 7)) as typeof fetch;
    const hook = installUsageHook(window, [stream]);
    const stop = listenForUsage(window, (r) => reports.push(r));
    cleanups.push(() => {
      hook.uninstall();
      stop();
      window.fetch = originalFetch;
    });
    return { reports, body, expected: parseUsageStream(format, body)! };
  }

  it.each(RESPONSE_READERS)('%s over fetch', async (format) => {
    const { reports, body, expected } = installOne(format);
    expect(await (await window.fetch(PATHS[format], { method: 'POST' })).text()).toBe(body);
    await sleep(30);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ ...expected, path: PATHS[format] });
  });

  it.each(RESPONSE_READERS)('%s over XMLHttpRequest', async (format) => {
    const proto = XMLHttpRequest.prototype;
    const realSend = proto.send;
    proto.send = function noNetwork() {};
    cleanups.push(() => (proto.send = realSend));
    const { reports, body, expected } = installOne(format);
    const xhr = new XMLHttpRequest();
    let text = '';
    Object.defineProperty(xhr, 'responseText', { get: () => text });
    xhr.open('POST', PATHS[format]);
    xhr.send();
    for (let at = 0; at < body.length; at += 53) {
      text = body.slice(0, at);
      xhr.dispatchEvent(new Event('progress'));
    }
    text = body;
    xhr.dispatchEvent(new Event('loadend'));
    await sleep(5);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject(expected);
  });
});

describe('usage hook: the model named in the request body (MiMo)', () => {
  const mimoBody = readFixture('mimo', 'reconstructed.txt');
  const mimoRequest = readFixture('mimo', 'request.json');

  function installMimo(responder: () => Response) {
    const reports: UsageReport[] = [];
    const originalFetch = window.fetch;
    window.fetch = (async () => responder()) as typeof fetch;
    const hook = installUsageHook(window, [mimo]);
    const stop = listenForUsage(window, (r) => reports.push(r));
    cleanups.push(() => {
      hook.uninstall();
      stop();
      window.fetch = originalFetch;
    });
    return reports;
  }

  it("reports the site's numbers with the model the request asked for; the page's bytes untouched", async () => {
    const reports = installMimo(() => streamed(mimoBody));
    const response = await window.fetch('/open-apis/bot/chat?xiaomichatbot_ph=x', {
      method: 'POST',
      body: mimoRequest,
    });
    expect(await response.text()).toBe(mimoBody);
    await sleep(20);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      format: 'mimo',
      input: 142,
      output: 58,
      reasoning: 21,
      outputIncludesReasoning: true,
      model: 'mimo-v2-flash-studio',
      done: true,
    });
  });

  it('a stream cut before its usage event reports the model only, no number', async () => {
    const cut = mimoBody.slice(0, mimoBody.indexOf('event:usage'));
    const reports = installMimo(() => streamed(cut));
    await (
      await window.fetch('/fastchat/open-apis/bot/chat', { method: 'POST', body: mimoRequest })
    ).text();
    await sleep(20);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      format: 'mimo',
      model: 'mimo-v2-flash-studio',
      done: false,
    });
    expect(reports[0].input ?? reports[0].output ?? reports[0].total).toBeUndefined();
  });

  it('a body that is not JSON, or too large, names no model and breaks nothing', async () => {
    const reports = installMimo(() => streamed(mimoBody));
    await (await window.fetch('/open-apis/bot/chat', { method: 'POST', body: '{not json' })).text();
    await (
      await window.fetch('/open-apis/bot/chat', {
        method: 'POST',
        body: `{"modelConfig":{"model":"x"},"pad":"${'a'.repeat(1_100_000)}"}`,
      })
    ).text();
    await sleep(20);
    expect(reports.map((r) => r.model)).toEqual([undefined, undefined]);
    expect(reports[0].input).toBe(142);
  });
});

describe("usage hook: AI Studio, the model id from the XHR request to Google's API host", () => {
  const RUN =
    'https://alkalimakersuite-pa.clients6.google.com/$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/GenerateContent';

  function sendRun(url: string, body: string) {
    const proto = XMLHttpRequest.prototype;
    const realSend = proto.send;
    proto.send = function noNetwork() {};
    const stream = STREAMS.find((s) => s.format === 'aistudio')!;
    const reports: UsageReport[] = [];
    const hook = installUsageHook(window, [stream]);
    const stop = listenForUsage(window, (r) => reports.push(r));
    cleanups.push(() => {
      hook.uninstall();
      stop();
      proto.send = realSend;
    });
    const xhr = new XMLHttpRequest();
    Object.defineProperty(xhr, 'responseText', { get: () => '[]' });
    xhr.open('POST', url);
    xhr.send(body);
    xhr.dispatchEvent(new Event('loadend'));
    return reports;
  }

  it('reports the model the request asked for, and no number', async () => {
    const reports = sendRun(RUN, readFixture('aistudio', 'request.json'));
    await sleep(5);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ format: 'aistudio', model: 'gemini-2.5-pro', done: false });
    expect(reports[0].input ?? reports[0].output ?? reports[0].total).toBeUndefined();
  });

  it('another host, or a body naming no model, reports nothing', async () => {
    const reports = sendRun(
      RUN.replace('alkalimakersuite-pa', 'other'),
      '["models/gemini-2.5-pro"]',
    );
    await sleep(5);
    expect(reports).toEqual([]);
    const notJson = sendRun(RUN, '{not json');
    await sleep(5);
    expect(notJson).toEqual([]);
  });
});

// The model the page's request names stands in only where the stream names none: the stream's
// own model wins, a cut stream falls back to the request's, and no number is invented.
describe('usage hook: the request body’s model beside the stream’s (tier-1 sites)', () => {
  const byFormat = (f: string) => STREAMS.find((s) => s.format === f)!;

  function installSite(format: string, body: string) {
    const reports: UsageReport[] = [];
    const originalFetch = window.fetch;
    window.fetch = (async () => streamed(body, 11)) as typeof fetch;
    const hook = installUsageHook(window, [byFormat(format)]);
    const stop = listenForUsage(window, (r) => reports.push(r));
    cleanups.push(() => {
      hook.uninstall();
      stop();
      window.fetch = originalFetch;
    });
    return reports;
  }

  it('ChatGPT: the stream’s model_slug (gpt-5-6) wins over the request’s gpt-5-5', async () => {
    const body = readFixture('chatgpt', 'capture.txt');
    const reports = installSite('chatgpt', body);
    const response = await window.fetch('/backend-api/f/conversation', {
      method: 'POST',
      body: readFixture('chatgpt', 'request.json'),
    });
    expect(await response.text()).toBe(body);
    await sleep(20);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ format: 'chatgpt', model: 'gpt-5-6', done: true });
  });

  it('ChatGPT: a stream cut before it names the model reports the request’s', async () => {
    const full = readFixture('chatgpt', 'capture.txt');
    const cut = full.slice(0, full.indexOf('model_slug'));
    const reports = installSite('chatgpt', cut);
    await (
      await window.fetch('/backend-api/f/conversation', {
        method: 'POST',
        body: readFixture('chatgpt', 'request.json'),
      })
    ).text();
    await sleep(20);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ format: 'chatgpt', model: 'gpt-5-5', done: false });
  });

  it('DeepSeek: cut before its snapshot, DeepThink from the request; no number', async () => {
    const full = readFixture('deepseek', 'capture.txt');
    const reports = installSite('deepseek', full.slice(0, full.indexOf('{"v":{"response"')));
    await (
      await window.fetch('/api/v0/chat/completion', {
        method: 'POST',
        body: readFixture('deepseek', 'request.json'),
      })
    ).text();
    await sleep(20);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ model: 'deepseek-reasoner', done: false });
    expect(reports[0].total ?? reports[0].input ?? reports[0].output).toBeUndefined();
  });

  it('Qwen over XMLHttpRequest: the exact usage, with the model its request names', async () => {
    const proto = XMLHttpRequest.prototype;
    const realSend = proto.send;
    proto.send = function noNetwork() {};
    cleanups.push(() => (proto.send = realSend));
    const body = readFixture('qwen', 'capture.txt');
    const reports = installSite('qwen', body);
    const xhr = new XMLHttpRequest();
    Object.defineProperty(xhr, 'responseText', { get: () => body });
    xhr.open('POST', '/api/v2/chat/completions');
    xhr.send(readFixture('qwen', 'request.json'));
    xhr.dispatchEvent(new Event('loadend'));
    await sleep(5);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ input: 2646, output: 46, model: 'qwen3-max', done: true });
  });
});
