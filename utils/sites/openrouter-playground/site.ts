import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'openrouter-playground',
  label: 'OpenRouter Playground',
  // Only the playground's paths, not the whole console.
  matches: ['https://openrouter.ai/playground*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'openrouter.ai/playground',
  draft: 'yes',
  turns: 'yes: system prompt + messages',
  model: 'API id as shown',
  exactUsage: 'no',
  notes: "priced at OpenRouter's offer; max tokens priced as above",
  sourced: 'nothing (no public code or URL reference for the page was found)',
  guessed: 'every selector and the address',
};
