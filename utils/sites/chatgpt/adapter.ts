import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// Selectors from ../shared/SITES.md (public userscripts, mid-2026); first guess first.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: [
      '#prompt-textarea',
      'form [contenteditable="true"].ProseMirror',
      'form textarea[name="prompt-textarea"]',
    ],
    user: ['[data-message-author-role="user"]'],
    assistant: ['[data-message-author-role="assistant"]'],
    ignore: ['.sr-only', '[data-testid$="-turn-action-button"]'],
    modelLabel: [
      'button[data-testid="model-switcher-dropdown-button"]',
      '[data-testid="model-switcher-dropdown-button"]',
    ],
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop streaming"]'],
  },
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'reasoning of Thinking models is hidden (only a summary is shown): counted as unknown',
    'no usage numbers in its stream: counts are our tokenizer on the visible text',
  ],
});
