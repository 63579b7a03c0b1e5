// @vitest-environment happy-dom
// Meta-test over the adapter registry (in the manner of web-scrobbler's connector test): every
// adapter is registered once, has a valid, permitted match pattern and reconstructed fixtures.
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { ADAPTERS, findAdapter } from '@/utils/adapters';
import { SITE_MATCHES } from '@/utils/sites';
import { fixtureFiles, readFixture, RECONSTRUCTED } from './fixtures';

describe('adapter registry', () => {
  it('has unique, lowercase ids and labels', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    const labels = ADAPTERS.map((a) => a.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(ADAPTERS.map((a) => [a.id, a] as const))(
    '%s: valid match patterns within SITE_MATCHES',
    (_, adapter) => {
      expect(adapter.matches.length).toBeGreaterThan(0);
      for (const pattern of adapter.matches) {
        expect(() => new MatchPattern(pattern)).not.toThrow();
        // Least privilege: an adapter may only run where the manifest already grants access.
        expect(SITE_MATCHES as readonly string[]).toContain(pattern);
      }
    },
  );

  it('covers every site in SITE_MATCHES with exactly one adapter', () => {
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

  it.each(ADAPTERS.map((a) => [a.id, a] as const))(
    '%s: has fixtures with the provenance line',
    (id, adapter) => {
      const files = fixtureFiles(id);
      if (id === 'demo') {
        expect(files).toContain('index.html');
        return;
      }
      for (const name of ['conversation.html', 'empty.html', 'streaming.html']) {
        expect(files, `${id}/${name}`).toContain(name);
        expect(readFixture(id, name).split('\n')[0]).toBe(RECONSTRUCTED);
      }
      if (adapter.usageStream) expect(files).toContain('completion.sse.txt');
    },
  );

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
