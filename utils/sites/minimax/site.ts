import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'minimax',
  label: 'MiniMax Agent',
  matches: ['https://agent.minimax.io/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'agent.minimax.io',
  draft: 'yes',
  turns: 'yes, with its thinking; tool steps are not turns',
  model: 'yes (MiniMax-M2.x labels)',
  exactUsage: 'no',
  notes:
    "the agent's tool calls, pages and files are read server-side: only visible text is counted; model label and stop button unverified",
  sourced:
    'turns (`.message.sent` / `.message.received`), thinking (`.think-container`), tool steps: the MiniMax Dialogue Exporter userscript v3.2.1; `?id=` URLs: public links',
  guessed: 'model label, stop button; the bare contenteditable composer is only weakly sourced',
};
