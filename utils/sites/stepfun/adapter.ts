import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// StepFun's chat (chat.stepfun.com; its Chinese app yuewen.cn is not covered). An answer is a
// `div[data-message-id="markdown"]` holding CSS-module markdown blocks; the reasoning block
// carries `reason-render-ext` (on itself or a wrapper). The public sources are browser drivers
// of 2026 whose repositories the search index does not name ("unattributed"): weaker evidence
// than a named project, still better than our first guesses, kept as fallbacks.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: unattributed driver of 2026 ("verified against the live page"); rest unverified
    composer: [
      'textarea[placeholder*="任何问题"]:not([disabled])',
      'textarea[placeholder]',
      '[contenteditable="true"][role="textbox"]',
      'textarea',
    ],
    // 1st: the user text's class ending an unattributed driver reads (2026); rest unverified
    user: [
      '[class$="whitespace-break-spaces break-words break-all"]',
      '[data-role="user"]',
      '.user-message',
    ],
    // 1st: the container of the answer an unattributed driver reads (`… > div[class*=
    // "message-markdown_markdown"]:not([class*="reason-render-ext"])`, 2026); rest unverified
    assistant: ['div[data-message-id="markdown"]', '[data-role="assistant"]', '.assistant-message'],
    // 1st and 2nd: the same driver's reasoning (2026); rest unverified
    thinking: [
      '[class*="message-markdown_markdown"][class*="reason-render-ext"]',
      '.reason-render-ext',
      '.reasoning-content',
      '[data-type="reasoning"]',
    ],
    // reconstructed fixture, unverified on the live page
    ignore: ['.message-actions'],
    // reconstructed fixture, unverified on the live page (no public source)
    modelLabel: ['[data-testid="model-select"]', '.model-name'],
    // 1st and 2nd: the stop icons an unattributed driver looks for in the stop button (2026);
    // rest unverified
    streaming: [
      '.custom-icon-stop',
      '[class*="stop-outline"]',
      '[data-testid="stop-button"]',
      'button[aria-label="Stop"]',
    ],
  },
  conversationId: (url) => {
    const id = pathId(url, /\/chats?\/([\w-]+)/);
    return id === 'new' ? null : id;
  },
  knownGaps: [
    'turn, reasoning and stop selectors come from unattributed public drivers; the model label is a guess',
    'yuewen.cn (the Chinese app) is not covered',
  ],
});
