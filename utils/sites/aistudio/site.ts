import type { SiteDoc, SiteInfo } from '../types';

export const site: SiteInfo = {
  id: 'aistudio',
  label: 'Google AI Studio',
  matches: ['https://aistudio.google.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites-doc.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'aistudio.google.com',
  draft: 'yes',
  turns: 'yes: system instructions + turns, with shown thoughts',
  model: 'API id as shown',
  exactUsage: 'no',
  notes: '"Output length" priced as above; uploaded files and media not counted',
};
