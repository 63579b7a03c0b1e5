import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'aistudio',
  label: 'Google AI Studio',
  matches: ['https://aistudio.google.com/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'aistudio.google.com',
  draft: 'yes',
  turns: 'yes: system instructions + turns, with shown thoughts',
  model:
    'the model id its request names (`models/<id>` in the GenerateContent body), else the model card (API id or name)',
  exactUsage:
    "no; Google's own count of the prompt (shown by the composer) is shown in the panel beside ours, labelled as Google's",
  notes: '"Output length" priced as above; uploaded files and media not counted',
  sourced:
    'composer (`formcontrolname="promptText"`): CodeWebChat 2026-08, MCP-SuperAssistant 2026-01, PCE-Core 2026-05; turns, thoughts, footers: PCE-Core 2026-05, ChatClub 2026-08; model card: PCE-Core, CodeWebChat; system instructions and settings panel: CodeWebChat 2026-08',
  guessed:
    'the max-output input and the system-prompt textarea inside their panels; the request body shape beyond its model (index 0), from unattributed 2026 bridges',
};
