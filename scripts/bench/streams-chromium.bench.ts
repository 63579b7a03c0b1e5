// The page hook in Chromium with the built extension (skipped without a build, Chromium or
// openssl): a page on chat.z.ai fetches a 20 MB reply stream (z.ai's real capture with its reply
// frames repeated, streams.bench.ts), sent by a local HTTPS server in paced 64 KB writes (chat.z.ai is
// mapped to it, with a throwaway self-signed certificate), and reads it as an SSE client does,
// chunk by chunk, keeping the text (the page's own copy).
// - the hook's main-thread work per chunk (per slice of at most 64 KB when Chromium hands it
//   more at once): its decode and the reader's push, timed in the page by wrapping TextDecoder's
//   `decode` on its prototype (the page's own decoder is left out);
//   baseline: the page's own decoding of each chunk, in the same browser without the extension;
// - the heap the hook keeps: the page's JS heap after the stream minus before (both after a
//   full GC, CDP `HeapProfiler.collectGarbage` + `Performance.getMetrics` JSHeapUsedSize), with
//   the extension minus without: what is left beyond the page's own copy.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { bigZaiBody } from './streams.bench';
import { median, p95 } from './stats';
import type { BenchRow, BenchSuite } from './types';

const ROOT = resolve(import.meta.dirname, '..', '..');
const EXT = join(ROOT, '.output', 'chrome-mv3');
const MB = 1024 * 1024;
const ORIGIN = 'https://chat.z.ai';
const STREAM_PATH = '/api/v2/chat/completions';
const PAGE =
  '<!doctype html><html><head><title>bench</title></head><body><main></main></body></html>';

/**
 * Runs in the page before its scripts: times the synchronous work that follows each decode by a
 * TextDecoder the page has not marked as its own (the hook's: the decode and the reader's push),
 * up to the end of that run of script (a microtask queued at the decode runs right after it).
 */
function instrument() {
  const w = window as any;
  const own = new WeakSet<object>();
  const hook: [ms: number, bytes: number][] = [];
  const decode = TextDecoder.prototype.decode;
  TextDecoder.prototype.decode = function timedDecode(this: TextDecoder, input?, options?) {
    if (!own.has(this) && input && (input as ArrayBufferView).byteLength > 0) {
      const start = performance.now();
      const bytes = (input as ArrayBufferView).byteLength;
      queueMicrotask(() => hook.push([performance.now() - start, bytes]));
    }
    return decode.call(this, input, options);
  };
  w.__bench = { own, hook };
}

/** The page reads the stream as an SSE client does; returns its own decode time per chunk. */
async function readStream(page: Page): Promise<{ pageMs: number[]; bytes: number }> {
  return page.evaluate(async (path) => {
    const bench = (window as any).__bench;
    const response = await fetch(path, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    bench.own.add(decoder);
    const parts: string[] = [];
    const pageMs: number[] = [];
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const t = performance.now();
      parts.push(decoder.decode(value, { stream: true }));
      pageMs.push(performance.now() - t);
      bytes += value.byteLength;
    }
    (window as any).__pageCopy = parts.join('');
    return { pageMs, bytes };
  }, STREAM_PATH);
}

const CHUNK = 64 * 1024;

/** A local HTTPS server for chat.z.ai: the page, and the stream in 64 KB writes. */
async function startServer(body: Buffer): Promise<{ port: number; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'tm-bench-tls-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=chat.z.ai'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  const server: Server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      if (req.url?.startsWith(STREAM_PATH)) {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
        let at = 0;
        const next = () => {
          if (at >= body.length) return res.end();
          const piece = body.subarray(at, at + CHUNK);
          at += CHUNK;
          // Paced (a write every 2 ms, ~30 MB/s, far faster than a chat reply), so the network
          // hands the page 64 KB chunks as they come rather than megabytes at once.
          const ok = res.write(piece);
          const later = () => setTimeout(next, 2);
          if (ok) later();
          else res.once('drain', later);
        };
        req.resume();
        req.on('end', next);
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
      }
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

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
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
      `--host-resolver-rules=MAP chat.z.ai:443 127.0.0.1:${port}`,
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

interface Run {
  hookMs: number[];
  hookBytes: number[];
  pageMs: number[];
  bytes: number;
  /** Heap after the stream minus before, both after a full GC (the page keeps its copy). */
  heapGrowth: number;
}

async function run(withExtension: boolean, port: number): Promise<Run> {
  const browser = await launch(withExtension, port);
  try {
    // As source: tsx names functions through a `__name` helper the page lacks.
    await browser.context.addInitScript({
      content: `globalThis.__name ??= (f) => f; (${instrument.toString()})();`,
    });
    const page = await browser.context.newPage();
    await page.goto(`${ORIGIN}/`);
    await page.waitForTimeout(1500); // the content scripts settle
    const before = await heapUsed(page);
    const { pageMs, bytes } = await readStream(page);
    // The hook reads its clone alongside: wait until it has read every chunk.
    let seen = -1;
    for (let i = 0; i < 100; i++) {
      await page.waitForTimeout(100);
      const n = await page.evaluate(() => (window as any).__bench.hook.length as number);
      if (n === seen) break;
      seen = n;
    }
    const after = await heapUsed(page);
    const hook = (await page.evaluate(() => (window as any).__bench.hook)) as [number, number][];
    if (withExtension && hook.length === 0) throw new Error('the hook did not read the stream');
    return {
      hookMs: hook.map(([ms]) => ms),
      hookBytes: hook.map(([, b]) => b),
      pageMs,
      bytes,
      heapGrowth: after - before,
    };
  } finally {
    await browser.close();
  }
}

const suite: BenchSuite = {
  title: 'The page hook in Chromium: a 20 MB z.ai stream, with and without the extension',
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
    const server = await startServer(Buffer.from(bigZaiBody(), 'utf8'));
    let bare: Run;
    let ours: Run;
    try {
      bare = await run(false, server.port);
      ours = await run(true, server.port);
    } finally {
      server.close();
    }
    const chunks = `${ours.hookMs.length} chunks, median ${(median(ours.hookBytes) / 1024).toFixed(0)} KB`;
    const kept = ours.heapGrowth - bare.heapGrowth;
    return [
      {
        name: `hook's main-thread work per chunk, p50 (${(ours.bytes / MB).toFixed(0)} MB, ${chunks})`,
        value: +median(ours.hookMs).toFixed(3),
        unit: 'ms',
        baseline: {
          label: "the page's own decode per chunk, no extension",
          value: +median(bare.pageMs).toFixed(3),
        },
        target: '< 1 ms',
        met: median(ours.hookMs) < 1,
      },
      {
        name: `hook's main-thread work per chunk, p95 (max ${Math.max(...ours.hookMs).toFixed(1)} ms)`,
        value: +p95(ours.hookMs).toFixed(3),
        unit: 'ms',
        baseline: {
          label: "the page's own decode per chunk, no extension",
          value: +p95(bare.pageMs).toFixed(3),
        },
        target: '< 1 ms',
        met: p95(ours.hookMs) < 1,
      },
      {
        name: `heap kept after the stream beyond the page's own copy (with ${(ours.heapGrowth / MB).toFixed(1)} MB − without ${(bare.heapGrowth / MB).toFixed(1)} MB)`,
        value: +(kept / MB).toFixed(2),
        unit: 'MB',
        baseline: {
          label: "the page's own copy (growth, no extension)",
          value: +(bare.heapGrowth / MB).toFixed(1),
        },
        target: '< 2 MB',
        met: kept < 2 * MB,
      },
    ];
  },
};
export default suite;
