import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'aistudio',
  label: 'Google AI Studio',
  matches: ['https://aistudio.google.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'aistudio.google.com',
  draft: 'yes',
  turns: 'yes: system instructions + turns, with shown thoughts',
  model: 'API id as shown',
  exactUsage: 'no',
  notes: '"Output length" priced as above; uploaded files and media not counted',
};
