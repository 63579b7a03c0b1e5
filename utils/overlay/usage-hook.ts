/**
 * The MAIN-world hook: wraps the page's `fetch` and `XMLHttpRequest` to read exact usage from the
 * site's own stream responses (z.ai `usage`, DeepSeek `accumulated_token_usage`). A fetch's body
 * reaches the page through our tee with a bounded backlog (./usage-tee.ts: the page's own chunk
 * objects, unchanged); an XHR's text is read where the page reads it. Every step is wrapped so a
 * failure here can never change what the page receives. Only paths listed by an adapter are read.
 *
 * Runs in the page's world: no extension APIs here, only the private channel
 * (./usage-channel.ts) to the content script.
 */
import { createUsageParser, type UsageStreamFormat } from '@/utils/sites/streams';
import { MAX_REQUEST_BODY } from '@/utils/sites/stream-types';
import { CONTENT_UP, HOOK_KEY, HOOK_UP, usageEventName } from './usage-channel';
import { teeResponse, type ChunkQueue, type TeeGlobals } from './usage-tee';

export interface HookStream {
  path: RegExp;
  format: UsageStreamFormat;
  /** The model named in the request's body, for streams that name none (MiMo). */
  requestModel?: (body: string) => string | null;
  /** Hosts besides the page's own that the site's requests go to. */
  requestHosts?: readonly string[];
}

/** The model a request body names, if the stream reads one and the body is text of a sane size. */
function modelFromBody(stream: HookStream, body: unknown): string | null {
  try {
    if (!stream.requestModel || typeof body !== 'string' || body.length > MAX_REQUEST_BODY)
      return null;
    return stream.requestModel(body);
  } catch {
    return null;
  }
}

/**
 * Bytes of a response (characters of an XHR's text) read in one go before the page gets the
 * thread back. 16 KB: with 32 KB, Kimi's p95 per task was 1.1 ms on an idle machine and
 * 5.6–6.7 ms at load 13–15, with 16 KB 1.3–1.4 ms in the same sitting (`npm run bench --
 * streams-chromium`); a task of ours may take 1 ms. The cost is twice the turns.
 */
export const READ_SLICE = 16 * 1024;

/**
 * A macrotask turn for the page: a private MessageChannel (no 4 ms timer clamp), its methods
 * captured now so a page patching them later cannot stall or observe it; else a timer.
 */
function pageYield(win: Window & typeof globalThis): () => Promise<void> {
  const setTimer = win.setTimeout.bind(win);
  try {
    const channel = new win.MessageChannel();
    const post = channel.port2.postMessage; // the port's own method, captured now
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        post.call(channel.port2, 0);
      });
  } catch {
    return () => new Promise<void>((resolve) => setTimer(resolve, 0));
  }
}

export interface HookHandle {
  /** Reports sent (for tests). */
  sent: number;
  /** Response bodies being read now (for tests: 0 once every read has ended). */
  reading: number;
  uninstall(): void;
}

