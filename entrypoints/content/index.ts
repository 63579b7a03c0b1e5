import { SITE_MATCHES } from '@/utils/sites';
import { findAdapter } from '@/utils/adapters';
import { listenForUsage } from '@/utils/overlay/usage-channel';
import type { UsageReport } from '@/utils/overlay/types';
import { startOverlay } from './overlay';

// One content script for every chat site: WXT does not split content scripts into shared
// chunks, so one per site would repeat every shared byte. Heavy data (vocabularies, the rate
// card) stays in the background; this bundle only reads the page and draws the badge.
// It starts at document_start only to complete the handshake with the MAIN-world usage hook
// before page scripts run; everything else waits for the DOM.
export default defineContentScript({
  matches: [...SITE_MATCHES],
  runAt: 'document_start',
  async main(ctx) {
    try {
      const adapter = findAdapter(location.href);
      const early: UsageReport[] = [];
      let deliver: (report: UsageReport) => void = (report) => early.push(report);
      if (adapter?.usageStream) {
        const stop = listenForUsage(window, (report) => deliver(report));
        ctx.onInvalidated(stop);
      }
      if (document.readyState === 'loading') {
        await new Promise<void>((resolve) =>
          document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
        );
      }
      if (ctx.isInvalid) return;
      const overlay = await startOverlay(ctx, adapter);
      deliver = (report) => overlay.addUsage(report);
      early.splice(0).forEach(deliver);
    } catch (error) {
      // Never break the host page: a failure here is ours to log, not the page's to suffer.
      console.warn('[token-meter] overlay failed to start', error);
    }
  },
});
