import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// Perplexity. The composer (`#ask-input`, a contenteditable textbox; a textarea before) is
// from public automation scripts; the thread selectors are unverified leads.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    composer: [
      '#ask-input',
      'div[role="textbox"][contenteditable="true"]',
      'textarea[placeholder*="Ask"]',
    ],
    user: ['[data-testid="user-query"]', '.group\\/query'],
    assistant: ['[id^="markdown-content-"]', '[data-testid="answer"]'],
    // Inline citation chips ("[1]", source names) are links, not the model's words.
    ignore: ['.citation', '[data-testid="citation"]', '[data-testid="answer-actions"]'],
    modelLabel: ['button[aria-label="Choose a model"]', '[data-testid="model-selector"]'],
    streaming: ['button[aria-label="Stop"]', '[data-testid="stop-generating-response-button"]'],
  },
  conversationId: (url) => pathId(url, /\/search\/([^/?#]+)/),
  knownGaps: [
    'the search results it feeds the model are not on screen: input is undercounted',
    '"Best" (auto) does not name a model: pick one',
    'thread selectors are unverified leads',
  ],
});
