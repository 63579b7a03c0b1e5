import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: same as AITimeline (checked 2025-12); rest unverified
    composer: [
      '.chat-input-editor[contenteditable="true"]',
      '.chat-input-editor',
      '[contenteditable="true"][role="textbox"]',
    ],
    // same as AITimeline (checked 2026-02)
    user: ['.segment-user'],
    // 1st: in several public tools' 2026 code (unattributed); 2nd unverified
    assistant: ['.segment-assistant', '.chat-content-item-assistant'],
    // reconstructed fixture, unverified on the live page
    thinking: ['.thinking-container .markdown', '.segment-thinking', '[class*="thinking-content"]'],
    // 1st: prefix of CodeWebChat's footer class (checked 2026-08); 2nd unverified
    ignore: ['.segment-assistant-actions', '[class*="toolbar"]'],
    // 1st: same as CodeWebChat (checked 2026-08); rest unverified
    modelLabel: ['.current-model', '.model-name', '[class*="model-switch"] [class*="name"]'],
    // 1st: same as AITimeline (checked 2026-02); 2nd unverified
    streaming: ['.send-button-container.stop', '[class*="stop-button"]'],
  },
  usageStream,
  conversationId: (url) => pathId(url, /\/chat\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'composer, thinking and model label selectors are unverified',
    'its stream (connect+json frames) carries no usage numbers',
  ],
});
