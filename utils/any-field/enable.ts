/**
 * Popup side of "any other page": turn counting on for the active tab's site (ask for that one
 * site's optional host permission at that moment), or off (give the permission back).
 */
import { browser } from 'wxt/browser';
import { ANY_FIELD_SCRIPT_FILE } from './register';
import { anyFieldSites } from '@/utils/storage';

export interface EnableDeps {
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  inject(tabId: number): Promise<unknown>;
}

export function browserEnableDeps(): EnableDeps {
  return {
    request: (p) => browser.permissions.request(p),
    remove: (p) => browser.permissions.remove(p),
    inject: (tabId) =>
      browser.scripting.executeScript({ target: { tabId }, files: [`/${ANY_FIELD_SCRIPT_FILE}`] }),
  };
}

export type EnableResult = { enabled: true } | { enabled: false; reason: string };

/**
 * Call from the click itself, before any `await`: Firefox only shows a permission prompt for a
 * request made inside the user's action. The wish is stored alongside, so if the popup closes
 * while the prompt is open, the background still registers the script once the grant arrives.
 */
export function enableSite(
  pattern: string,
  tabId: number | undefined,
  model: string | null,
  deps: EnableDeps = browserEnableDeps(),
): Promise<EnableResult> {
  const asked = deps.request({ origins: [pattern] });
  const stored = anyFieldSites
    .getValue()
    .then((all) => anyFieldSites.setValue({ ...all, [pattern]: { model, since: Date.now() } }));
  return Promise.all([asked, stored]).then(
    async ([granted]): Promise<EnableResult> => {
      if (!granted) {
        await forget(pattern);
        return { enabled: false, reason: 'Permission not granted: nothing was changed.' };
      }
      // The registered script applies from the next load; this tab gets it now.
      if (tabId !== undefined) await deps.inject(tabId).catch(() => undefined);
      return { enabled: true };
    },
    async (error: unknown): Promise<EnableResult> => {
      await forget(pattern);
      return { enabled: false, reason: error instanceof Error ? error.message : String(error) };
    },
  );
}

async function forget(pattern: string) {
  const all = await anyFieldSites.getValue();
  if (!(pattern in all)) return;
  const { [pattern]: _, ...rest } = all;
  await anyFieldSites.setValue(rest);
}

/** Turn off: badges go at once (the content script watches), the permission is given back. */
export async function disableSite(
  pattern: string,
  deps: EnableDeps = browserEnableDeps(),
): Promise<void> {
  await forget(pattern);
  await deps.remove({ origins: [pattern] }).catch(() => false);
}

/** Change the model counted on for one site. */
export async function setSiteModel(pattern: string, model: string | null): Promise<void> {
  const all = await anyFieldSites.getValue();
  if (!all[pattern]) return;
  await anyFieldSites.setValue({ ...all, [pattern]: { ...all[pattern], model } });
}
