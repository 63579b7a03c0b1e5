import { paintPopupEarly, type EarlyScope } from '@/components/popup/early-paint';
import { startPage } from '@/utils/page-start';

// Loaded as a classic script ahead of a page's modules (popup.html, dashboard.html).
export default defineUnlistedScript(() => {
  startPage(location.pathname);
  paintPopupEarly(globalThis as unknown as EarlyScope);
});
