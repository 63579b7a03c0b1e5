import { startPage } from '@/utils/page-start';

// Loaded as a classic script ahead of a page's modules (popup.html, dashboard.html).
export default defineUnlistedScript(() => startPage(location.pathname));
