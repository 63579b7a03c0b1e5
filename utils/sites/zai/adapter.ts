import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: same as MCP-SuperAssistant (checked 2025-08); 2nd: CodeWebChat's (checked 2026-08)
    composer: ['#chat-input', 'textarea'],
    // as public userscripts had it (mid-2026), unverified since
    user: ['.chat-user'],
    // same as CodeWebChat (checked 2026-08)
    assistant: ['.chat-assistant'],
    // the reasoning panel (an Open WebUI site): reconstructed fixture, unverified on the live page
    // (CodeWebChat, 2026-08, only shows the deep-think toggle `button[data-autothink]`, no block)
    thinking: ['.thinking-chain-container', '[class*="thinking-block"]'],
    // reconstructed fixture, unverified on the live page (CodeWebChat's copy button,
    // `button.copy-response-button`, checked 2026-08, falls under `button`)
    ignore: ['.chat-assistant-actions', 'button'],
    // no 2026 public source: reconstructed fixture, unverified on the live page
    modelLabel: [
      '#model-selector-0-button',
      'button[aria-label="Select a model"]',
      '[id^="model-selector"] button',
    ],
    // reconstructed fixture, unverified on the live page. CodeWebChat (checked 2026-08) instead
    // treats the page as generating while `button#send-message-button` is absent; not used here
    // (an absent button on a page we misread would read as "always streaming")
    streaming: ['#stop-response-button', 'button[aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  usageStream,
  knownGaps: [
    'model label and thinking selectors are unverified (no public source shows them)',
    'code blocks are virtualised: long code in a reply is undercounted from the DOM',
  ],
});
