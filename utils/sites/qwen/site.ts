import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'qwen',
  label: 'Qwen Chat',
  matches: ['https://chat.qwen.ai/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'chat.qwen.ai',
  draft: 'yes',
  turns: 'yes',
  model: "yes: the request's `model` (the stream names none), else the label",
  exactUsage: '**yes**: `usage` on every frame (input exact; output once finished)',
  notes:
    'code blocks are virtualised, so long code is undercounted; thinking selector from one unattributed source',
  sourced:
    'composer `textarea.message-input-textarea`: AITimeline 2026-03, MCP-SuperAssistant 2026-02; turns: AITimeline 2026-03; model label `.header-left .ant-dropdown-trigger`, footer, plain `textarea`: CodeWebChat 2026-08; `.selected-model-item`: qwen-persona 2026-01; stop button: AITimeline 2026-03; the reply stream: a real capture by anybridge, 2026-08; thinking `.phase-thinking`: one unattributed 2026-06 selector set (weak)',
  guessed:
    'our older composer/label/thinking fallbacks (`#chat-input`, `.model-selector-text`, `.qwen-chat-thinking-content`); the 1st stop selector',
};
