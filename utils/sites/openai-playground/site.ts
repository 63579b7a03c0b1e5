import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'openai-playground',
  label: 'OpenAI Playground',
  // Only the playground's paths, not the whole console.
  matches: ['https://platform.openai.com/playground*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'platform.openai.com/playground',
  draft: 'yes',
  turns: 'yes: system (developer) message + messages, edits re-read',
  model: 'API id as shown, priced as is',
  exactUsage: 'no',
  notes:
    'the max-tokens setting is priced as the draft\'s output until the reply arrives (the badge says "≤N out"); tools and files not counted; a playground reached by in-app navigation needs a reload',
};
