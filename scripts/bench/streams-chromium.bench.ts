// The page hook in Chromium with the built extension (skipped without a build, Chromium or
// openssl; STREAMS_EXT names another build). A page on each site's own origin (chat.z.ai,
// www.kimi.com, gemini.google.com: mapped to a local HTTPS server with a throwaway self-signed
// certificate) requests a 20 MB reply stream (the site's real capture with its reply frames
// repeated, streams.bench.ts), sent in paced 64 KB writes. z.ai and Kimi are read by fetch as an
// SSE client does, chunk by chunk, keeping the text (the page's own copy); Gemini by
// XMLHttpRequest, taking each progress event's new text. Each site is read in one page: a 4 MB
// warm-up (discarded: first-run compilation), the timed stream, and (fetch) HEAP_RUNS heap
// streams; a full GC comes before each. Every figure is beside the same work in the same browser
// build without the extension, in the same run.
// - the hook's main-thread work per task: from where it starts on a slice (it cuts each slice
//   out of what it read: `subarray` on a chunk its reader got, `slice` on an XHR's text; or its
//   own read of `responseText`) to its next `read()` on the body, or the end of that run of
//   script (a microtask queued at the start). Several slices in one run of script are one task.
//   Baseline: the page's own decode of each chunk (its take of each progress event's text over
//   XHR), without the extension;
// - the heap held during the stream, by a page that keeps no copy, HEAP_RUNS times: every 200 ms
//   Blink's tee backlog, if a build reads a `clone()` (bytes one branch has taken and the other
//   not yet: Blink's tee keeps them in its own chunks, outside the JS heap and ArrayBuffers, so
//   only the byte counts see them; the hook's own tee queues the page's chunk objects, which the
//   heap figure counts),
//   then a full GC (CDP `HeapProfiler.collectGarbage`) and `Runtime.getHeapUsage` (JS heap plus
//   ArrayBuffer backing stores) less the same before the stream. A stream's peak is its largest
//   sample; the row is the median peak with the extension minus the median without (one peak
//   alone is noise: the page's own in-flight chunks and not yet swept ArrayBuffers swing it by
//   megabytes). Strings Blink hands out may live outside the JS heap (external strings): what
//   such strings hold is in neither figure. Beside it, the hook's unread backlog: bytes the page has read and the hook has not yet parsed (its
//   slices counted by the same `subarray` marks), wherever they wait;
// - the page's time to read the paced body, fetch to last byte (the timed stream and each heap
//   stream), with and without the extension: the hook's tee must not hold back a page that
//   reads at network speed;
// - the heap after the timed stream, the page keeping its copy (after a full GC), with the
//   extension minus without;
// - a 50 MB z.ai body, sent as fast as the page takes it: the page hashes what it received
//   (SHA-256, against the server's), and how long it took, with and without the extension.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { bigBody, bigKimiBody, bigZaiBody } from './streams.bench';
import { median, p95 } from './stats';
import type { BenchRow, BenchSuite } from './types';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The built extension (STREAMS_EXT: another build, for an A/B in one sitting). */
const EXT = process.env.STREAMS_EXT ?? join(ROOT, '.output', 'chrome-mv3');
const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const WARM_UP = 4 * MB;
/** Heap streams per site and mode (the row is their median). */
const HEAP_RUNS = 5;
const PAGE =
  '<!doctype html><html><head><title>bench</title></head><body><main></main></body></html>';

interface Site {
  id: string;
  host: string;
  path: string;
  makeBody(): string;
  /** Read by an XMLHttpRequest (the page's own text), not fetch: per-slice time rows only. */
  xhr?: boolean;
}

const SITES: Site[] = [
  {
    id: 'zai',
    host: 'chat.z.ai',
    path: '/api/v2/chat/completions',
    makeBody: () => bigZaiBody(),
  },
  {
    id: 'kimi',
    host: 'www.kimi.com',
    path: '/apiv2/kimi.gateway.chat.v1.ChatService/Chat',
    makeBody: () => bigKimiBody(),
  },
  {
    id: 'gemini',
    host: 'gemini.google.com',
    path: '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate',
    makeBody: () => bigBody('gemini', '1831\n', '133\n'),
    xhr: true,
  },
];
/** The 50 MB row: z.ai's path, its capture's frames repeated. */
const BIG_SITE = SITES[0];

