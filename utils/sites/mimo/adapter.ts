import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// Xiaomi MiMo's chat studio (aistudio.xiaomimimo.com). Every selector is an unverified lead.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // reconstructed fixture, unverified on the live page
    composer: ['textarea[placeholder]', '[contenteditable="true"][role="textbox"]', 'textarea'],
    // reconstructed fixture, unverified on the live page
    user: ['[data-role="user"]', '.message-user'],
    // reconstructed fixture, unverified on the live page
    assistant: ['[data-role="assistant"]', '.message-assistant'],
    // reconstructed fixture, unverified on the live page
    thinking: ['.think-content', '[data-type="reasoning"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['.message-actions', '.message-toolbar'],
    // reconstructed fixture, unverified on the live page
    modelLabel: ['[data-testid="model-select"]', '.model-select'],
    // reconstructed fixture, unverified on the live page
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([\w-]+)/) ?? url.searchParams.get('id'),
  knownGaps: ['selectors are unverified leads'],
});