function randomSecret(win: Window): string {
  const bytes = new Uint8Array(16);
  win.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Kept whole on purpose: the page's originals (fetch, XHR, dispatchEvent, CustomEvent) are
// captured once, before any page script runs, and are reachable from nowhere else; this
// boundary with the page is reviewed as one piece.
// eslint-disable-next-line max-lines-per-function -- one closure over the captured originals
export function installUsageHook(
  win: Window & typeof globalThis,
  streams: readonly HookStream[],
): HookHandle {
  // Taken before any page script runs: later patches by the page do not affect the channel.
  const dispatchOnWindow = win.dispatchEvent.bind(win);
  const listenOnWindow = win.addEventListener.bind(win);
  const unlistenOnWindow = win.removeEventListener.bind(win);
  const addListener = win.EventTarget.prototype.addEventListener;
  const CustomEventCtor = win.CustomEvent;
  const TextDecoderCtor = win.TextDecoder;
  const tee: TeeGlobals = { Response: win.Response, ReadableStream: win.ReadableStream };
  const originalFetch = win.fetch;
  const yieldToPage = pageYield(win);
  const xhrProto = win.XMLHttpRequest.prototype;
  const originalOpen = xhrProto.open;
  const originalSend = xhrProto.send;
  const secret = randomSecret(win);
  const eventName = usageEventName(secret);
  const handle: HookHandle = { sent: 0, reading: 0, uninstall };

  // Handshake: answer the content script once, then never again.
  const onContentUp = () => {
    unlistenOnWindow(CONTENT_UP, onContentUp);
    dispatchOnWindow(new CustomEventCtor(HOOK_KEY, { detail: secret }));
  };
  listenOnWindow(CONTENT_UP, onContentUp);
  dispatchOnWindow(new CustomEventCtor(HOOK_UP));

  const streamFor = (rawUrl: string): HookStream | null => {
    try {
      const url = new URL(rawUrl, win.location.href);
      const own = url.origin === win.location.origin;
      return (
        streams.find(
          (s) =>
            (own || (url.protocol === 'https:' && !!s.requestHosts?.includes(url.host))) &&
            s.path.test(url.pathname),
        ) ?? null
      );
    } catch {
      return null;
    }
  };

  const emit = (
    stream: HookStream,
    path: string,
    usage: ReturnType<ReturnType<typeof createUsageParser>['finish']>,
    requestModel: string | null = null,
  ) => {
    // The request's model stands in where the stream names none (never over the stream's).
    const report = usage
      ? { ...usage, model: usage.model ?? requestModel ?? undefined }
      : requestModel
        ? { format: stream.format, model: requestModel, done: false }
        : null;
    if (!report) return;
    try {
      const detail = JSON.stringify({ ...report, at: Date.now(), path });
      dispatchOnWindow(new CustomEventCtor(eventName, { detail }));
      handle.sent++;
    } catch {
      // never let a report break the page
    }
  };

  /**
   * Reads the hook's side of a response's tee: one slice of at most READ_SLICE bytes per task,
   * the page running in between (it may be holding a chunk or many). A chunk the page has
   * transferred since (it reads empty where bytes were queued) makes the body unreadable: no
   * report, rather than a number from part of it.
   */
  const readQueue = async (
    stream: HookStream,
    path: string,
    queue: ChunkQueue,
    requestModel: Promise<string | null>,
  ) => {
    const parser = createUsageParser(stream.format);
    const decoder = new TextDecoderCtor();
    handle.reading++;
    /** Bytes of the body are lost to us (a chunk transferred away, a failure): no report. */
    const unreadable = async () => {
      for (let next = await queue.take(); next; next = await queue.take()) {
        const { chunk, length } = next;
        for (let at = 0; at < length; at += READ_SLICE) {
          await yieldToPage();
          if (chunk.byteLength !== length) return true;
          parser.push(decoder.decode(chunk.subarray(at, at + READ_SLICE), { stream: true }));
          queue.release(Math.min(READ_SLICE, length - at));
        }
      }
      if (queue.lost) return true;
      parser.push(decoder.decode());
      return false;
    };
    try {
      // An aborted or errored body ends early: the parser reports what it read (not done).
      if (!(await unreadable().catch(() => true)))
        emit(stream, path, parser.finish(), await requestModel.catch(() => null));
      else queue.abandon(); // the tee goes on for the page, unread
    } catch {
      // never let a report break the page
    } finally {
      handle.reading--;
    }
  };

  /** The model a fetch's request names: its init's text body, or a Request's (a clone's). */
  const fetchRequestModel = (stream: HookStream, args: Parameters<typeof fetch>) => {
    if (!stream.requestModel) return Promise.resolve(null);
    const initBody = args[1]?.body;
    if (initBody !== undefined && initBody !== null)
      return Promise.resolve(modelFromBody(stream, initBody));
    const input = args[0];
    if (typeof input === 'object' && !(input instanceof URL) && !input.bodyUsed)
      return input
        .clone()
        .text()
        .then((text) => modelFromBody(stream, text));
    return Promise.resolve(null);
  };

  function wrappedFetch(this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
    const promise = originalFetch.apply(this, args);
    try {
      const input = args[0];
      const rawUrl =
        typeof input === 'string'
          ? input
          : input instanceof URL
            ? input.href
            : (input as Request).url;
      const stream = streamFor(rawUrl);
      if (stream) {
        const path = new URL(rawUrl, win.location.href).pathname;
        const requestModel = fetchRequestModel(stream, args).catch(() => null);
        // The page gets our tee of the response (or, when it cannot be built, the original).
        return promise.then((response) => {
          try {
            return teeResponse(tee, response, (queue) => {
              void readQueue(stream, path, queue, requestModel);
            });
          } catch {
            return response;
          }
        });
      }
    } catch {
      // never break the page's request
    }
    return promise;
  }
  win.fetch = wrappedFetch as typeof fetch;

  const xhrStreams = new WeakMap<XMLHttpRequest, { stream: HookStream; path: string }>();
  xhrProto.open = function open(this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const stream = streamFor(String(args[1]));
      if (stream)
        xhrStreams.set(this, {
          stream,
          path: new URL(String(args[1]), win.location.href).pathname,
        });
      else xhrStreams.delete(this);
    } catch {
      // ignore
    }
    return (originalOpen as (...a: unknown[]) => void).apply(this, args);
  } as typeof xhrProto.open;
  xhrProto.send = function send(
    this: XMLHttpRequest,
    body?: Document | XMLHttpRequestBodyInit | null,
  ) {
    try {
      const entry = xhrStreams.get(this);
      if (entry) {
        const requestModel = modelFromBody(entry.stream, body);
        const parser = createUsageParser(entry.stream.format);
        // The text so far (the page's own string, never a copy) and how much of it is read.
        let text = '';
        let seen = 0;
        let reading = false;
        let ended = false;
        let reported = false;
        const report = () => {
          if (reported) return;
          reported = true;
          text = '';
          try {
            emit(entry.stream, entry.path, parser.finish(), requestModel);
          } catch {
            // never let a report break the page
          }
        };
        // What a progress event added is read in slices of at most READ_SLICE characters, the
        // page running in between (a large delta, or everything at `load`, is no single task).
        const read = async () => {
          reading = true;
          handle.reading++;
          try {
            while (seen < text.length) {
              const end = Math.min(text.length, seen + READ_SLICE);
              parser.push(text.slice(seen, end));
              seen = end;
              if (seen < text.length) await yieldToPage();
            }
          } catch {
            // a reader failure: report what was read
          } finally {
            reading = false;
            handle.reading--;
          }
          if (ended) report();
        };
        const feed = () => {
          try {
            if (this.responseType !== '' && this.responseType !== 'text') return;
            const now = this.responseText;
            if (now.length > text.length) text = now;
          } catch {
            // responseText unavailable
          }
          if (!reading && seen < text.length) void read();
        };
        addListener.call(this, 'progress', feed);
        addListener.call(this, 'loadend', () => {
          ended = true;
          feed();
          if (!reading) report();
        });
      }
    } catch {
      // ignore
    }
    return originalSend.call(this, body);
  };

  function uninstall() {
    win.fetch = originalFetch;
    xhrProto.open = originalOpen;
    xhrProto.send = originalSend;
    unlistenOnWindow(CONTENT_UP, onContentUp);
  }
  return handle;
}
