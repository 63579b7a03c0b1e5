import { registerHandlers } from '@/utils/messaging';
import { pingHandlers } from '@/utils/background/ping';
import { setupRateCard } from '@/utils/background/ratecard';
import { setupHistory } from '@/utils/background/history';
import { setupTokenizer } from '@/utils/background/tokenizer';
import { setupCompare } from '@/utils/background/compare';

// Thin entrypoint: nothing runs outside main() (WXT imports this file at build time).
// Each feature area keeps its handlers and startup work in utils/background/<area>.ts and is
// listed here; listeners must be registered synchronously in main() so a woken service worker
// sees the message that woke it.
export default defineBackground({
  type: 'module',
  main() {
    registerHandlers({
      ...pingHandlers,
      ...setupRateCard(),
      ...setupHistory(),
      ...setupTokenizer(),
      ...setupCompare(),
    });
  },
});
