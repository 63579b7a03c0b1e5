import { SITE_MATCHES } from '@/utils/sites/matches';
import { findAdapter } from '@/utils/sites';
import { startOverlay } from '@/utils/overlay/mount';
import { onUsage } from '@/utils/overlay/usage-bridge';
import { reportSiteQuotas } from '@/utils/storage/state/overlay';
import { initI18n } from '@/utils/i18n/browser';

// One content script for every chat site: WXT does not split content scripts into shared
// chunks, so one per site would repeat every shared byte. Heavy data (vocabularies, the rate
// card) stays in the background; this bundle only reads the page and draws the badge.
// Exact usage from the MAIN-world hook arrives through entrypoints/usage-channel.content.ts.
export default defineContentScript({
  matches: [...SITE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    try {
      const adapter = findAdapter(location.href);
      // The overlay's language (the user's choice, else the browser's); never throws.
      await initI18n();
      const overlay = await startOverlay(ctx, adapter);
      if (adapter?.usageStream)
        ctx.onInvalidated(
          onUsage((report) => {
            overlay.addUsage(report);
            // The site's quota windows, latest value only, for the popup.
            if (report.limits?.length)
              reportSiteQuotas(report.format, { limits: report.limits, at: report.at }).catch(
                () => undefined,
              );
          }),
        );
    } catch (error) {
      // Never break the host page: a failure here is ours to log, not the page's to suffer.
      console.warn('[token-meter] overlay failed to start', error);
    }
  },
});
