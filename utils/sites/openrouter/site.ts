import type { SiteDoc, SiteInfo } from '../types';

export const site: SiteInfo = {
  id: 'openrouter',
  label: 'OpenRouter Chat',
  matches: ['https://openrouter.ai/chat*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites-doc.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'openrouter.ai/chat',
  draft: 'yes',
  turns: 'yes, with shown reasoning',
  model: 'yes: the API id from the model chip, priced as is (no alias table)',
  exactUsage: 'no',
  notes:
    "priced at **OpenRouter's offer**; a room with several models prices the first only; selectors unverified",
};
