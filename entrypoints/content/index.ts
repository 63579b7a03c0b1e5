import { SITE_MATCHES } from '@/utils/sites';
import { mountBadge } from './badge';

// One content script for every chat site: WXT does not split content scripts into shared
// chunks, so one per site would repeat every shared byte. Heavy data (vocabularies, the rate
// card) stays in the background; this bundle only reads the page and draws the badge.
export default defineContentScript({
  matches: [...SITE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    try {
      await mountBadge(ctx);
    } catch (error) {
      // Never break the host page: a failure here is ours to log, not the page's to suffer.
      console.warn('[token-meter] badge failed to mount', error);
    }
  },
});
