import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'grok',
  label: 'Grok',
  matches: ['https://grok.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'grok.com',
  draft: 'yes',
  turns: 'yes',
  model: 'yes',
  exactUsage: 'no (stream not visible to page hooks)',
  notes: 'composer and label selectors unverified',
};
