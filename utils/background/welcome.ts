/**
 * The welcome page, once: on a first install (not on an update or a browser update), in a new
 * tab. The popup's empty state links to the same page.
 */
import { browser } from 'wxt/browser';

export const WELCOME_PATH = '/welcome.html';

export async function openWelcome(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
}

export function setupWelcome(): void {
  browser.runtime.onInstalled.addListener((details) => {
    const { reason } = details;
    // Firefox only (feature-checked: Chrome has no such field).
    const temporary = (details as { temporary?: boolean }).temporary === true;
    // A temporary add-on (Firefox's about:debugging, web-ext run, automated tests) is a
    // developer's: no tab opens for it.
    if (reason !== 'install' || temporary) return;
    openWelcome().catch((e) => console.warn('[welcome]', e));
  });
}
