import { registerHandlers, type Handlers } from '@/utils/messaging';
import { pingHandlers } from '@/utils/background/ping';
import { setupRateCard } from '@/utils/background/ratecard';
import { setupHistory } from '@/utils/background/history';
import { setupTokenizer } from '@/utils/background/tokenizer';
import { setupCompare } from '@/utils/background/compare';
import { setupContextMenu } from '@/utils/background/context-menu';
import { setupAnyField } from '@/utils/any-field/register';
import { setupReinject } from '@/utils/background/reinject';
import { setupWelcome } from '@/utils/background/welcome';
import { setupOpenRouter } from '@/utils/background/openrouter';
import { setupFolderRescan } from '@/utils/background/folder-rescan';
import { addCatalogs } from '@/utils/i18n';
import { CATALOGS } from '@/utils/i18n/catalogs';

// Thin entrypoint: nothing runs outside main() (WXT imports this file at build time).
// Each feature area keeps its handlers and startup work in utils/background/<area>.ts and is
// listed here; listeners must be registered synchronously in main() so a woken service worker
// sees the message that woke it.
export default defineBackground({
  type: 'module',
  main() {
    // Every language's strings at once: a service worker cannot load a catalog's chunk later.
    addCatalogs(CATALOGS);
    const handlers: Handlers = {
      ...pingHandlers,
      ...setupRateCard(),
      ...setupHistory(),
      ...setupTokenizer(),
      ...setupCompare(),
      ...setupOpenRouter(),
      ...setupFolderRescan(),
    };
    registerHandlers(handlers);
    // The selection menu counts with the same handlers, in-process (a worker cannot message itself).
    setupContextMenu(handlers);
    setupAnyField();
    // Open chat tabs get the new content script after an update (no turn lost to an orphan).
    setupReinject();
    // First install: the welcome page.
    setupWelcome();
  },
});
