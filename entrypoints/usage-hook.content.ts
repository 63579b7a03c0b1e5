import { findStreams, STREAM_MATCHES } from '@/utils/sites/streams';
import { installUsageHook } from '@/utils/overlay/usage-hook';

// The MAIN-world hook on fetch/XHR for sites whose own stream carries exact usage. It must run
// at document_start, before the page's scripts capture `fetch`. Both browsers build MV3 (Firefox
// ≥ 128 runs `world: 'MAIN'` manifest content scripts; the manifest asks for ≥ 142). Only the
// stream registry is imported: the page's world gets the stream readers, none of the adapters.
export default defineContentScript({
  matches: STREAM_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    try {
      const streams = findStreams(location.href);
      if (streams.length > 0) installUsageHook(window, streams);
    } catch {
      // Never break the page.
    }
  },
});
