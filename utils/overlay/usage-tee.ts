/**
 * The hook's own tee of a fetch response, with a bounded backlog. `Response.clone()` is a tee
 * without backpressure: Blink keeps every chunk for the slower branch, so a reader that falls
 * behind the page holds up to the whole body. Here the page gets a new `Response` whose body (a
 * byte stream, as a fetch body is) pulls from the original body's reader and hands the page a
 * copy of each chunk (same bytes, same boundaries, no delay while the reader keeps up); the
 * hook's reader gets the network's chunk itself, queued. When more than `bound` bytes wait unread,
 * the page's next pull waits until the reader is below half of it: the page is slowed rather than
 * the body held, and the site's numbers are never dropped.
 *
 * Runs in the page's world: the constructors are the page's, captured before its scripts run.
 */

/**
 * Bytes the hook's reader may have queued unread before the page's next pull waits (it goes on
 * below half of it). What is held is at most this and one chunk, and a page that was made to
 * wait gets all the network has by then as one chunk (unread peaks of 2.0–2.9 MB with a 1 MB
 * bound). The heap held during a 20 MB stream: 2.1–5.4 MB with 1 MB, −1.1–3.8 MB with 512 KB
 * (two runs each, load 13–15, `npm run bench -- streams-chromium`).
 */
export const QUEUE_BOUND = 512 * 1024;

/** Captured when the hook is installed, before the page's scripts run. */
const Bytes = Uint8Array;

/** Statuses whose response has no body (fetch's null body statuses). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export interface TeeGlobals {
  Response: typeof Response;
  ReadableStream: typeof ReadableStream;
}

export interface QueuedChunk {
  chunk: Uint8Array;
  /** Its length when queued: a chunk the page has since transferred reads 0. */
  length: number;
}

/** The hook's side of the tee. */
export interface ChunkQueue {
  /** The next chunk, or null once the body has ended (done, errored or cancelled). */
  take(): Promise<QueuedChunk | null>;
  /** The reader has read `bytes` more of what it took (the page's pull may go on). */
  release(bytes: number): void;
  /** The reader gives up: nothing more is queued and the page is never held back again. */
  abandon(): void;
  /** Bytes queued and not yet released. */
  readonly queued: number;
  /** Bytes were lost to the reader (abandoned, or a chunk that is not bytes): report nothing. */
  readonly lost: boolean;
}

/**
 * The page's view of the original: what a `Response` built from a stream cannot take in its
 * init (`url`, `redirected`, `type`; the original's own immutable `headers`), and a `clone()`
 * that keeps them.
 */
function keepView(copy: Response, original: Response, nativeClone: Response['clone']) {
  const own = (value: unknown) => ({ get: () => value, configurable: true, enumerable: false });
  Object.defineProperties(copy, {
    url: own(original.url),
    redirected: own(original.redirected),
    type: own(original.type),
    headers: own(original.headers),
    clone: {
      value: function clone(this: Response) {
        const twin = nativeClone.call(this);
        keepView(twin, original, nativeClone);
        return twin;
      },
      configurable: true,
      writable: true,
      enumerable: false,
    },
  });
}

/** The tee's side of the queue: what the page's pulls do to it. */
interface QueueFeed {
  queue: ChunkQueue;
  /** Queues a chunk the page was given (anything but bytes makes the body lost to the reader). */
  offer(chunk: unknown): void;
  /** The body has ended (done, errored or cancelled): the reader finishes what it holds. */
  end(): void;
  /** Resolves once the page may pull again (at once unless more than the bound waits). */
  room(): Promise<void> | null;
  /** Lets a waiting pull go (the page cancelled). */
  unblock(): void;
}

