import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'deepseek',
  label: 'DeepSeek',
  matches: ['https://chat.deepseek.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'chat.deepseek.com',
  draft: 'yes',
  turns: 'yes, with DeepThink text',
  model: "from the DeepThink toggle and the stream's model",
  exactUsage: '**yes**: `accumulated_token_usage` (request total; input = total − counted reply)',
  notes: 'hashed class names: user turns rely on `.ds-message`',
};
