import { browser } from 'wxt/browser';
import { registerHandlers } from '@/utils/messaging';

// Thin entrypoint: nothing runs outside main() (WXT imports this file at build time).
export default defineBackground({
  type: 'module',
  main() {
    registerHandlers({
      ping: ({ from }) => ({
        version: browser.runtime.getManifest().version,
        at: Date.now(),
        from,
      }),
    });
  },
});
