import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'demo',
  label: 'Demo chat',
  // The bundled offline demo chat page served by `npm start` and the e2e tests.
  matches: ['http://127.0.0.1/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: '127.0.0.1, `npm start`',
  draft: 'yes',
  turns: 'yes',
  model: 'yes',
  exactUsage: 'no',
  notes: 'offline page for trying the extension',
  sourced: 'not applicable: our own page',
  guessed: 'nothing',
};
