import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'poe',
  label: 'Poe',
  matches: ['https://poe.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'poe.com',
  draft: 'yes',
  turns: 'yes',
  model: 'yes (official bot names such as "Claude-Sonnet-4.5"; custom bots: pick one)',
  exactUsage: 'no',
  notes:
    "priced as the bot's model at API rates, not in Poe's compute points; CSS-module classes matched by prefix",
  sourced: 'composer, messages, bubbles, bot name: PCE-Core 2026-04/05, ChatClub 2026-08',
  guessed: 'some footer and metadata classes',
};
