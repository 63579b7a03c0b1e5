import { ADAPTERS, findAdapter } from '@/utils/adapters';
import { installUsageHook } from '@/utils/overlay/usage-hook';

// The MAIN-world hook on fetch/XHR for sites whose own stream carries exact usage. It must run
// at document_start, before the page's scripts capture `fetch`. Chrome only: Firefox MV2 has no
// MAIN world for manifest content scripts (there the overlay counts from the DOM alone).
export default defineContentScript({
  matches: ADAPTERS.filter((a) => a.usageStream).flatMap((a) => a.matches),
  world: 'MAIN',
  runAt: 'document_start',
  include: ['chrome'],
  main() {
    try {
      const stream = findAdapter(location.href)?.usageStream;
      if (stream) installUsageHook(window, [stream]);
    } catch {
      // Never break the page.
    }
  },
});
