import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../import';
import { IMPORT_SOURCES } from '../../../utils/core/imports';

const FIXTURES = join(__dirname, '../../../utils/core/imports/__tests__/fixtures');

// The CLI's stdout is its contract: others script against these field names.
async function cli(args: string[]) {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  const code = await run(args);
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('cli import', () => {
  it('--json prints one object in the documented shape, every source keyed', async () => {
    const r = await cli([FIXTURES, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    for (const k of ['events', 'duplicates', 'refused', 'tokens', 'billedUsd', 'bySource']) {
      expect(json).toHaveProperty(k);
    }
    expect(Object.keys(json.tokens)).toEqual([
      'input',
      'cacheRead',
      'cacheWrite',
      'output',
      'reasoning',
    ]);
    expect(Object.keys(json.bySource)).toEqual([...IMPORT_SOURCES]);
    for (const s of IMPORT_SOURCES) {
      expect(json.bySource[s].events, s).toBeGreaterThan(0);
      expect(Object.keys(json.bySource[s].tokens)).toEqual(Object.keys(json.tokens));
    }
    const sum = IMPORT_SOURCES.reduce((n, s) => n + json.bySource[s].events, 0);
    expect(sum).toBe(json.events);
  });

  it('the same folder given twice adds nothing but duplicates', async () => {
    const once = JSON.parse((await cli([FIXTURES, '--json'])).out);
    vi.restoreAllMocks();
    const twice = JSON.parse((await cli([FIXTURES, FIXTURES, '--json'])).out);
    expect(twice.events).toBe(once.events);
    expect(twice.tokens).toEqual(once.tokens);
    expect(twice.billedUsd).toBe(once.billedUsd);
    expect(twice.duplicates).toBeGreaterThan(once.duplicates);
  });

  it('--events prints one JSON line per kept event', async () => {
    const summary = JSON.parse((await cli([FIXTURES, '--json'])).out);
    vi.restoreAllMocks();
    const lines = (await cli([FIXTURES, '--events'])).out.trim().split('\n');
    expect(lines).toHaveLength(summary.events);
    const e = JSON.parse(lines[0]);
    for (const k of [
      'key',
      'source',
      'agent',
      'project',
      'session',
      'model',
      'time',
      'tokens',
      'cost',
    ]) {
      expect(e).toHaveProperty(k);
    }
  });

  it('a missing path or no path exits 2 with a message', async () => {
    expect((await cli(['/nonexistent/x.jsonl', '--json'])).code).toBe(2);
    vi.restoreAllMocks();
    const r = await cli(['--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.err).error).toMatch(/no file/);
  });
});

describe('cli import of a 5 GB file', () => {
  it('a sparse 5 GB file of zero bytes is refused as binary after its first chunk, not read whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-huge-'));
    try {
      const path = join(dir, 'huge.jsonl');
      // Sparse: 5 GB long, no disk used; reading it all would take about a minute.
      const fd = openSync(path, 'w');
      ftruncateSync(fd, 5 * 1024 ** 3);
      closeSync(fd);
      const started = performance.now();
      const r = await cli([path, '--json']);
      expect(performance.now() - started).toBeLessThan(15_000);
      const json = JSON.parse(r.out);
      expect(json.events).toBe(0);
      expect(json.files).toEqual([
        expect.objectContaining({ error: expect.stringMatching(/binary file/) }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
