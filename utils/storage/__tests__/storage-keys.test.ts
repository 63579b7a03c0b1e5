import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as storageIndex from '@/utils/storage';

// Every `storage.defineItem` call, as WXT receives it (key and options).
const defined = vi.hoisted(() => new Map<string, { fallback?: unknown; version?: number }>());
vi.mock('wxt/utils/storage', async (importOriginal) => {
  const actual = await importOriginal<typeof import('wxt/utils/storage')>();
  const defineItem: typeof actual.storage.defineItem = (key: any, options?: any) => {
    defined.set(key, options ?? {});
    return actual.storage.defineItem(key, options);
  };
  return { ...actual, storage: { ...actual.storage, defineItem } };
});

type Module = Record<string, unknown>;
const settingsFiles = import.meta.glob<Module>('../settings/*.ts', { eager: true });
const stateFiles = import.meta.glob<Module>('../state/*.ts', { eager: true });

/**
 * Who writes an item. `user`: the user, in the options page, the popup, the compare page or the
 * overlay (settings/). `background`: the service worker only; `content-script`: the content
 * script, reporting what it sees on a page (state/).
 */
type StorageOwner = 'user' | 'background' | 'content-script';

const emptyFeed = (url: string) => ({
  url,
  lastAttempt: null,
  lastSuccess: null,
  etag: null,
  error: null,
});

/**
 * Every item the extension keeps in extension storage. Keys, fallbacks and versions are what
 * stored user data is read through: never change one in place (add a version and a migration).
 * An item added to utils/storage without a row here fails the first test.
 */
type Row = [
  name: string,
  key: string,
  owner: StorageOwner,
  version: number | undefined,
  fallback: unknown,
];
// prettier-ignore
const ITEMS: Row[] = [
  // User settings (settings/*.ts)
  ['siteSettings',         'local:sites',             'user',           1,         { disabled: [], badgeHidden: [] }],
  ['privacySettings',      'local:privacy',           'user',           1,         { storePromptText: false }],
  ['overlaySettings',      'local:overlay',           'user',           1,         {}],
  ['budgetSettings',       'local:budgets',           'user',           1,         { weeklyMicroUsd: null, monthlyMicroUsd: null, sites: {} }],
  ['subscriptionSettings', 'local:subscriptions',     'user',           1,         {}],
  ['retentionSettings',    'local:retention',         'user',           1,         { months: 0 }],
  ['calendarSettings',     'local:calendar',          'user',           1,         { weekStart: 'locale' }],
  ['currencySettings',     'local:currency',          'user',           1,         { currency: 'USD', rates: {} }],
  ['priceOverrides',       'local:priceOverrides',    'user',           1,         {}],
  ['anyFieldSites',        'local:anyFieldSites',     'user',           1,         {}],
  ['defaultModel',         'local:defaultModel',      'user',           1,         'openai/gpt-5'],
  ['comparePins',          'local:comparePins',       'user',           1,         []],
  ['languageSetting',      'local:language',          'user',           1,         'auto'],
  ['openRouterKey',        'local:openrouterKey',     'user',           1,         null],
  ['folderRescanSettings', 'local:folderRescan',      'user',           1,         { interval: 'off' }],
  // State the extension keeps for itself (state/*.ts)
  ['historyHealth',        'local:historyHealth',     'background',     1,         { quotaExceededAt: null, unsavedTurns: 0, lastError: null }],
  ['budgetNotified',       'local:budgetNotified',    'background',     1,         {}],
  ['pendingTurns',         'local:pendingTurns',      'background',     undefined, { events: [], titles: [] }],
  ['dashboardSnapshot',    'local:dashboardSnapshot', 'background',     undefined, null],
  ['syncedRateCard',       'local:ratecard',          'background',     1,         null],
  ['rateCardSyncStatus',   'local:ratecardStatus',    'background',     1,         {
    lastSync: null, lastAttempt: null, error: null,
    feeds: {
      modelsDev: emptyFeed('https://models.dev/api.json'),
      openrouter: emptyFeed('https://openrouter.ai/api/v1/models'),
    },
  }],
  ['syncedGenaiPrices',    'local:genaiPrices',       'background',     1,         null],
  ['syncedExchangeRates',  'local:exchangeRates',     'background',     1,         { rates: null, lastAttempt: null, error: null }],
  ['compareHandoffs',      'session:compareHandoffs', 'background',     undefined, {}],
  ['overlayHealth',        'local:overlayHealth',     'content-script', 1,         {}],
  ['siteQuotas',           'local:siteQuotas',        'content-script', 1,         {}],
  ['folderScans',          'local:folderScans',       'background',     1,         { lastScanAt: null, folders: {} }],
  ['openRouterStatus',     'local:openrouterStatus',  'background',     1,         {
    credits: null, creditsError: null, activity: null, activityError: null, lastAttempt: null,
  }],
];

