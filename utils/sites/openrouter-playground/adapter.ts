import { definePlaygroundAdapter } from '../playground-define';
import { site } from './site';

// OpenRouter's playground: OpenRouter model ids, priced at OpenRouter's offer. No public code or
// URL reference for an `openrouter.ai/playground` page was found: every selector is a guess.
export default definePlaygroundAdapter({
  ...site,
  selectors: {
    // reconstructed fixture, unverified on the live page
    composer: ['textarea[placeholder^="Start a message"]', 'form textarea'],
    // reconstructed fixture, unverified on the live page
    user: ['[data-testid="user-message"]', '[data-role="user"]'],
    // reconstructed fixture, unverified on the live page
    assistant: ['[data-testid="assistant-message"]', '[data-role="assistant"]'],
    // reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="reasoning"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['[data-testid="message-actions"]', '[data-testid="message-meta"]'],
    // reconstructed fixture, unverified on the live page
    modelLabel: ['[data-testid="model-select"] [data-model-id]', '[data-testid="model-select"]'],
    // reconstructed fixture, unverified on the live page
    streaming: ['button[aria-label="Stop"]', '[data-testid="stop-button"]'],
  },
  playground: {
    // reconstructed fixture, unverified on the live page
    system: ['[data-testid="system-prompt"] textarea', 'textarea[placeholder^="System prompt"]'],
    // reconstructed fixture, unverified on the live page
    maxOutput: ['input[name="max_tokens"]', 'input[aria-label="Max tokens"]'],
  },
  offer: 'openrouter',
  conversationId: (url) => url.searchParams.get('session'),
  knownGaps: [
    'selectors are unverified leads (no public adapter exists)',
    'comparing several models side by side: only the first is priced',
  ],
});
