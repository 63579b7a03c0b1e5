import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 3rd: the TipTap editor PCE-Core reads (checked 2026-05); rest unverified
    composer: [
      'form textarea',
      'textarea[aria-label]',
      '.tiptap[contenteditable="true"]',
      'form [contenteditable="true"]',
    ],
    // public userscripts (mid-2026), unverified; 2026 public code reads `.items-end`
    user: ['[data-testid="user-message"]'],
    // public userscripts (mid-2026), unverified; 2026 public code reads `.items-start`
    assistant: ['[data-testid="assistant-message"]'],
    // reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="thinking"]', '.thinking-container'],
    // CodeWebChat reads `div.items-start div.action-buttons` (checked 2026-08)
    ignore: ['.action-buttons'],
    // 2nd: same as ChatClub (checked 2026-08); rest unverified
    modelLabel: [
      '#model-select-trigger',
      'button[aria-label="Model select"]',
      '[data-testid="model-select"]',
    ],
    // reconstructed fixture, unverified on the live page
    streaming: ['button[aria-label="Stop model response"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'its generation stream is not visible to page hooks: DOM only',
    'composer and model label selectors are unverified',
  ],
});
