import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'grok',
  label: 'Grok',
  matches: ['https://grok.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'grok.com',
  draft: 'yes',
  turns: 'yes',
  model: 'yes for named models ("Grok 4"); a mode ("Auto", "Fast", "Expert") names none: pick one',
  exactUsage: 'no: its stream is not visible to page hooks, so it is read from the page only',
  notes: 'thinking selectors unverified',
  sourced:
    'turns (`[id^="response-"]` with `.items-end` / `.items-start`): PCE-Core 2026-05, AITimeline 2026-02; composer (TipTap): PCE-Core 2026-05, AITimeline 2025-12; model button: ChatClub 2026-08; stop button: PCE-Core 2026-05, CodeWebChat 2026-08; action bar: CodeWebChat 2026-08',
  guessed:
    'the thinking block (no source shows it); which model a mode ("Auto", "Fast", "Expert") runs: not guessed, the user picks',
};
