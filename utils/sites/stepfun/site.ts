import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'stepfun',
  label: 'StepFun',
  matches: ['https://www.stepfun.com/*', 'https://stepfun.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'stepfun.com, www.stepfun.com',
  draft: 'yes',
  turns: 'yes, with shown reasoning',
  model: 'yes (Step 3.x Flash labels)',
  exactUsage: 'no',
  notes: 'every selector unverified; yuewen.cn is not covered',
};
