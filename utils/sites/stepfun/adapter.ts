import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// StepFun's chat (stepfun.com; its Chinese app yuewen.cn is not covered). Every selector is an
// unverified lead.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // reconstructed fixture, unverified on the live page
    composer: ['textarea[placeholder]', '[contenteditable="true"][role="textbox"]', 'textarea'],
    // reconstructed fixture, unverified on the live page
    user: ['[data-role="user"]', '.user-message'],
    // reconstructed fixture, unverified on the live page
    assistant: ['[data-role="assistant"]', '.assistant-message'],
    // reconstructed fixture, unverified on the live page
    thinking: ['.reasoning-content', '[data-type="reasoning"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['.message-actions'],
    // reconstructed fixture, unverified on the live page
    modelLabel: ['[data-testid="model-select"]', '.model-name'],
    // reconstructed fixture, unverified on the live page
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/chats?\/([\w-]+)/),
  knownGaps: ['selectors are unverified leads', 'yuewen.cn (the Chinese app) is not covered'],
});
