import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: [
      'rich-textarea [contenteditable="true"]',
      '.ql-editor[contenteditable="true"]',
      '.ql-editor',
    ],
    user: ['user-query'],
    assistant: ['model-response'],
    // Unverified: the "Show thinking" panel's custom element.
    thinking: ['model-thoughts', '.thoughts-content'],
    ignore: ['.cdk-visually-hidden', '.screen-reader-only', 'mat-icon'],
    modelLabel: [
      'bard-mode-switcher [data-test-id="logo-pill-label-container"]',
      'bard-mode-switcher button',
      'bard-mode-switcher',
    ],
    streaming: ['button[aria-label="Stop response"]', 'mat-icon[fonticon="stop"]'],
  },
  conversationId: (url) => pathId(url, /\/app\/([0-9A-Za-z_-]+)/),
  knownGaps: [
    'streams over XHR with full snapshots and no usage numbers: counts are the Gemma 3 vocabulary or an estimate',
  ],
});
