import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // Unverified composer and model label.
    composer: [
      'form textarea',
      'textarea[aria-label]',
      '.tiptap[contenteditable="true"]',
      'form [contenteditable="true"]',
    ],
    user: ['[data-testid="user-message"]'],
    assistant: ['[data-testid="assistant-message"]'],
    thinking: ['[data-testid="thinking"]', '.thinking-container'],
    ignore: ['.action-buttons'],
    modelLabel: [
      '#model-select-trigger',
      'button[aria-label="Model select"]',
      '[data-testid="model-select"]',
    ],
    streaming: ['button[aria-label="Stop model response"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'its generation stream is not visible to page hooks: DOM only',
    'composer and model label selectors are unverified',
  ],
});
