import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: [
      '.chat-input-editor[contenteditable="true"]',
      '.chat-input-editor',
      '[contenteditable="true"][role="textbox"]',
    ],
    user: ['.segment-user'],
    assistant: ['.segment-assistant', '.chat-content-item-assistant'],
    // Unverified.
    thinking: ['.thinking-container .markdown', '.segment-thinking', '[class*="thinking-content"]'],
    ignore: ['.segment-assistant-actions', '[class*="toolbar"]'],
    modelLabel: ['.current-model', '.model-name', '[class*="model-switch"] [class*="name"]'],
    streaming: ['.send-button-container.stop', '[class*="stop-button"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'composer, thinking and model label selectors are unverified',
    'its stream (connect+json frames) carries no usage numbers',
  ],
});
