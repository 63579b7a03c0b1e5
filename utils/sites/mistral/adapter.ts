import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// Le Chat: roles and test ids first; the composer was a textarea, later a ProseMirror editor, and
// a saved chat's URL is `/chat/<uuid>` (public extension configs).
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: same as MCP-SuperAssistant (checked 2025-10); rest unverified
    composer: [
      'textarea[name="message.text"]',
      '.ProseMirror[contenteditable="true"]',
      'form textarea',
    ],
    // 1st: ChatClub reads this attribute (checked 2026-08); 2nd unverified
    user: ['[data-message-author-role="user"]', '[data-testid="user-message"]'],
    // 1st: same as CodeWebChat (checked 2026-08); 2nd unverified
    assistant: ['[data-message-author-role="assistant"]', '[data-testid="assistant-message"]'],
    // reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="reasoning-content"]', '[data-testid="thinking-content"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['[data-testid="message-actions"]', '.sr-only'],
    // reconstructed fixture, unverified on the live page
    modelLabel: ['[data-testid="model-selector"]', 'button[aria-label="Select model"]'],
    // 1st and 2nd unverified; 3rd: PCE-Core's (checked 2026-05)
    streaming: [
      'button[aria-label="Stop generation"]',
      '[data-testid="stop-button"]',
      'button[aria-label*="Stop" i]',
    ],
  },
  conversationId: (url) => pathId(url, /\/chat\/([0-9a-f-]+)/i),
  knownGaps: [
    'message and model selectors are unverified leads',
    'web search and document text the model reads is not on screen: input is undercounted',
  ],
});
