import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'kimi',
  label: 'Kimi',
  matches: ['https://www.kimi.com/*', 'https://kimi.com/*', 'https://kimi.moonshot.cn/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'kimi.com, www.kimi.com, kimi.moonshot.cn',
  draft: 'yes',
  turns: 'yes',
  model: 'yes: a downgrade notice in its Connect stream names the model used, else the label',
  exactUsage: 'no',
  notes: 'composer, thinking and label selectors unverified',
};