/** What the server sends: each site's 20 MB body (by id), and the 50 MB one. */
interface Bodies {
  site: Map<string, Buffer>;
  big: Buffer;
}

/**
 * Runs in the page before its scripts: times the hook's synchronous work per chunk (see the top
 * of this file). Decoders and readers the page marks as its own are left out.
 */
function instrument() {
  const w = window as any;
  const own = new WeakSet<object>();
  const hook: [ms: number, bytes: number][] = [];
  let open: { start: number; bytes: number } | null = null;
  const close = () => {
    if (open) hook.push([performance.now() - open.start, open.bytes]);
    open = null;
  };
  // The hook cuts each slice out of the chunk it read (`subarray`): a slice's work starts there.
  // Slices in one run of script are one task: the window opened by the first stays open.
  const hookChunks = new WeakSet<object>();
  // Bytes the hook has cut out of its chunks to parse (what its reader has read so far).
  const parsed = { bytes: 0 };
  const subarray = Uint8Array.prototype.subarray;
  Uint8Array.prototype.subarray = function timedSubarray(this: Uint8Array, begin?, end?) {
    const slice = subarray.call(this, begin, end);
    if (hookChunks.has(this) && slice.byteLength > 0) {
      parsed.bytes += slice.byteLength;
      if (open) open.bytes += slice.byteLength;
      else {
        open = { start: performance.now(), bytes: slice.byteLength };
        queueMicrotask(close);
      }
    }
    return slice;
  };
  // Over XHR the hook cuts each slice out of the page's own text (`slice` on `responseText`,
  // a string of the whole body so far: taken as one from 1 MB on, where no frame reaches; the
  // first MB is not timed). The page's own reads in this file use `substring`.
  const slice = String.prototype.slice;
  String.prototype.slice = function timedSlice(this: string, begin?: number, end?: number) {
    if (this.length >= 1024 * 1024) {
      const n = (end ?? this.length) - (begin ?? 0);
      if (open) open.bytes += n;
      else {
        open = { start: performance.now(), bytes: n };
        queueMicrotask(close);
      }
    }
    return slice.call(this, begin, end);
  };
  // The hook's own read of `responseText` on a progress event starts its work there too (the
  // page's reads, flagged `pageReads`, are the page's).
  const bench = { own, hook, taken: { page: 0, hook: 0 }, parsed, pageReads: false };
  const text = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'responseText')!;
  Object.defineProperty(XMLHttpRequest.prototype, 'responseText', {
    ...text,
    get(this: XMLHttpRequest) {
      if (!bench.pageReads && !open) {
        open = { start: performance.now(), bytes: 0 };
        queueMicrotask(close);
      }
      return text.get!.call(this);
    },
  });
  // Bytes each side has taken from its branch of the tee: the page's readers, and the others
  // (the hook's). What the page has and the hook not yet is held by the tee for the hook.
  const taken = bench.taken;
  const read = ReadableStreamDefaultReader.prototype.read;
  ReadableStreamDefaultReader.prototype.read = function timedRead(this: any) {
    const mine = own.has(this);
    if (!mine) close();
    return read.call(this).then((result: ReadableStreamReadResult<Uint8Array>) => {
      if (result.value) taken[mine ? 'page' : 'hook'] += result.value.byteLength;
      if (result.value && !mine) hookChunks.add(result.value);
      return result;
    });
  } as typeof read;
  w.__bench = bench;
}

/**
 * The page reads the stream as an SSE client does, keeping its text (its chunks; `joinCopy`
 * makes them one string, the page's own copy); returns its own decode time per chunk.
 */
async function readStream(
  page: Page,
  url: string,
  keep = true,
): Promise<{ pageMs: number[]; bytes: number; ms: number }> {
  return page.evaluate(
    async ([url, keep]) => {
      const w = window as any;
      const bench = w.__bench;
      const start = performance.now();
      const response = await fetch(url, { method: 'POST', body: '{}' });
      const reader = response.body!.getReader();
      bench.own.add(reader);
      const decoder = new TextDecoder();
      bench.own.add(decoder);
      const parts: string[] = [];
      const pageMs: number[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const t = performance.now();
        const text = decoder.decode(value, { stream: true });
        pageMs.push(performance.now() - t);
        if (keep) parts.push(text);
        bytes += value.byteLength;
      }
      const ms = performance.now() - start;
      w.__pageCopy = parts;
      return { pageMs, bytes, ms };
    },
    [url, keep] as const,
  );
}

