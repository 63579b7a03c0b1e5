import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: public userscripts (mid-2026); rest unverified
    composer: [
      '[data-testid="chat-input"]',
      'div.ProseMirror[contenteditable="true"]',
      'fieldset [contenteditable="true"]',
    ],
    // 1st, 2nd: same as anybridge docs/SITES.md (GitHub winnerman-gc/anybridge, live DOM checked 2026-08-08)
    user: ['[data-testid="user-message"]', '[data-cds="UserMessage"]'],
    // 1st, 2nd: same as anybridge docs/SITES.md (GitHub winnerman-gc/anybridge, live DOM checked 2026-08-08); 3rd unverified
    assistant: ['.font-claude-response', '[data-is-streaming]', '.font-claude-message'],
    // the expanded thinking block in a reply: reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="thinking-block"]', '.font-claude-response [class*="thinking"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['.sr-only'],
    // 1st: public userscripts (mid-2026); 2nd unverified
    modelLabel: [
      '[data-testid="model-selector-dropdown"] .whitespace-nowrap',
      '[data-testid="model-selector-dropdown"]',
    ],
    // the attribute: same as anybridge docs/SITES.md (GitHub winnerman-gc/anybridge, live DOM checked 2026-08-08) (it marks the reply; "true" while it streams)
    streaming: ['[data-is-streaming="true"]'],
  },
  usageStream,
  conversationId: (url) => pathId(url, /\/chat\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'thinking block selector is unverified: collapsed thinking counts as unknown reasoning',
    'no usage numbers in the stream (only quota windows)',
  ],
});
