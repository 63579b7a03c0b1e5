import type { SiteDoc, SiteInfo } from '../types';

export const site: SiteInfo = {
  id: 'mistral',
  label: 'Le Chat (Mistral)',
  matches: ['https://chat.mistral.ai/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites-doc.ts` writes the page). */
export const doc: SiteDoc = {
  name: 'Le Chat',
  hosts: 'chat.mistral.ai',
  draft: 'yes',
  turns: 'yes, with shown reasoning',
  model: 'yes (Mistral Medium / Large / Small, Magistral labels)',
  exactUsage: 'no',
  notes:
    'message and model selectors unverified; web-search and document text the model reads is not on screen (input undercounted)',
};
