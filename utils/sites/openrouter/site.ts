import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'openrouter',
  label: 'OpenRouter Chat',
  // The Chatroom only: the rest of openrouter.ai is the rate-card feed's host, not a chat.
  matches: ['https://openrouter.ai/chat*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'openrouter.ai/chat',
  draft: 'yes',
  turns: 'yes, with shown reasoning',
  model: 'yes: the API id from the model chip, priced as is (no alias table)',
  exactUsage: 'no',
  notes:
    "priced at **OpenRouter's offer**; a room with several models prices the first only; selectors unverified",
  sourced:
    'composer: MCP-SuperAssistant 2026-01; replies: CodeWebChat 2026-08; `?models=<api id>` in the URL: CodeWebChat 2026-08',
  guessed: 'user turns, reasoning, the model chip, the stop button, `?room=`',
};
