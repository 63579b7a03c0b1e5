import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st and 3rd: public userscripts (mid-2026); 2nd unverified
    composer: [
      'rich-textarea [contenteditable="true"]',
      '.ql-editor[contenteditable="true"]',
      '.ql-editor',
    ],
    // 1st, 2nd: same as anybridge docs/SITES.md (GitHub winnerman-gc/anybridge, live DOM checked 2026-08-08); 3rd: public userscripts (mid-2026)
    user: ['.user-query-container', 'user-query-content', 'user-query'],
    // 1st-3rd: same as anybridge docs/SITES.md (GitHub winnerman-gc/anybridge, live DOM checked 2026-08-08)
    assistant: ['model-response', '.presented-response-container', '.model-response-text'],
    // the "Show thinking" panel: reconstructed fixture, unverified on the live page
    thinking: ['model-thoughts', '.thoughts-content'],
    // reconstructed fixture, unverified on the live page
    ignore: ['.cdk-visually-hidden', '.screen-reader-only', 'mat-icon'],
    // 3rd: public userscripts (mid-2026); rest unverified
    modelLabel: [
      'bard-mode-switcher [data-test-id="logo-pill-label-container"]',
      'bard-mode-switcher button',
      'bard-mode-switcher',
    ],
    // reconstructed fixture, unverified on the live page
    streaming: ['button[aria-label="Stop response"]', 'mat-icon[fonticon="stop"]'],
  },
  usageStream,
  conversationId: (url) => pathId(url, /\/app\/([0-9A-Za-z_-]+)/),
  knownGaps: [
    'streams over XHR with full snapshots and no usage numbers: counts are the Gemma 3 vocabulary or an estimate',
  ],
});
