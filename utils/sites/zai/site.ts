import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'zai',
  label: 'Z.ai (GLM)',
  matches: ['https://chat.z.ai/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  name: 'Z.ai',
  hosts: 'chat.z.ai',
  draft: 'yes',
  turns: 'yes, with shown reasoning',
  model:
    "yes: the request's `model` (an upstream id such as `GLM-4-6-API-V1`; the stream names none), else the page label",
  exactUsage:
    '**yes**: `usage` (input; output holds the thinking, split by the counted texts, never added)',
  notes:
    'code blocks are virtualised, so long code is undercounted; label and thinking selectors unverified',
  sourced:
    'composer `#chat-input`: MCP-SuperAssistant 2025-08, plain `textarea`: CodeWebChat 2026-08; replies `.chat-assistant`: CodeWebChat 2026-08; the reply stream: a real capture by anybridge, 2026-08',
  guessed:
    "user turns `.chat-user` (userscripts, mid-2026, unverified since), the thinking block, the model label, the stop button (CodeWebChat reads streaming from the send button's absence instead)",
};
