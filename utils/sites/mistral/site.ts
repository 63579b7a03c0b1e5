import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'mistral',
  label: 'Le Chat (Mistral)',
  matches: ['https://chat.mistral.ai/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  name: 'Le Chat',
  hosts: 'chat.mistral.ai',
  draft: 'yes',
  turns: 'yes, with shown reasoning',
  model: 'yes (Mistral Medium / Large / Small, Magistral labels)',
  exactUsage: 'no',
  notes:
    'message and model selectors unverified; web-search and document text the model reads is not on screen (input undercounted)',
  sourced:
    'composer: MCP-SuperAssistant 2025-10, CodeWebChat 2026-08; turns (`data-message-author-role`): ChatClub, CodeWebChat 2026-08; stop: PCE-Core 2026-05 (last fallback)',
  guessed: 'reasoning block, model label',
};
