import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

// Each selector list says where it came from: "same as <public project> (checked <date>)" when
// that project's code of that date uses it on the live site; "unverified" when it was
// reconstructed for our fixtures and never checked on the live page.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: public userscripts (mid-2026); rest unverified
    composer: [
      '#prompt-textarea',
      'form [contenteditable="true"].ProseMirror',
      'form textarea[name="prompt-textarea"]',
    ],
    // both: same as anybridge docs/SITES.md (GitHub winnerman-gc/anybridge, live DOM checked 2026-08-08)
    user: ['[data-message-author-role="user"]', '[data-turn="user"]'],
    // both: same as anybridge docs/SITES.md (GitHub winnerman-gc/anybridge, live DOM checked 2026-08-08)
    assistant: ['[data-message-author-role="assistant"]', '[data-turn="assistant"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['.sr-only', '[data-testid$="-turn-action-button"]'],
    // 1st: public userscripts (mid-2026); 2nd unverified
    modelLabel: [
      'button[data-testid="model-switcher-dropdown-button"]',
      '[data-testid="model-switcher-dropdown-button"]',
    ],
    // 1st: public userscripts (mid-2026); 2nd unverified
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop streaming"]'],
  },
  usageStream,
  conversationId: (url) => pathId(url, /\/c\/([0-9A-Za-z-]+)/),
  knownGaps: [
    'reasoning of Thinking models is hidden (only a summary is shown): counted as unknown',
    'no usage numbers in its stream: counts are our tokenizer on the visible text',
  ],
});
