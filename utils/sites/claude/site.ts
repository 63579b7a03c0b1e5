import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'claude',
  label: 'Claude',
  matches: ['https://claude.ai/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'claude.ai',
  draft: 'yes',
  turns: 'yes, with expanded thinking',
  model: "yes: the stream's `message.model`, else the request's `model`, else the label",
  exactUsage: 'no (its stream has no usage); 5-hour and 7-day quota use from `message_limit`',
  notes: 'thinking-block selector unverified',
  sourced:
    'user turns and replies (`data-testid="user-message"`, `.font-claude-response`) and streaming (`data-is-streaming`): anybridge (live DOM checked 2026-08-08); the reply stream: a real capture by anybridge, 2026-08 (`message.model`, `message_limit`); composer and model selector: unattributed public userscripts (mid-2026, weak)',
  guessed: 'the thinking block; what is left out of a turn',
};
