import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'anthropic-workbench',
  // The id stays (history rows carry it); the Workbench became the playground on 2026-08-17.
  label: 'Anthropic Playground',
  // Only the playground's paths, not the whole console: the playground that replaced the
  // Workbench on 2026-08-17 (Anthropic's help centre), and the Workbench's paths while they answer.
  matches: [
    'https://platform.claude.com/playground*',
    'https://platform.claude.com/workbench*',
    'https://console.anthropic.com/workbench*',
  ],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  name: 'Anthropic Playground, formerly the Workbench',
  hosts:
    'platform.claude.com/playground; the retired Workbench: platform.claude.com/workbench, console.anthropic.com/workbench',
  draft: 'the user messages after the last reply',
  turns: 'yes: system prompt + messages, with shown thinking',
  model: 'API id as shown',
  exactUsage: 'no',
  notes:
    'every selector a guess (no public code reads either page; the playground and the Workbench are assumed alike); max tokens priced as above; `{{variables}}` are counted as written',
  sourced:
    "the addresses and the Workbench's retirement for the playground on 2026-08-17: Anthropic's help centre",
  guessed: 'every selector (no public code reads either page)',
};
