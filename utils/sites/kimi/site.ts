import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'kimi',
  label: 'Kimi',
  matches: ['https://www.kimi.com/*', 'https://kimi.com/*', 'https://kimi.moonshot.cn/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'kimi.com, www.kimi.com, kimi.moonshot.cn',
  draft: 'yes',
  turns: 'yes',
  model: 'yes: a downgrade notice in its Connect stream names the model used, else the label',
  exactUsage: 'no',
  notes: 'thinking selector unverified',
  sourced:
    'composer and turns (`.segment-user`, `.chat-content-item-user`, `.segment-assistant`): AITimeline 2025-12/2026-02, OAO prompt-history (live DOM, 2025-01); label `.current-model` and footer: CodeWebChat 2026-08; stop state `.send-button-container.stop`: AITimeline 2026-02; the reply stream: a real capture by anybridge, 2026-08',
  guessed: 'the thinking block (no source shows it); the later fallbacks of each list',
};
