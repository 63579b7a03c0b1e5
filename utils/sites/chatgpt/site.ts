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
  model:
    "yes: the stream's `model_slug` (the model that answered), else the request's `model`, else the switcher label",
  exactUsage: 'no (its stream has no usage); feature quotas from `limits_progress`',
  notes: 'Thinking models show only a summary: reasoning is counted as unknown',
  sourced:
    'turns (`data-message-author-role`, `data-turn`): anybridge (live DOM checked 2026-08-08); the reply stream: a real capture by anybridge, 2026-08 (`model_slug`, `limits_progress`); composer, model switcher, stop button: unattributed public userscripts (mid-2026, weak)',
  guessed:
    'what is left out of a turn (screen-reader text, action buttons); the 2nd and 3rd composer and label fallbacks',
};
