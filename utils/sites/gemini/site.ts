import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'gemini',
  label: 'Gemini',
  matches: ['https://gemini.google.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'gemini.google.com',
  draft: 'yes',
  turns: 'yes, with shown thoughts',
  model: 'yes: the label in its XHR snapshots ("3.6 Flash"), else the mode label',
  exactUsage: 'no',
  notes: 'counted with the Gemma 3 vocabulary (`vocab`); an estimate only if it fails to load',
  sourced:
    'user queries and model responses: anybridge (live DOM checked 2026-08-08); the reply stream: a real capture by anybridge, 2026-08; composer (`rich-textarea`, `.ql-editor`) and the mode switcher: unattributed public userscripts (mid-2026, weak)',
  guessed:
    'the "Show thinking" panel, the stop button, what is left out of a turn, the label\'s first two selectors',
};
