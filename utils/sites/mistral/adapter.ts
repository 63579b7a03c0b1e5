import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// Le Chat. The composer (`textarea[name="message.text"]`, later a ProseMirror editor) and the
// `/chat/<uuid>` URL come from public extension configs; message and model selectors are
// unverified leads, tried after roles and test ids.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: [
      'textarea[name="message.text"]',
      '.ProseMirror[contenteditable="true"]',
      'form textarea',
    ],
    user: ['[data-message-author-role="user"]', '[data-testid="user-message"]'],
    assistant: ['[data-message-author-role="assistant"]', '[data-testid="assistant-message"]'],
    thinking: ['[data-testid="reasoning-content"]', '[data-testid="thinking-content"]'],
    ignore: ['[data-testid="message-actions"]', '.sr-only'],
    modelLabel: ['[data-testid="model-selector"]', 'button[aria-label="Select model"]'],
    streaming: ['button[aria-label="Stop generation"]', '[data-testid="stop-button"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([0-9a-f-]+)/i),
  knownGaps: [
    'message and model selectors are unverified leads',
    'web search and document text the model reads is not on screen: input is undercounted',
  ],
});
