import type { SiteDoc, SiteInfo } from '../types';

export const site: SiteInfo = {
  id: 'kimi',
  label: 'Kimi',
  matches: ['https://www.kimi.com/*', 'https://kimi.com/*', 'https://kimi.moonshot.cn/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites-doc.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'kimi.com, www.kimi.com, kimi.moonshot.cn',
  draft: 'yes',
  turns: 'yes',
  model: 'yes',
  exactUsage: 'no',
  notes: 'composer, thinking and label selectors unverified',
};
