import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'anthropic-workbench',
  label: 'Anthropic Workbench',
  // Only the playground's paths, not the whole console.
  matches: ['https://console.anthropic.com/workbench*', 'https://platform.claude.com/workbench*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'console.anthropic.com/workbench, platform.claude.com/workbench',
  draft: 'the user messages after the last reply',
  turns: 'yes: system prompt + messages, with shown thinking',
  model: 'API id as shown',
  exactUsage: 'no',
  notes: 'max tokens priced as above; `{{variables}}` are counted as written',
};
