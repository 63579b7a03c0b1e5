import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'qwen',
  label: 'Qwen Chat',
  matches: ['https://chat.qwen.ai/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'chat.qwen.ai',
  draft: 'yes',
  turns: 'yes',
  model: 'yes',
  exactUsage: '**yes**: `usage` on every frame (input exact; output once finished)',
  notes:
    'code blocks are virtualised, so long code is undercounted; composer and label selectors unverified',
};
