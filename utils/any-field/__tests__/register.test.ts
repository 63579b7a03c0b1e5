// Turning "any other page" counting on and off: the permission is asked for inside the click,
// the wish survives a popup that closes during the prompt, and the registered content script
// always equals "turned on AND granted" (a permission revoked in the browser's UI included).
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { disableSite, enableSite, setSiteModel, type EnableDeps } from '@/utils/any-field/enable';
import {
  ANY_FIELD_SCRIPT_FILE,
  ANY_FIELD_SCRIPT_ID,
  forgetRevoked,
  syncRegistration,
  type RegisterDeps,
} from '@/utils/any-field/register';
import { anyFieldSites } from '@/utils/storage';

const EX = 'https://example.com/*';
const WIKI = 'https://wiki.example.org/*';

function fakeBrowserApis(grant: boolean) {
  const granted = new Set<string>();
  const calls: string[] = [];
  let registered: { id: string; matches?: string[]; js?: string[] }[] = [];
  const enable: EnableDeps = {
    async request({ origins }) {
      calls.push(`request ${origins.join()}`);
      if (grant) origins.forEach((o) => granted.add(o));
      return grant;
    },
    async remove({ origins }) {
      calls.push(`remove ${origins.join()}`);
      origins.forEach((o) => granted.delete(o));
      return true;
    },
    async inject(tabId) {
      calls.push(`inject ${tabId}`);
    },
  };
  const register: RegisterDeps = {
    async getRegisteredContentScripts({ ids }) {
      return registered.filter((s) => ids.includes(s.id));
    },
    async registerContentScripts(scripts) {
      calls.push('register');
      registered = [...registered, ...scripts];
    },
    async unregisterContentScripts({ ids }) {
      calls.push('unregister');
      registered = registered.filter((s) => !ids.includes(s.id));
    },
    async contains({ origins }) {
      return origins.every((o) => granted.has(o));
    },
  };
  return { enable, register, granted, calls, registered: () => registered };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('turning counting on for a site', () => {
  it('asks for that one site inside the click, before anything is awaited', async () => {
    const fake = fakeBrowserApis(true);
    const done = enableSite(EX, 7, null, fake.enable);
    // Synchronously, in the same tick as the click: Firefox needs the user gesture.
    expect(fake.calls).toEqual([`request ${EX}`]);
    expect(await done).toEqual({ enabled: true });
    expect(fake.calls).toEqual([`request ${EX}`, 'inject 7']);
    expect(await anyFieldSites.getValue()).toMatchObject({ [EX]: { model: null } });
  });

  it('a refused permission changes nothing', async () => {
    const fake = fakeBrowserApis(false);
    const result = await enableSite(EX, 7, null, fake.enable);
    expect(result).toMatchObject({ enabled: false, reason: /not granted/ });
    expect(await anyFieldSites.getValue()).toEqual({});
    expect(fake.calls).not.toContain('inject 7');
  });

  it('turning off gives the permission back and forgets the site', async () => {
    const fake = fakeBrowserApis(true);
    await enableSite(EX, undefined, 'anthropic/claude-sonnet-4-5', fake.enable);
    await setSiteModel(EX, 'openai/gpt-5-mini');
    expect((await anyFieldSites.getValue())[EX].model).toBe('openai/gpt-5-mini');
    await disableSite(EX, fake.enable);
    expect(await anyFieldSites.getValue()).toEqual({});
    expect(fake.granted.has(EX)).toBe(false);
  });
});

describe('the registered content script follows settings and grants', () => {
  it('registers exactly the granted sites, once; re-syncing changes nothing', async () => {
    const fake = fakeBrowserApis(true);
    await enableSite(EX, undefined, null, fake.enable);
    await anyFieldSites.setValue({
      ...(await anyFieldSites.getValue()),
      // Wanted, but the prompt was never answered: not registered.
      [WIKI]: { model: null, since: 1 },
    });
    expect(await syncRegistration(fake.register)).toEqual([EX]);
    expect(fake.registered()).toEqual([
      expect.objectContaining({
        id: ANY_FIELD_SCRIPT_ID,
        matches: [EX],
        js: [ANY_FIELD_SCRIPT_FILE],
      }),
    ]);
    const before = fake.calls.length;
    await syncRegistration(fake.register);
    expect(fake.calls.length).toBe(before);
  });

  it('unregisters when the last site is turned off', async () => {
    const fake = fakeBrowserApis(true);
    await enableSite(EX, undefined, null, fake.enable);
    await syncRegistration(fake.register);
    await disableSite(EX, fake.enable);
    expect(await syncRegistration(fake.register)).toEqual([]);
    expect(fake.registered()).toEqual([]);
  });

  it('a permission revoked in the browser drops the site from the settings too', async () => {
    const fake = fakeBrowserApis(true);
    await enableSite(EX, undefined, null, fake.enable);
    await enableSite(WIKI, undefined, null, fake.enable);
    fake.granted.delete(WIKI);
    await forgetRevoked([WIKI]);
    expect(Object.keys(await anyFieldSites.getValue())).toEqual([EX]);
    expect(await syncRegistration(fake.register)).toEqual([EX]);
  });
});
