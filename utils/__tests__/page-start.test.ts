import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { POPUP_FIRST_ITEMS } from '@/components/popup/first-items';
import { PAGE_CHANNEL, POPUP_FIRST_KEYS, startPage } from '@/utils/page-start';
import { readItems, takeFirstRead } from '@/utils/storage/read-items';

/** A scope like a page's: the fake browser's storage and Node's BroadcastChannel. */
function scope() {
  return { browser: fakeBrowser, BroadcastChannel } as Parameters<typeof startPage>[1];
}

describe('page start: what a page does before its modules arrive', () => {
  it("reads the popup's first-paint items by their own keys", () => {
    expect(POPUP_FIRST_ITEMS.map((item) => item.key)).toEqual(
      POPUP_FIRST_KEYS.map((key) => `local:${key}`),
    );
  });

  it('says on the channel that a page is opening, the popup and the dashboard alike', async () => {
    const heard: unknown[] = [];
    const listener = new BroadcastChannel(PAGE_CHANNEL);
    listener.onmessage = (e: MessageEvent) => heard.push(e.data);
    try {
      startPage('/popup.html', scope());
      startPage('/dashboard.html', scope());
      for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
      expect(heard).toEqual([{ path: '/popup.html' }, { path: '/dashboard.html' }]);
    } finally {
      listener.close();
    }
  });

  it("the popup's early read gives what the items read themselves, fallbacks included", async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      calendar: { weekStart: 'monday' },
      currency: { currency: 'EUR', rates: {} },
    });
    const s = scope();
    startPage('/popup.html', s);
    const early = takeFirstRead(s);
    expect(early).toBeDefined();
    expect(await readItems(POPUP_FIRST_ITEMS, early)).toEqual(await readItems(POPUP_FIRST_ITEMS));
    // Marked when sent and when answered (the bench's figure of the read).
    expect(performance.getEntriesByName('tm-first-read-sent')).not.toHaveLength(0);
    expect(performance.getEntriesByName('tm-first-read-back')).not.toHaveLength(0);
    // Taken once.
    expect(takeFirstRead(s)).toBeUndefined();
  });

  it('a change to one of its items after the read was sent makes the popup read again', async () => {
    fakeBrowser.reset();
    const s = scope();
    startPage('/popup.html', s);
    await fakeBrowser.storage.local.set({ dashboardSnapshot: { key: 'k', computedAt: 1 } });
    expect(takeFirstRead(s)).toBeUndefined();
    // An unrelated key does not.
    startPage('/popup.html', s);
    await fakeBrowser.storage.local.set({ ratecardStatus: { ok: true } });
    expect(takeFirstRead(s)).toBeDefined();
  });

  it('reads nothing on other pages', () => {
    const s = scope();
    startPage('/dashboard.html', s);
    expect(takeFirstRead(s)).toBeUndefined();
  });
});
