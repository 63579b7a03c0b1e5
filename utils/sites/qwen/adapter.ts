import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 3rd: same as CodeWebChat (checked 2026-08); rest unverified
    composer: ['#chat-input', 'textarea#chat-input', 'textarea'],
    // same as AITimeline (checked 2026-03)
    user: ['.qwen-chat-message-user'],
    // same as AITimeline (checked 2026-03)
    assistant: ['.qwen-chat-message-assistant'],
    // unverified: public code reads `.phase-thinking`
    thinking: ['.qwen-chat-thinking-content', '[class*="thinking-content"]'],
    // 1st: prefix of CodeWebChat's footer class (checked 2026-08); 2nd unverified
    ignore: ['.qwen-chat-package-comp-new-action-control', '[class*="message-footer"]'],
    // reconstructed fixture, unverified on the live page
    modelLabel: [
      '.model-selector-text',
      '[class*="model-selector"] [class*="text"]',
      '[class*="model-selector"]',
    ],
    // 2nd: AITimeline's `button.stop-button` (checked 2026-03); 1st unverified
    streaming: ['button[aria-label="Stop"]', '.stop-button'],
  },
  usageStream,
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'code blocks are virtualised: long code in a reply is undercounted from the DOM',
    'composer and model label selectors are unverified',
  ],
});
