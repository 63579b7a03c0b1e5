import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: ['#chat-input', 'textarea'],
    user: ['.chat-user'],
    assistant: ['.chat-assistant'],
    // Unverified: the reasoning panel. The site is built on Open WebUI.
    thinking: ['.thinking-chain-container', '[class*="thinking-block"]'],
    ignore: ['.chat-assistant-actions', 'button'],
    modelLabel: [
      '#model-selector-0-button',
      'button[aria-label="Select a model"]',
      '[id^="model-selector"] button',
    ],
    streaming: ['#stop-response-button', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  usageStream,
  knownGaps: ['model label and thinking selectors are unverified'],
});
