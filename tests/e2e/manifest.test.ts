// Permissions: the two built manifests hold exactly the permissions and hosts listed here (the
// sites' match patterns come from the site registry, utils/sites/index.ts), so a new permission
// is a change to this file or to the registry that a reviewer sees. Also: no CSP that allows
// eval, nothing web-accessible or externally connectable, and no remote code in any bundle.
// Runs after both builds (`npm test`); `web-ext lint` is its own step there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/utils/sites';
import { ROOT } from './harness';

/** Every registered site's match patterns (a new site is reviewed in its folder and registry). */
const CHAT_SITES = ADAPTERS.flatMap((a) => a.matches);
/**
 * Rate-card sync: the only requests the extension makes on its own. openrouter.ai also takes the
 * user's OpenRouter key's requests (credits, activity), only once a key is saved; no new host.
 */
const RATE_CARD_HOSTS = [
  'https://models.dev/*',
  'https://openrouter.ai/*',
  'https://raw.githubusercontent.com/*',
];
const API_PERMISSIONS = ['storage', 'alarms', 'contextMenus', 'activeTab', 'scripting'];
/** Asked for at the moment of use: budget alerts, and counting on a site the user turns on. */
const OPTIONAL_API = ['notifications'];
const ANY_SITE = ['https://*/*', 'http://*/*'];
/** The MAIN-world usage hook: only the sites whose own stream carries exact usage. */
const HOOK_SITES = ADAPTERS.filter((a) => a.usageStream).flatMap((a) => a.matches);

function manifest(dir: string): any {
  return JSON.parse(readFileSync(join(ROOT, '.output', dir, 'manifest.json'), 'utf8'));
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}

const sorted = (list: readonly string[]) => [...list].sort();

/** Remote code: script loaded from a URL, eval-like calls, importScripts. */
const REMOTE_CODE: [string, RegExp][] = [
  ['importScripts', /\bimportScripts\s*\(/],
  ['eval', /(?<![\w$.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['import() of a URL', /\bimport\s*\(\s*["'`](?:https?:)?\/\//],
  ['script src URL', /<script[^>]+src\s*=\s*["']?(?:https?:)?\/\//i],
  ['static import of a URL', /\bfrom\s*["'](?:https?:)?\/\//],
];

describe.each([
  { dir: 'chrome-mv3', mv: 3 },
  { dir: 'firefox-mv3', mv: 3 },
])('$dir manifest', ({ dir, mv }) => {
  const m = manifest(dir);

  it('has exactly the reviewed permissions and hosts', () => {
    expect(m.manifest_version).toBe(mv);
    if (dir.startsWith('firefox')) {
      expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({
        required: ['none'],
      });
    }
    if (mv === 3) {
      expect(m.permissions).toEqual(API_PERMISSIONS);
      expect(sorted(m.host_permissions)).toEqual(sorted([...CHAT_SITES, ...RATE_CARD_HOSTS]));
      expect(m.optional_permissions).toEqual(OPTIONAL_API);
      expect(sorted(m.optional_host_permissions)).toEqual(sorted(ANY_SITE));
    } else {
      // MV2 lists hosts among the permissions, and optional hosts among optional permissions.
      expect(sorted(m.permissions)).toEqual(
        sorted([...API_PERMISSIONS, ...CHAT_SITES, ...RATE_CARD_HOSTS]),
      );
      expect(sorted(m.optional_permissions)).toEqual(sorted([...OPTIONAL_API, ...ANY_SITE]));
      expect(m.host_permissions).toBeUndefined();
      expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({
        required: ['none'],
      });
    }
  });

  it('runs content scripts only on the listed sites, the page-world hook only on stream sites', () => {
    const scripts: any[] = m.content_scripts;
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      for (const pattern of s.matches) expect(CHAT_SITES).toContain(pattern);
      if (s.world === 'MAIN') expect(sorted(s.matches)).toEqual(sorted(HOOK_SITES));
    }
    if (mv === 2) expect(scripts.some((s) => s.world === 'MAIN')).toBe(false);
  });

  it('opens nothing to pages: no web-accessible resources, no external messaging', () => {
    expect(m.web_accessible_resources).toBeUndefined();
    expect(m.externally_connectable).toBeUndefined();
  });

  it('has no CSP that allows eval or remote scripts', () => {
    const csp = m.content_security_policy;
    const policies: string[] =
      csp === undefined ? [] : typeof csp === 'string' ? [csp] : Object.values(csp);
    for (const policy of policies) {
      expect(policy).not.toMatch(/unsafe-eval/);
      expect(policy).not.toMatch(/script-src[^;]*(https?:|\*)/);
    }
  });

  it('ships no remote code in any bundle or page', () => {
    const found: string[] = [];
    for (const path of files(join(ROOT, '.output', dir))) {
      if (!/\.(js|html|mjs)$/.test(path)) continue;
      const text = readFileSync(path, 'utf8');
      for (const [what, pattern] of REMOTE_CODE)
        if (pattern.test(text)) found.push(`${path.slice(ROOT.length)}: ${what}`);
    }
    expect(found).toEqual([]);
  });
});