/**
 * The page reads the stream by XMLHttpRequest as Gemini's page does: on each progress event it
 * takes what was added to `responseText`; returns the time of that, per event.
 */
async function readXhr(page: Page, url: string): Promise<{ pageMs: number[]; bytes: number }> {
  return page.evaluate(
    (url) =>
      new Promise<{ pageMs: number[]; bytes: number }>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        const pageMs: number[] = [];
        let seen = 0;
        xhr.open('POST', url);
        xhr.onprogress = () => {
          const bench = (window as any).__bench;
          const t = performance.now();
          bench.pageReads = true;
          const text = xhr.responseText;
          bench.pageReads = false;
          text.substring(seen); // the page's delta
          seen = text.length;
          pageMs.push(performance.now() - t);
        };
        xhr.onload = () => resolve({ pageMs, bytes: seen });
        xhr.onerror = () => reject(new Error('xhr failed'));
        xhr.send('{}');
      }),
    url,
  );
}

/** The page fetches a body, keeps its bytes, and hashes them; the time is fetch to last byte. */
async function readWhole(page: Page, url: string): Promise<{ ms: number; sha256: string }> {
  return page.evaluate(async (url) => {
    const own = (window as any).__bench.own;
    const start = performance.now();
    const response = await fetch(url, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    own.add(reader);
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
    const ms = performance.now() - start;
    const all = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.byteLength;
    }
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
    return { ms, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
  }, url);
}

/** Writes `body` in 64 KB pieces: paced (a write every 2 ms, ~30 MB/s) or as fast as it drains. */
function send(res: ServerResponse, body: Buffer, paced: boolean) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  let at = 0;
  const next = () => {
    if (at >= body.length) return res.end();
    const piece = body.subarray(at, at + CHUNK);
    at += CHUNK;
    // Paced far faster than a chat reply, so the network hands the page 64 KB chunks as they
    // come rather than megabytes at once.
    const later = paced ? () => setTimeout(next, 2) : () => setImmediate(next);
    if (res.write(piece)) later();
    else res.once('drain', later);
  };
  next();
}

/** A local HTTPS server for the sites' hosts: the page, and each site's stream. */
async function startServer(bodies: Bodies): Promise<{ port: number; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'tm-bench-tls-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=bench'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  const server: Server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
      const site = SITES.find((s) => s.host === url.hostname && s.path === url.pathname);
      if (!site) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
        return;
      }
      req.resume();
      req.on('end', () => {
        const body = bodies.site.get(site.id)!;
        if (url.searchParams.has('big')) send(res, bodies.big, false);
        else if (url.searchParams.has('warm')) send(res, body.subarray(0, WARM_UP), true);
        else send(res, body, true);
      });
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The page's JS heap in use plus its ArrayBuffers, after a full GC (`twice`: two in a row). */
async function heapUsed(cdp: CDPSession, twice = true): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  if (twice) await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    backingStorageSize?: number;
  };
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

async function launch(
  withExtension: boolean,
  port: number,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const { findChromium, extensionArgs } = (await import('../chromium.mjs' as string)) as {
    findChromium(): string | null;
    extensionArgs(dir: string): string[];
  };
  const profile = mkdtempSync(join(tmpdir(), 'tm-bench-streams-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium()!,
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      ...(withExtension ? extensionArgs(EXT) : ['--disable-extensions']),
      '--disable-gpu',
      `--host-resolver-rules=${SITES.map((s) => `MAP ${s.host}:443 127.0.0.1:${port}`).join(', ')}`,
    ],
  });
  for (let i = 0; withExtension && context.serviceWorkers().length === 0 && i < 150; i++)
    await new Promise((r) => setTimeout(r, 100));
  if (withExtension && context.serviceWorkers().length === 0)
    throw new Error('the extension did not start (no service worker)');
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface SiteRun {
  hookMs: number[];
  hookBytes: number[];
  pageMs: number[];
  bytes: number;
  /** Each heap stream's peaks. */
  held: HeldRun[];
  /** The page's time to read the whole paced body: the timed stream, then each heap stream. */
  readMs: number[];
  /** Heap after the stream minus before, both after a full GC (the page keeps its copy). */
  heapGrowth: number;
}

