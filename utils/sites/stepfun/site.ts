import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'stepfun',
  label: 'StepFun',
  // The chat app moved to chat.stepfun.com (`/chats/<id>`, drivers of 2026); the older hosts
  // are kept while they still answer.
  matches: ['https://chat.stepfun.com/*', 'https://www.stepfun.com/*', 'https://stepfun.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'chat.stepfun.com, stepfun.com, www.stepfun.com',
  draft: 'yes',
  turns: 'yes, with shown reasoning',
  model: 'yes (Step 3.x Flash labels)',
  exactUsage: 'no',
  notes: 'yuewen.cn is not covered',
  sourced:
    'chat.stepfun.com address, composer, turns, reasoning (`reason-render-ext`), stop icons: public browser drivers of 2026 whose repositories the search index does not name (weaker evidence)',
  guessed: 'model label',
};