interface ItemLike {
  key: string;
  getValue(): Promise<unknown>;
}
const isItem = (value: unknown): value is ItemLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ItemLike).key === 'string' &&
  /^(local|session|sync|managed):/.test((value as ItemLike).key) &&
  typeof (value as ItemLike).getValue === 'function';

const itemsOf = (module: Record<string, unknown>) =>
  Object.entries(module).filter((entry): entry is [string, ItemLike] => isItem(entry[1]));

const settingsItems = Object.values(settingsFiles).flatMap(itemsOf);
const stateItems = Object.values(stateFiles).flatMap(itemsOf);
const allItems = [...settingsItems, ...stateItems];

// An item defined on first use (the compare hand-off) is defined by reading it.
beforeAll(async () => {
  await Promise.all(allItems.map(([, item]) => item.getValue()));
});

const ROOT = resolve(__dirname, '../../..');
const STORAGE_DIR = resolve(__dirname, '..');
const SKIP = new Set(['node_modules', '.output', '.wxt', '.git', 'test-results', 'docs']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs|mts)$/.test(name) ? [path] : [];
  });
}

describe('the storage keys', () => {
  it('every stored item is listed with its key, version and fallback as defined', () => {
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    const actual = allItems.map(([name, { key }]) => {
      const { version, fallback } = defined.get(key) ?? {};
      return [name, key, version, fallback];
    });
    const listed = ITEMS.map(([name, key, , version, fallback]) => [name, key, version, fallback]);
    expect(actual.sort(byName)).toEqual(listed.sort(byName));
    expect([...defined.keys()].sort()).toEqual(ITEMS.map(([, key]) => key).sort());
  });

  it('keys are unique', () => {
    const keys = ITEMS.map(([, key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('user settings (settings/) are apart from the state the extension keeps (state/)', () => {
    const ownerOf = (name: string) => ITEMS.find(([listed]) => listed === name)?.[2];
    expect(settingsItems.map(([name]) => ownerOf(name))).toEqual(settingsItems.map(() => 'user'));
    expect(stateItems.filter(([name]) => ownerOf(name) === 'user')).toEqual([]);
  });

  it('the index re-exports every item but the background-only ones and the OpenRouter key', () => {
    // The key and its pull status are loaded by the options page and the background only.
    const background = [
      stateFiles['../state/background.ts'],
      stateFiles['../state/openrouter.ts'],
      settingsFiles['../settings/openrouter.ts'],
    ].flatMap((m) => itemsOf(m).map(([name]) => name));
    expect(background.length).toBeGreaterThan(3);
    expect(
      itemsOf(storageIndex)
        .map(([name]) => name)
        .sort(),
    ).toEqual(
      allItems
        .map(([name]) => name)
        .filter((name) => !background.includes(name))
        .sort(),
    );
  });

  it('every definition is marked pure, so a bundle drops the items it does not use', () => {
    const files = [...Object.keys(settingsFiles), ...Object.keys(stateFiles)];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(STORAGE_DIR, '__tests__', file), 'utf8');
      // Unmarked calls, except one inside an arrow function (an item defined on first use).
      const unmarked = text.match(/(?<!\/\* @__PURE__ \*\/ |=>\s*)storage\.defineItem\b/g);
      expect(unmarked, file).toBeNull();
    }
  });

  it('no file outside utils/storage defines an item or calls the extension storage API itself', () => {
    const offenders = sourceFiles(ROOT)
      .filter((path) => !path.startsWith(STORAGE_DIR + '/'))
      // e2e tests and benches drive the built extension from outside, through chrome.storage.
      .filter((path) => !/^(tests\/e2e|scripts\/bench)\//.test(relative(ROOT, path)))
      .filter((path) => {
        const text = readFileSync(path, 'utf8');
        return /\bdefineItem\s*[<(]|\b(browser|chrome)\.storage\.|from 'wxt\/utils\/storage'/.test(
          text.replace(/import type [^;]*;/g, ''),
        );
      })
      .map((path) => relative(ROOT, path));
    expect(offenders).toEqual([]);
  });

  it('the index is zod-free: what it loads imports nothing but WXT storage', () => {
    const { files, packages } = staticImports(join(STORAGE_DIR, 'index.ts'));
    expect(packages).toEqual(['wxt/utils/storage']);
    expect(files).not.toContain('utils/storage/validated.ts');
    expect(files).not.toContain('utils/storage/state/background.ts');
  });

  it("the popup's first paint loads only the storage files it reads", () => {
    const { files } = staticImports(join(ROOT, 'entrypoints/popup/main.tsx'));
    expect(files.filter((file) => file.startsWith('utils/storage/')).sort()).toEqual([
      'utils/storage/read-items.ts',
      'utils/storage/settings/history.ts',
      'utils/storage/settings/language.ts',
      'utils/storage/settings/money.ts',
      'utils/storage/snapshot-key.ts',
      'utils/storage/state/exchange-rates.ts',
      'utils/storage/state/history.ts',
    ]);
  });

  it("the page's first script (which draws the popup's numbers) loads no storage item and no package", () => {
    const { files, packages } = staticImports(join(ROOT, 'entrypoints/page-start.ts'));
    expect(files).toContain('components/popup/early-paint.ts');
    expect(files.filter((file) => file.startsWith('utils/storage/'))).toEqual([
      'utils/storage/snapshot-key.ts',
    ]);
    expect(packages).toEqual([]);
  });

  it("the popup's first paint loads no zod (the schemas' library is ~60 KB of its first script)", () => {
    const { packages } = staticImports(join(ROOT, 'entrypoints/popup/main.tsx'));
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
  });

  it("the popup's first paint loads one catalog, English (another language loads on demand)", () => {
    const { files } = staticImports(join(ROOT, 'entrypoints/popup/main.tsx'));
    expect(files.filter((file) => file.startsWith('utils/i18n/messages/'))).toEqual([
      'utils/i18n/messages/en.ts',
    ]);
  });

  it('the background loads every catalog with it (a service worker cannot import() one later)', () => {
    const { files } = staticImports(join(ROOT, 'entrypoints/background/index.ts'));
    expect(files.filter((file) => file.startsWith('utils/i18n/messages/')).sort()).toEqual([
      'utils/i18n/messages/en.ts',
      'utils/i18n/messages/zh-CN.ts',
    ]);
  });
});

/** The files (relative to the repo) and packages a module loads, statically, type imports aside. */
function staticImports(entry: string): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/^(?:import|export)(?! type )[^;]*?from '([^']+)';/gms)) {
      if (!spec.startsWith('.') && !spec.startsWith('@/')) {
        packages.add(spec);
        continue;
      }
      const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(file), spec);
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
        (path) => existsSync(path) && statSync(path).isFile(),
      );
      if (!found) throw new Error(`cannot resolve ${spec} from ${file}`);
      visit(found);
    }
  };
  visit(entry);
  return { files: [...seen].map((path) => relative(ROOT, path)), packages: [...packages] };
}
