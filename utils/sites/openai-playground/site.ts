import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'openai-playground',
  label: 'OpenAI Playground',
  // Only the playground's paths, not the whole console: `/chat/…` (since 2025) and the older
  // `/playground…`.
  matches: ['https://platform.openai.com/chat*', 'https://platform.openai.com/playground*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'platform.openai.com/chat/edit, platform.openai.com/playground',
  draft: 'yes',
  turns: 'yes: system (developer) message + messages, edits re-read',
  model: 'API id from the URL (`?models=`), else as shown; priced as is',
  exactUsage: 'no',
  notes:
    'every selector a guess (no public code reads the page); the max-tokens setting is priced as the draft\'s output until the reply arrives (the badge says "≤N out"); tools and files not counted; a playground reached by in-app navigation needs a reload',
  sourced:
    "the addresses (`/chat/edit?models=<id>`, older `/playground`) and the model id in `models`: OpenAI's docs 2025–2026",
  guessed: 'every selector (no public code reads the page)',
};
