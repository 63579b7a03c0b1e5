import type { SiteDoc, SiteInfo } from '../types';

export const site: SiteInfo = {
  id: 'anthropic-workbench',
  label: 'Anthropic Workbench',
  matches: ['https://console.anthropic.com/workbench*', 'https://platform.claude.com/workbench*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites-doc.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'console.anthropic.com/workbench, platform.claude.com/workbench',
  draft: 'the user messages after the last reply',
  turns: 'yes: system prompt + messages, with shown thinking',
  model: 'API id as shown',
  exactUsage: 'no',
  notes: 'max tokens priced as above; `{{variables}}` are counted as written',
};
