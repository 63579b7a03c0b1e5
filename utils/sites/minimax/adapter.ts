import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// MiniMax Agent. Every selector is an unverified lead: roles and test ids first, then the class
// names a Tailwind/TipTap app of this kind commonly uses.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // reconstructed fixture, unverified on the live page
    composer: [
      '.tiptap[contenteditable="true"]',
      '[data-testid="chat-input"] textarea',
      'textarea',
    ],
    // reconstructed fixture, unverified on the live page
    user: ['[data-role="user"]', '.user-message'],
    // reconstructed fixture, unverified on the live page
    assistant: ['[data-role="assistant"]', '.assistant-message'],
    // reconstructed fixture, unverified on the live page
    thinking: ['[data-type="thinking"]', '.thinking-content'],
    // reconstructed fixture, unverified on the live page
    ignore: ['[data-type="tool-call"]', '.message-actions'],
    // reconstructed fixture, unverified on the live page
    modelLabel: ['[data-testid="model-switch"]', '.model-selector'],
    // reconstructed fixture, unverified on the live page
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([\w-]+)/) ?? url.searchParams.get('id'),
  knownGaps: [
    'the agent’s tool calls, web pages and files are read server-side: only visible text is counted (input undercounted)',
    'selectors are unverified leads',
  ],
});
