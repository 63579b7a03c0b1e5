import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // Unverified composer and model label (../shared/SITES.md marks them so).
    composer: ['#chat-input', 'textarea#chat-input', 'textarea'],
    user: ['.qwen-chat-message-user'],
    assistant: ['.qwen-chat-message-assistant'],
    thinking: ['.qwen-chat-thinking-content', '[class*="thinking-content"]'],
    ignore: ['.qwen-chat-package-comp-new-action-control', '[class*="message-footer"]'],
    modelLabel: [
      '.model-selector-text',
      '[class*="model-selector"] [class*="text"]',
      '[class*="model-selector"]',
    ],
    streaming: ['button[aria-label="Stop"]', '.stop-button'],
  },
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'code blocks are virtualised: long code in a reply is undercounted from the DOM',
    'composer and model label selectors are unverified',
  ],
});
