import { STREAM_MATCHES } from '@/utils/sites/streams';
import { pushUsage } from '@/utils/overlay/usage-bridge';
import { listenForUsage } from '@/utils/overlay/usage-channel';

// The content-script end of the private channel to the MAIN-world usage hook. Tiny and at
// document_start, so the handshake completes before any page script runs; the overlay itself
// starts at document_idle (its bundle would otherwise add to the page's first, parsing task).
export default defineContentScript({
  matches: STREAM_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    try {
      ctx.onInvalidated(listenForUsage(window, pushUsage));
    } catch {
      // Never break the page; the overlay then counts from the page text alone.
    }
  },
});
