import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'doubao',
  label: 'Doubao',
  matches: ['https://www.doubao.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'www.doubao.com',
  draft: 'yes',
  turns: 'yes, with shown thinking',
  model: 'no (no model name on the page: pick one, remembered)',
  exactUsage: 'no (its `/samantha/chat/completion` stream is not read)',
  notes: 'every selector unverified',
};
