/**
 * After an update or a reload of the extension, Chrome leaves the open chat tabs with content
 * scripts that can no longer reach the background (orphaned), and does not inject the new ones:
 * every reply finished in those tabs until the user reloads them was lost (found by
 * tests/e2e/faults-restart.test.ts). So the background injects its manifest content scripts
 * into the open tabs they match, once, when it is installed or updated. The orphaned copy
 * removes its badge when the new one starts (WXT's context invalidation).
 *
 * Neither half of the exact-usage channel is injected again: the MAIN-world hook is still in
 * the page from its first load (and one added after the page's scripts could not see their
 * requests), and its one handshake is spent, so a new listener would only offer the page's
 * scripts a handshake to answer with forged usage (tests/e2e/isolation.test.ts).
 */
import { browser } from 'wxt/browser';

export async function injectIntoOpenTabs(): Promise<number> {
  let injected = 0;
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  for (const script of scripts) {
    if ((script as { world?: string }).world === 'MAIN' || !script.js?.length || !script.matches)
      continue;
    if (script.js.some((file) => file.includes('usage-channel'))) continue;
    const tabs = await browser.tabs.query({ url: script.matches }).catch(() => []);
    for (const tab of tabs) {
      if (tab.id === undefined || tab.discarded) continue;
      try {
        await browser.scripting.executeScript({
          target: { tabId: tab.id },
          files: script.js as never,
        });
        injected++;
      } catch {
        // A tab that closed or navigated away meanwhile, or a page we may not script.
      }
    }
  }
  return injected;
}

export function setupReinject(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') {
      injectIntoOpenTabs().catch((e) => console.warn('[reinject]', e));
    }
  });
}
