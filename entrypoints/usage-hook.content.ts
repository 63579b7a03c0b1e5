import { findStreams, STREAM_MATCHES } from '@/utils/sites/streams';
import { installUsageHook } from '@/utils/overlay/usage-hook';

// The MAIN-world hook on fetch/XHR for sites whose own stream carries exact usage. It must run
// at document_start, before the page's scripts capture `fetch`. Chrome only: Firefox MV2 has no
// MAIN world for manifest content scripts (there the overlay counts from the DOM alone). Only the
// stream registry is imported: the page's world gets the stream readers, none of the adapters.
export default defineContentScript({
  matches: STREAM_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  include: ['chrome'],
  main() {
    try {
      const streams = findStreams(location.href);
      if (streams.length > 0) installUsageHook(window, streams);
    } catch {
      // Never break the page.
    }
  },
});
