import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: [
      '[data-testid="chat-input"]',
      'div.ProseMirror[contenteditable="true"]',
      'fieldset [contenteditable="true"]',
    ],
    user: ['[data-testid="user-message"]'],
    assistant: ['.font-claude-response', '.font-claude-message'],
    // Unverified: the expanded thinking block inside a reply.
    thinking: ['[data-testid="thinking-block"]', '.font-claude-response [class*="thinking"]'],
    ignore: ['.sr-only'],
    modelLabel: [
      '[data-testid="model-selector-dropdown"] .whitespace-nowrap',
      '[data-testid="model-selector-dropdown"]',
    ],
    streaming: ['[data-is-streaming="true"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'thinking block selector is unverified: collapsed thinking counts as unknown reasoning',
    'no usage numbers in the stream (only quota windows)',
  ],
});