function boundedQueue(bound: number): QueueFeed {
  // Chunks not yet taken by the reader: [head, end) of `chunks`; a taken slot is cleared at once
  // (the queue must not keep what the reader has had), and the array compacted as it drains.
  const chunks: (QueuedChunk | undefined)[] = [];
  let head = 0;
  let queued = 0;
  let ended = false;
  let abandoned = false;
  let wakeReader: (() => void) | null = null;
  let wakePull: (() => void) | null = null;
  const wake = () => {
    const resume = wakeReader;
    wakeReader = null;
    resume?.();
  };
  const unblock = () => {
    const resume = wakePull;
    wakePull = null;
    resume?.();
  };
  const queue: ChunkQueue = {
    async take() {
      while (head === chunks.length && !ended && !abandoned)
        await new Promise<void>((resolve) => (wakeReader = resolve));
      if (head === chunks.length || abandoned) return null;
      const next = chunks[head]!;
      chunks[head++] = undefined;
      if (head === chunks.length) chunks.length = head = 0;
      else if (head > 1024 && head * 2 > chunks.length) {
        chunks.splice(0, head);
        head = 0;
      }
      return next;
    },
    release(bytes) {
      queued -= bytes;
      if (queued <= bound / 2) unblock();
    },
    abandon() {
      abandoned = true;
      chunks.length = head = queued = 0;
      unblock();
      wake();
    },
    get queued() {
      return queued;
    },
    get lost() {
      return abandoned;
    },
  };
  return {
    queue,
    offer(chunk) {
      if (abandoned) return;
      if (!(chunk instanceof Uint8Array)) return queue.abandon();
      chunks.push({ chunk, length: chunk.byteLength });
      queued += chunk.byteLength;
      wake();
    },
    end() {
      ended = true;
      wake();
    },
    room: () =>
      queued > bound && !abandoned ? new Promise<void>((resolve) => (wakePull = resolve)) : null,
    unblock,
  };
}

/**
 * The page's Response, teed for the hook's reader; `start` gets the hook's side on the page's
 * first pull (a page that never reads the body is never read). The original itself is returned,
 * untouched, for a response with no body to read (opaque, null body, already used or locked) or
 * when the new Response cannot be built; its reader is taken only on the first pull.
 */
export function teeResponse(
  globals: TeeGlobals,
  original: Response,
  start: (queue: ChunkQueue) => void,
  bound = QUEUE_BOUND,
): Response {
  if (
    original.type === 'opaque' ||
    original.type === 'opaqueredirect' ||
    NULL_BODY_STATUS.has(original.status) ||
    original.bodyUsed
  )
    return original;
  const body = original.body;
  if (!body || body.locked) return original;
  const feed = boundedQueue(bound);
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let cancelled = false;
  // A byte stream, as a fetch body is: the page may read it with a BYOB reader too.
  const stream = new globals.ReadableStream(
    {
      type: 'bytes',
      async pull(controller) {
        if (!reader) {
          reader = body.getReader();
          try {
            start(feed.queue);
          } catch {
            feed.queue.abandon();
          }
        }
        await feed.room();
        if (cancelled) return;
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (error) {
          feed.end();
          throw error; // the page's stream errors with the network's own error
        }
        if (cancelled) return;
        if (result.done) {
          feed.end();
          controller.close();
          // A BYOB read waiting at the end is answered with done (a byte stream's rule).
          controller.byobRequest?.respond(0);
          return;
        }
        // A byte stream's enqueue transfers the chunk's buffer: the page gets a copy, so no
        // buffer the network or the page's own code still holds is ever detached (a chunk may be
        // a view into a larger, shared one), and the reader keeps the original.
        const chunk: unknown = result.value;
        if (!ArrayBuffer.isView(chunk))
          throw new TypeError('The response body gave a chunk that is not bytes');
        controller.enqueue(new Bytes(new Bytes(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
        feed.offer(chunk);
      },
      cancel(reason) {
        cancelled = true;
        feed.end();
        feed.unblock();
        return reader ? reader.cancel(reason) : body.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const nativeClone = globals.Response.prototype.clone;
  try {
    const copy = new globals.Response(stream, {
      status: original.status,
      statusText: original.statusText,
      headers: original.headers,
    });
    keepView(copy, original, nativeClone);
    return copy;
  } catch {
    return original;
  }
}
