import type { SiteDoc, SiteInfo } from '../types';

export const site: SiteInfo = {
  id: 'demo',
  label: 'Demo chat',
  matches: ['http://127.0.0.1/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites-doc.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: '127.0.0.1, `npm start`',
  draft: 'yes',
  turns: 'yes',
  model: 'yes',
  exactUsage: 'no',
  notes: 'offline page for trying the extension',
};
