import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// MiniMax Agent. Every selector is an unverified lead: roles and test ids first, then the class
// names a Tailwind/TipTap app of this kind commonly uses.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: [
      '.tiptap[contenteditable="true"]',
      '[data-testid="chat-input"] textarea',
      'textarea',
    ],
    user: ['[data-role="user"]', '.user-message'],
    assistant: ['[data-role="assistant"]', '.assistant-message'],
    thinking: ['[data-type="thinking"]', '.thinking-content'],
    ignore: ['[data-type="tool-call"]', '.message-actions'],
    modelLabel: ['[data-testid="model-switch"]', '.model-selector'],
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([\w-]+)/) ?? url.searchParams.get('id'),
  knownGaps: [
    'the agent’s tool calls, web pages and files are read server-side: only visible text is counted (input undercounted)',
    'selectors are unverified leads',
  ],
});
