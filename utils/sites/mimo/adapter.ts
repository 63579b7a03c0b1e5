import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// Xiaomi MiMo's chat studio (aistudio.xiaomimimo.com). Every selector is an unverified lead.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: ['textarea[placeholder]', '[contenteditable="true"][role="textbox"]', 'textarea'],
    user: ['[data-role="user"]', '.message-user'],
    assistant: ['[data-role="assistant"]', '.message-assistant'],
    thinking: ['.think-content', '[data-type="reasoning"]'],
    ignore: ['.message-actions', '.message-toolbar'],
    modelLabel: ['[data-testid="model-select"]', '.model-select'],
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([\w-]+)/) ?? url.searchParams.get('id'),
  knownGaps: ['selectors are unverified leads'],
});
