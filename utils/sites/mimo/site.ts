import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'mimo',
  label: 'Xiaomi MiMo Studio',
  matches: ['https://aistudio.xiaomimimo.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'aistudio.xiaomimimo.com',
  draft: 'yes',
  turns: 'yes, with shown thinking',
  model: 'yes (MiMo-V2 labels)',
  exactUsage:
    '**yes**: `event:usage` (prompt, completion holding the reasoning, reasoning; from its documented format, not yet a capture); the model from the request body',
  notes:
    'every selector a guess (no public source shows the page); conversations are read from the URL fragment (`/#/c…`)',
  sourced:
    'the hash-routed address (`/#/c…`, 32-hex ids): 2026 references; the stream (`event:usage`) and the request model: the reverse-engineered API docs XoRubys/mimo-v2-web, 2026-01-31',
  guessed: 'every selector (no public source shows its page)',
};
