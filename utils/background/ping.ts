import { browser } from 'wxt/browser';
import type { Handlers } from '@/utils/messaging';

export const pingHandlers: Handlers<'ping'> = {
  ping: ({ from }) => ({ version: browser.runtime.getManifest().version, at: Date.now(), from }),
};
