import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createUsageParser } from '../../utils/sites/streams';
import type { BenchRow, BenchSuite } from './types';
import { median, p95 } from './stats';

// The page-world hook's own work on a big reply stream: each site's reader fed a 20 MB body built
// from its real capture (utils/sites/<id>/fixtures/capture.txt, the reply frames repeated) in
// 64 KB chunks, as the network hands them over, after a warm-up run of the same body (discarded:
// first-run compilation). Per chunk: the reader's time, against decoding the same bytes to text
// (work the page does for itself). Memory: the heap the reader keeps while
// reading (it holds one partial frame, never the body), against the page's own copy of the text.
const ROOT = join(import.meta.dirname, '..', '..');
const MB = 1024 * 1024;
const CHUNK = 64 * 1024;
const SIZE = 20 * MB;

/** A body of about `size` bytes: the capture's opening, its middle repeated, its end. */
export function bigBody(site: string, middleFrom: string, middleTo: string, size = SIZE): string {
  const capture = readFileSync(
    join(ROOT, 'utils', 'sites', site, 'fixtures', 'capture.txt'),
    'utf8',
  );
  const a = capture.indexOf(middleFrom);
  const b = capture.indexOf(middleTo, a);
  const middle = capture.slice(a, b);
  return capture.slice(0, a) + middle.repeat(Math.ceil(size / middle.length)) + capture.slice(a);
}

/** z.ai's capture with its reply frames repeated to about 20 MB (also read in Chromium). */
export function bigZaiBody(size = SIZE): string {
  return bigBody(
    'zai',
    'data: {"type":"chat:completion","data":{"delta_content":" Request',
    'data: {"type":"chat:completion","data":{"phase":"other"',
    size,
  );
}

/** Kimi's capture (Connect envelopes read as text) with its reply frames repeated. */
export function bigKimiBody(size = SIZE): string {
  return bigBody(
    'kimi',
    '{"op":"append","mask":"block.text.content"',
    '{"op":"set","eventOffset":62',
    size,
  );
}

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

function measure(site: string, body: string): BenchRow[] {
  const bytes = new TextEncoder().encode(body);
  const gc = collectGarbage();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  const decodeTimes: number[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const t = performance.now();
    chunks.push(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true }));
    decodeTimes.push(performance.now() - t);
  }
  // Warm-up, discarded: the whole body read once by another parser (first-run compilation).
  const warm = createUsageParser(site);
  for (const chunk of chunks) warm.push(chunk);
  warm.finish();
  gc();
  const before = process.memoryUsage().heapUsed;
  const parser = createUsageParser(site);
  const times: number[] = [];
  let peak = 0;
  for (const chunk of chunks) {
    const t = performance.now();
    parser.push(chunk);
    times.push(performance.now() - t);
  }
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  const usage = parser.finish();
  if (!usage?.done) throw new Error(`${site}: the big body did not read to its end`);
  const worst = p95(times);
  return [
    {
      name: `${site}: reader per 64 KB chunk of a ${Math.round(bytes.length / MB)} MB stream, after a warm-up run (p95; max ${Math.max(...times).toFixed(1)} ms)`,
      value: +worst.toFixed(3),
      unit: 'ms',
      baseline: { label: 'decoding the chunk', value: +p95(decodeTimes).toFixed(3) },
      target: '< 1 ms',
      met: worst < 1,
    },
    {
      name: `${site}: heap kept by the reader after the stream (median chunk ${median(times).toFixed(3)} ms)`,
      value: +(Math.max(0, peak) / MB).toFixed(2),
      unit: 'MB',
      baseline: { label: "the page's own copy", value: +((body.length * 2) / MB).toFixed(1) },
      target: '< 2 MB',
      met: peak < 2 * MB,
    },
  ];
}

const suite: BenchSuite = {
  title:
    'Stream readers (the page-world hook) on 20 MB streams, each built from its site’s capture',
  async run() {
    return [
      ...measure('zai', bigZaiBody()),
      ...measure('gemini', bigBody('gemini', '1831\n', '133\n')),
      ...measure('kimi', bigKimiBody()),
      ...measure(
        'qwen',
        bigBody(
          'qwen',
          'data: {"choices": [{"delta": {"role": "assistant", "content": "json',
          'data: {"choices": [{"delta": {"role": "assistant", "content": "  \\"id\\":"',
        ),
      ),
      ...measure(
        'deepseek',
        bigBody('deepseek', 'data: {"v":"按"}', 'data: {"p":"response/fragments/-1/elapsed_secs"'),
      ),
      ...measure(
        'chatgpt',
        bigBody(
          'chatgpt',
          'event: delta\ndata: {"p":"/message/content/parts/0"',
          'event: delta\ndata: {"p":"","o":"patch"',
        ),
      ),
      ...measure(
        'claude',
        bigBody('claude', 'event: content_block_delta', 'event: content_block_stop'),
      ),
    ];
  },
};
export default suite;
