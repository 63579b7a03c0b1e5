import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'chatgpt',
  label: 'ChatGPT',
  matches: ['https://chatgpt.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'chatgpt.com',
  draft: 'yes',
  turns: 'yes',
  model: "yes: the stream's `model_slug` (the model that answered), else the switcher label",
  exactUsage: 'no (its stream has no usage); feature quotas from `limits_progress`',
  notes: 'Thinking models show only a summary: reasoning is counted as unknown',
};
