// @vitest-environment happy-dom
// Meta-test over the site registry (in the manner of web-scrobbler's connector test): every site
// is one folder named after its adapter's id, registered once, with valid match patterns that the
// manifest grants, its fixtures (with their provenance line), its test, its e2e data, and its
// model table and stream reader wired in when its folder has them. docs/sites.md and
// utils/sites/matches.ts being up to date is checked by ./generated.test.ts.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { parseUsageReport } from '@/utils/overlay/usage-channel';
import { ADAPTERS, findAdapter } from '..';
import { SITE_MATCHES } from '../matches';
import type { AliasTable } from '../models';
import { STREAMS } from '../streams';
import type { SiteInfo } from '../types';
import {
  EXPECTATIONS,
  fixtureFiles,
  PROVENANCE_LINE,
  readFixture,
  SITES_DIR,
  streamBodyFixture,
} from './expectations';

const byFolder = <T>(modules: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(modules).map(([path, m]) => [path.split('/').at(-2)!, m]));

const SITE_FILES = byFolder(
  import.meta.glob<SiteInfo>('../*/site.ts', { eager: true, import: 'site' }),
);
const MODEL_FILES = byFolder(
  import.meta.glob<AliasTable>('../*/models.ts', { eager: true, import: 'MODELS' }),
);
const STREAM_FOLDERS = Object.keys(byFolder(import.meta.glob('../*/stream.ts')));

const cases = ADAPTERS.map((a) => [a.id, a] as const);

describe('site registry', () => {
  it('has unique, lowercase ids and labels', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    const labels = ADAPTERS.map((a) => a.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('registers every site folder, and has a folder for every registered site', () => {
    const folders = readdirSync(SITES_DIR).filter(
      (name) => name !== '__tests__' && statSync(join(SITES_DIR, name)).isDirectory(),
    );
    expect(folders.sort(), 'a folder in utils/sites/ is not in utils/sites/index.ts').toEqual(
      ADAPTERS.map((a) => a.id).sort(),
    );
  });

  it.each(cases)('%s: valid match patterns within SITE_MATCHES', (_, adapter) => {
    expect(adapter.matches.length).toBeGreaterThan(0);
    for (const pattern of adapter.matches) {
      expect(() => new MatchPattern(pattern)).not.toThrow();
      // Least privilege: an adapter may only run where the manifest already grants access.
      expect(SITE_MATCHES as readonly string[]).toContain(pattern);
    }
  });

  it('lists each match pattern once, and covers every one with exactly one adapter', () => {
    expect(new Set(SITE_MATCHES).size).toBe(SITE_MATCHES.length);
    for (const pattern of SITE_MATCHES) {
      const url = pattern.replace('*', 'x');
      const owners = ADAPTERS.filter((a) =>
        a.matches.some((m) => new MatchPattern(m).includes(url)),
      );
      expect(
        owners.map((a) => a.id),
        pattern,
      ).toHaveLength(1);
    }
  });

  it.each(cases)('%s: its folder holds its site.ts, named after its id', (id, adapter) => {
    const site = SITE_FILES[id];
    expect(site, `utils/sites/${id}/site.ts`).toBeDefined();
    expect(site).toEqual({ id: adapter.id, label: adapter.label, matches: adapter.matches });
  });

  it.each(cases)('%s: has fixtures with the provenance line', (id, adapter) => {
    const files = fixtureFiles(id);
    if (id === 'demo') {
      expect(files).toContain('index.html');
      return;
    }
    for (const name of ['conversation.html', 'empty.html', 'streaming.html']) {
      expect(files, `${id}/${name}`).toContain(name);
      expect(readFixture(id, name).split('\n')[0]).toMatch(PROVENANCE_LINE);
    }
    if (adapter.usageStream) {
      // A real capture of the site's stream, with its source and license beside it; or, where
      // none exists, a body written in a documented format, its README saying so and whose.
      const body = streamBodyFixture(id);
      expect(files).toContain(body);
      if (body === 'capture.txt')
        expect(readFixture(id, 'README.md')).toMatch(/capture\.txt[\s\S]*license/i);
      else expect(readFixture(id, 'README.md')).toMatch(/reconstructed\.txt[\s\S]*not a capture/i);
    }
  });

  it.each(cases)('%s: has its test, and what its fixtures hold for the e2e tests', (id) => {
    expect(
      existsSync(join(SITES_DIR, id, '__tests__', `${id}.test.ts`)),
      `utils/sites/${id}/__tests__/${id}.test.ts`,
    ).toBe(true);
    if (id === 'demo') return;
    const expected = EXPECTATIONS[id];
    expect(expected, `utils/sites/${id}/__tests__/expected.ts`).toBeDefined();
    expect(expected.site).toBe(id);
    // One of the two e2e suites takes it: an exchange to record, or a place to type a draft.
    expect(Boolean(expected.e2e.exchange) || Boolean(expected.e2e.typeInto)).toBe(true);
    expect(findAdapter(expected.e2e.url)?.id).toBe(id);
  });

  it.each(cases)('%s: uses the model table of its folder, if it has one', (id, adapter) => {
    if (MODEL_FILES[id]) expect(adapter.models).toBe(MODEL_FILES[id]);
    else expect(adapter.models).toEqual([]);
  });

  it('reads a stream exactly where a folder has a stream.ts, through the stream registry', () => {
    const declared = ADAPTERS.filter((a) => a.usageStream).map((a) => a.id);
    expect(STREAM_FOLDERS.sort()).toEqual([...declared].sort());
    expect(STREAMS.map((s) => s.format).sort()).toEqual([...declared].sort());
    for (const stream of STREAMS) {
      const adapter = ADAPTERS.find((a) => a.id === stream.format)!;
      expect(stream.matches).toEqual(adapter.matches);
      expect(stream.path).toBe(adapter.usageStream!.path);
      expect(adapter.usageStream!.format).toBe(stream.format);
      // The content script's end of the hook's channel accepts its reports.
      expect(parseUsageReport(JSON.stringify({ format: stream.format, at: 1 }))).not.toBeNull();
    }
  });

  it('has usable selectors (every list non-empty and parseable)', () => {
    const doc = new DOMParser().parseFromString('<p></p>', 'text/html');
    for (const adapter of ADAPTERS) {
      const { composer, user, assistant } = adapter.selectors;
      for (const list of [composer, user, assistant]) expect(list.length).toBeGreaterThan(0);
      for (const selector of Object.values(adapter.selectors).flat()) {
        expect(() => doc.querySelector(selector), `${adapter.id}: ${selector}`).not.toThrow();
      }
    }
  });

  it('finds the adapter for real site URLs', () => {
    expect(findAdapter('https://chatgpt.com/c/abc')?.id).toBe('chatgpt');
    expect(findAdapter('https://www.kimi.com/chat/x')?.id).toBe('kimi');
    expect(findAdapter('https://kimi.moonshot.cn/')?.id).toBe('kimi');
    expect(findAdapter('https://chat.deepseek.com/a/chat/s/1')?.id).toBe('deepseek');
    expect(findAdapter('http://127.0.0.1:5317/')?.id).toBe('demo');
    expect(findAdapter('https://example.com/')).toBeNull();
  });
});
