import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// StepFun's chat (stepfun.com; its Chinese app yuewen.cn is not covered). Every selector is an
// unverified lead.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: ['textarea[placeholder]', '[contenteditable="true"][role="textbox"]', 'textarea'],
    user: ['[data-role="user"]', '.user-message'],
    assistant: ['[data-role="assistant"]', '.assistant-message'],
    thinking: ['.reasoning-content', '[data-type="reasoning"]'],
    ignore: ['.message-actions'],
    modelLabel: ['[data-testid="model-select"]', '.model-name'],
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/chats?\/([\w-]+)/),
  knownGaps: ['selectors are unverified leads', 'yuewen.cn (the Chinese app) is not covered'],
});
