import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// Grok: every turn is a `[id^="response-"]` row, aligned right for the user (`.items-end`) and
// left for the model (`.items-start`); the composer is a TipTap editor. The picker shows modes
// ("Auto", "Fast", "Expert", "Heavy") as often as model names: a mode names no model, so it is
// not priced (the user picks one, remembered), see ./models.ts.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: same as PCE-Core (checked 2026-05); 2nd: AITimeline's (checked 2025-12); 3rd:
    // MCP-SuperAssistant's (checked 2025-10); rest unverified
    composer: [
      'div.tiptap.ProseMirror[contenteditable="true"]',
      '.ProseMirror[contenteditable="true"]',
      'textarea[aria-label="Ask Grok anything"]',
      'form textarea',
      'form [contenteditable="true"]',
    ],
    // 1st: same as PCE-Core (checked 2026-05, its DOM diagnosis of 2026-05-03); 2nd: AITimeline's
    // (checked 2026-02); 3rd unverified (our first guess)
    user: ['[id^="response-"].items-end', '.items-end[id]', '[data-testid="user-message"]'],
    // 1st: same as PCE-Core (checked 2026-05); 2nd unverified (our first guess)
    assistant: ['[id^="response-"].items-start', '[data-testid="assistant-message"]'],
    // reconstructed fixture, unverified on the live page (no DOM source: its stream marks
    // thinking with `isThinking`, grok2api 2026-08)
    thinking: ['[data-testid="thinking"]', '.thinking-container'],
    // same as CodeWebChat's footer `div.items-start div.action-buttons` (checked 2026-08)
    ignore: ['.action-buttons'],
    // 1st: same as ChatClub (checked 2026-08); rest unverified
    modelLabel: [
      'button[aria-label="Model select"]',
      '#model-select-trigger',
      '[data-testid="model-select"]',
    ],
    // 1st: PCE-Core's (checked 2026-05); 2nd: the stop icon AITimeline and CodeWebChat look for
    // (checked 2026-08); 3rd unverified
    streaming: [
      'button[aria-label*="Stop" i]',
      'path[d^="M4 9.2v5.6c0 1.116"]',
      '[data-testid="stop-button"]',
    ],
  },
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'its generation stream is not visible to page hooks: DOM only',
    'a mode ("Auto", "Fast", "Expert", "Heavy") names no model: pick one',
    'thinking selectors are unverified (no public source shows the block)',
  ],
});
