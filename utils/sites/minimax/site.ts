import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'minimax',
  label: 'MiniMax Agent',
  matches: ['https://agent.minimax.io/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'agent.minimax.io',
  draft: 'yes',
  turns: 'yes, with shown thinking',
  model: 'yes (MiniMax-M2.x labels)',
  exactUsage: 'no',
  notes:
    "the agent's tool calls, pages and files are read server-side: only visible text is counted; selectors unverified",
};