const hookEntries = (page: Page) =>
  page.evaluate(() => (window as any).__bench.hook.length as number);

/** Until the hook has read every chunk of its clone (its count of timed chunks stops growing). */
const joinCopy = (page: Page) =>
  page.evaluate(() => {
    const w = window as any;
    w.__pageCopy = (w.__pageCopy as string[]).join('');
  });

async function hookSettled(page: Page) {
  let seen = -1;
  for (let i = 0; i < 100; i++) {
    await page.waitForTimeout(100);
    const n = await hookEntries(page);
    if (n === seen) return;
    seen = n;
  }
}

async function forget(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__bench.hook.length = 0;
    w.__pageCopy = null;
  });
}

/** One heap stream's peaks: what it held during the stream, in bytes; the page's read time. */
interface HeldRun {
  /** The largest JS heap + ArrayBuffers growth plus Blink's tee backlog, in one sample. */
  peak: number;
  /**
   * The largest backlog of the hook: bytes the page had read and the hook had not yet parsed
   * (wherever they wait: Blink's tee for a clone, the hook's own queue for its tee).
   */
  unread: number;
  /** The page's time from fetch to the last byte. */
  ms: number;
}

interface Counts {
  page: number;
  hook: number;
  parsed: number;
}
const taken = (page: Page) =>
  page.evaluate(() => {
    const bench = (window as any).__bench;
    return { ...bench.taken, parsed: bench.parsed.bytes } as Counts;
  });

/**
 * The page reads the stream once more, keeping no copy; every 200 ms: the backlog of Blink's tee
 * (bytes the page's reader has taken and the hook's reader not yet, or the reverse, both counts
 * read together: Blink's tee keeps them outside the JS heap and ArrayBuffers, so the heap figure
 * cannot see them; the hook's own tee reads the network only as the page pulls, so there it is
 * about one chunk, which is in the heap), then the JS heap and ArrayBuffers after a full GC, less
 * the same before the stream. Also the hook's unread bytes (the page's read less the hook's
 * parsed), whatever holds them.
 */
async function heldDuring(
  page: Page,
  cdp: CDPSession,
  url: string,
  withExtension: boolean,
): Promise<HeldRun> {
  const start = await taken(page);
  const before = await heapUsed(cdp);
  let streaming = true;
  let peak = 0;
  let unread = 0;
  const sample = async () => {
    const now = await taken(page);
    const tee = withExtension ? Math.abs(now.page - start.page - (now.hook - start.hook)) : 0;
    if (withExtension)
      unread = Math.max(unread, now.page - start.page - (now.parsed - start.parsed));
    peak = Math.max(peak, (await heapUsed(cdp, false)) - before + tee);
  };
  const sampling = (async () => {
    while (streaming) {
      await new Promise((r) => setTimeout(r, 200));
      if (streaming) await sample();
    }
  })();
  const { ms } = await readStream(page, url, false);
  streaming = false;
  await sampling;
  await hookSettled(page);
  await sample();
  return { peak, unread, ms };
}

/** An XHR site: a warm-up stream (discarded), then the timed one. */
/** Once the hook has settled: its time and bytes per task (none read with the extension: an error). */
async function hookWork(page: Page, site: Site, withExtension: boolean) {
  await hookSettled(page);
  const hook = (await page.evaluate(() => (window as any).__bench.hook)) as [number, number][];
  if (withExtension && hook.length === 0) throw new Error(`${site.id}: the hook read nothing`);
  return { hookMs: hook.map(([ms]) => ms), hookBytes: hook.map(([, b]) => b) };
}

