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
  model: "from the stream's `thinking_enabled` (DeepThink), else the request's, else the toggle",
  exactUsage:
    '**yes**: final `accumulated_token_usage` (a running count: input = it − counted reply; cut short → counted)',
  notes: 'hashed class names: user turns rely on `.ds-message`',
  sourced:
    'the reply stream: a real capture by anybridge, 2026-08 (`usage`, `thinking_enabled`); the reply block `.ds-assistant-message-main-content`, the plain `textarea` composer and the absence of a model label: unattributed public userscripts (mid-2026, weak)',
  guessed:
    'the `.ds-message` turn container (user turns rest on it), the thinking block, the stop marker',
};
