/**
 * Background side of "any other page": keep one registered content script whose matches are
 * exactly the sites the user turned on AND still granted. The settings say what the user wants;
 * the optional host permissions say what the browser allows (the user can revoke one in the
 * browser's own UI): every change of either re-syncs, serialised so two changes cannot race.
 */
import { browser } from 'wxt/browser';
import { anyFieldSites } from '@/utils/storage';

export const ANY_FIELD_SCRIPT_ID = 'token-meter-any-field';
/** WXT's output path of entrypoints/any-field.content.ts. */
export const ANY_FIELD_SCRIPT_FILE = 'content-scripts/any-field.js';

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions?: boolean;
}

/** The slice of `browser.scripting` / `browser.permissions` used here (tests pass fakes). */
export interface RegisterDeps {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<RegisteredScript[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export function browserRegisterDeps(): RegisterDeps {
  return {
    getRegisteredContentScripts: (f) =>
      browser.scripting.getRegisteredContentScripts(f) as Promise<RegisteredScript[]>,
    registerContentScripts: (s) => browser.scripting.registerContentScripts(s as never),
    unregisterContentScripts: (f) => browser.scripting.unregisterContentScripts(f),
    contains: (p) => browser.permissions.contains(p),
  };
}

/** Turned on and granted: the matches the script must have. */
export async function grantedSites(deps: RegisterDeps): Promise<string[]> {
  const wanted = Object.keys(await anyFieldSites.getValue()).sort();
  const granted: string[] = [];
  for (const pattern of wanted) {
    if (await deps.contains({ origins: [pattern] }).catch(() => false)) granted.push(pattern);
  }
  return granted;
}

/** Make the registration equal `grantedSites`; returns the matches now registered. */
export async function syncRegistration(deps: RegisterDeps): Promise<string[]> {
  const matches = await grantedSites(deps);
  const [current] = await deps.getRegisteredContentScripts({ ids: [ANY_FIELD_SCRIPT_ID] });
  const same =
    current !== undefined &&
    JSON.stringify([...(current.matches ?? [])].sort()) === JSON.stringify(matches);
  if (same || (current === undefined && matches.length === 0)) return matches;
  if (current !== undefined) await deps.unregisterContentScripts({ ids: [ANY_FIELD_SCRIPT_ID] });
  if (matches.length > 0) {
    await deps.registerContentScripts([
      {
        id: ANY_FIELD_SCRIPT_ID,
        matches,
        js: [ANY_FIELD_SCRIPT_FILE],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return matches;
}

/** Drop sites whose permission the user revoked in the browser (the setting follows). */
export async function forgetRevoked(origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const all = await anyFieldSites.getValue();
  const kept = Object.fromEntries(Object.entries(all).filter(([p]) => !origins.includes(p)));
  if (Object.keys(kept).length !== Object.keys(all).length) await anyFieldSites.setValue(kept);
}

/**
 * Install the listeners (synchronously, in the background's main). Returns the sync function
 * (tests and callers may await a sync).
 */
export function setupAnyField(deps: RegisterDeps = browserRegisterDeps()) {
  let chain: Promise<unknown> = Promise.resolve();
  const sync = () => {
    const run = chain.then(() => syncRegistration(deps));
    // One failed sync (a browser without the API) must not block the next one.
    chain = run.catch((error: unknown) => {
      console.warn('[token-meter] text-field counting: registration failed', error);
    });
    return run;
  };
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener((removed) => {
    void forgetRevoked(removed.origins ?? []).then(sync);
  });
  anyFieldSites.watch(() => void sync());
  browser.runtime.onStartup.addListener(() => void sync());
  browser.runtime.onInstalled.addListener(() => void sync());
  return { sync };
}