async function runXhrSite(page: Page, site: Site, withExtension: boolean): Promise<SiteRun> {
  await readXhr(page, `${site.path}?warm`);
  await hookSettled(page);
  await forget(page);
  const { pageMs, bytes } = await readXhr(page, site.path);
  const hook = await hookWork(page, site, withExtension);
  await forget(page);
  return {
    ...hook,
    pageMs,
    bytes,
    held: [],
    readMs: [],
    heapGrowth: 0,
  };
}

async function runSite(page: Page, site: Site, withExtension: boolean): Promise<SiteRun> {
  await page.goto(`https://${site.host}/`);
  await page.waitForTimeout(1500); // the content scripts settle
  if (site.xhr) return runXhrSite(page, site, withExtension);
  const cdp = await page.context().newCDPSession(page);
  try {
    const url = site.path;
    // Warm-up, discarded: the first chunks run the reader before it is compiled.
    await readStream(page, `${url}?warm`);
    await hookSettled(page);
    await forget(page);
    // Timed: nothing else (no GC forced, no sampling) runs in the page meanwhile. The page keeps
    // its copy: the heap after, less before, is the copy and whatever else stays.
    const beforeTimed = await heapUsed(cdp);
    const { pageMs, bytes, ms } = await readStream(page, url);
    const hook = await hookWork(page, site, withExtension);
    await joinCopy(page);
    const after = await heapUsed(cdp);
    await forget(page);
    // Heap during the stream, HEAP_RUNS times: the page keeps no copy (samples at any point of
    // the stream compare), sampled after a full GC every 200 ms while it reads.
    const held: HeldRun[] = [];
    for (let i = 0; i < HEAP_RUNS; i++) held.push(await heldDuring(page, cdp, url, withExtension));
    await forget(page);
    return {
      ...hook,
      pageMs,
      bytes,
      held,
      readMs: [ms, ...held.map((h) => h.ms)],
      heapGrowth: after - beforeTimed,
    };
  } finally {
    await cdp.detach();
  }
}

interface Run {
  sites: SiteRun[];
  big: { ms: number; sha256: string };
}

async function run(withExtension: boolean, port: number): Promise<Run> {
  const browser = await launch(withExtension, port);
  try {
    // As source: tsx names functions through a `__name` helper the page lacks.
    await browser.context.addInitScript({
      content: `globalThis.__name ??= (f) => f; (${instrument.toString()})();`,
    });
    const page = await browser.context.newPage();
    const sites: SiteRun[] = [];
    for (const site of SITES) sites.push(await runSite(page, site, withExtension));
    await page.goto(`https://${BIG_SITE.host}/`);
    await page.waitForTimeout(1500);
    const big = await readWhole(page, `${BIG_SITE.path}?big`);
    await hookSettled(page);
    return { sites, big };
  } finally {
    await browser.close();
  }
}

const ms = (n: number) => +n.toFixed(3);
const mb = (n: number) => +(n / MB).toFixed(2);

