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
    // as public userscripts had it (mid-2026), unverified since
    user: ['user-query'],
    // as public userscripts had it (mid-2026), unverified since
    assistant: ['model-response'],
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
