import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'doubao',
  label: 'Doubao',
  matches: ['https://www.doubao.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'www.doubao.com',
  draft: 'yes',
  turns: 'yes, with its thinking block (kept out of the reply)',
  model: 'no (no model name on the page: pick one, remembered)',
  exactUsage: 'no (its `/samantha/chat/completion` stream is not read)',
  notes: 'streaming is read from the stop button being shown (it stays in the page, hidden)',
  sourced:
    'composer, turns, action bar: AITimeline 2025-12 / 2026-02, CodeWebChat 2026-08; reasoning (`think_block_collapse`): public exporters 2026 (unattributed); stop button shown only without `!hidden`: CodeWebChat 2026-08',
  guessed: 'nothing read; no model name on the page (the user picks)',
};