function siteRows(site: Site, ours: SiteRun, bare: SiteRun): BenchRow[] {
  const chunks = `${ours.hookMs.length} tasks, median ${(median(ours.hookBytes) / 1024).toFixed(0)} KB read`;
  const size = `${(ours.bytes / MB).toFixed(0)} MB${site.xhr ? ' over XHR' : ''}`;
  const baseline = (value: number) => ({
    label: site.xhr
      ? "the page's own take of each progress event's text, no extension"
      : "the page's own decode per chunk, no extension",
    value: ms(value),
  });
  const kept = ours.heapGrowth - bare.heapGrowth;
  const peaks = (r: SiteRun) => r.held.map((h) => h.peak);
  const held = median(peaks(ours)) - median(peaks(bare));
  const list = (values: number[]) => values.map((v) => mb(v).toFixed(1)).join(', ');
  const unread = ours.held.map((h) => h.unread);
  const readWith = median(ours.readMs);
  const readWithout = median(bare.readMs);
  const times: BenchRow[] = [
    {
      name: `${site.id}: hook's main-thread work per task, p50 (${size}, ${chunks})`,
      value: ms(median(ours.hookMs)),
      unit: 'ms',
      baseline: baseline(median(bare.pageMs)),
      target: '< 1 ms',
      met: median(ours.hookMs) < 1,
    },
    {
      name: `${site.id}: hook's main-thread work per task, p95 (max ${Math.max(...ours.hookMs).toFixed(1)} ms; the page's max ${Math.max(...bare.pageMs).toFixed(1)} ms)`,
      value: ms(p95(ours.hookMs)),
      unit: 'ms',
      baseline: baseline(p95(bare.pageMs)),
      target: '< 1 ms',
      met: p95(ours.hookMs) < 1,
    },
  ];
  if (site.xhr) return times;
  return [
    ...times,
    {
      name: `${site.id}: heap held during the stream, a page keeping no copy, median of ${HEAP_RUNS} streams' peaks (JS heap + ArrayBuffers after a GC + Blink's tee backlog, off the heap; with ${mb(median(peaks(ours)))} MB [${list(peaks(ours))}] − without ${mb(median(peaks(bare)))} MB [${list(peaks(bare))}])`,
      value: mb(held),
      unit: 'MB',
      baseline: {
        label: "the page's own copy after the stream, no extension",
        value: mb(bare.heapGrowth),
      },
      target: '< 2 MB',
      met: held < 2 * MB,
    },
    {
      name: `${site.id}: the hook's unread backlog during the stream (bytes the page had read and the hook not yet parsed, wherever held), median of ${HEAP_RUNS} streams' peaks [${list(unread)}]`,
      value: mb(median(unread)),
      unit: 'MB',
      baseline: {
        label: "the page's own copy after the stream, no extension",
        value: mb(bare.heapGrowth),
      },
      target: '< 2 MB',
      met: median(unread) < 2 * MB,
    },
    {
      name: `${site.id}: the page's time to read the paced body (about 30 MB/s), fetch to last byte, median of ${ours.readMs.length} streams [${ours.readMs.map((v) => v.toFixed(0)).join(', ')}]; no more than 10% over without`,
      value: Math.round(readWith),
      unit: 'ms',
      baseline: { label: 'the same, no extension', value: Math.round(readWithout) },
      target: '≤ 110% of without',
      met: readWith <= readWithout * 1.1,
    },
    {
      name: `${site.id}: heap kept after the stream beyond the page's own copy (with ${mb(ours.heapGrowth)} MB − without ${mb(bare.heapGrowth)} MB)`,
      value: mb(kept),
      unit: 'MB',
      baseline: { label: "the page's own copy (growth, no extension)", value: mb(bare.heapGrowth) },
      target: '< 2 MB',
      met: kept < 2 * MB,
    },
  ];
}

const suite: BenchSuite = {
  title:
    'The page hook in Chromium: 20 MB z.ai, Kimi (fetch) and Gemini (XHR) streams, with and without the extension',
  async run(): Promise<BenchRow[]> {
    const { findChromium } = (await import('../chromium.mjs' as string)) as {
      findChromium(): string | null;
    };
    let openssl = true;
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
    } catch {
      openssl = false;
    }
    if (!existsSync(join(EXT, 'manifest.json')) || !findChromium() || !openssl) {
      console.log('  (skipped: needs `npm run build`, Chromium and openssl to measure the hook)');
      return [];
    }
    const bodies: Bodies = {
      site: new Map(SITES.map((s) => [s.id, Buffer.from(s.makeBody(), 'utf8')])),
      big: Buffer.from(bigZaiBody(50 * MB), 'utf8'),
    };
    const server = await startServer(bodies);
    let bare: Run;
    let ours: Run;
    try {
      bare = await run(false, server.port);
      ours = await run(true, server.port);
    } finally {
      server.close();
    }
    const expected = createHash('sha256').update(bodies.big).digest('hex');
    const same = ours.big.sha256 === expected && bare.big.sha256 === expected;
    return [
      ...SITES.flatMap((site, i) => siteRows(site, ours.sites[i], bare.sites[i])),
      {
        name: `${(bodies.big.length / MB).toFixed(0)} MB z.ai body sent unpaced: the page's SHA-256 ${same ? 'matches' : 'DIFFERS from'} the server's; time to its last byte`,
        value: Math.round(ours.big.ms),
        unit: 'ms',
        baseline: { label: 'the same, no extension', value: Math.round(bare.big.ms) },
        target: 'byte-identical',
        met: same,
      },
    ];
  },
};
export default suite;
