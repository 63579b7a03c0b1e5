import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setupWelcome } from '@/utils/background/welcome';

describe('welcome page', () => {
  it('opens once on a first install, not on an update or for a temporary add-on', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    setupWelcome();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update' } as never);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'browser_update' } as never);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: true } as never);
    expect(create).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create.mock.calls[0]![0].url).toMatch(/\/welcome\.html$/);
  });
});
