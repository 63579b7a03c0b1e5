import { definePlaygroundAdapter } from '../playground-define';
import { site } from './site';

// OpenRouter's playground: OpenRouter model ids, priced at OpenRouter's offer. Unverified leads.
export default definePlaygroundAdapter({
  ...site,
  selectors: {
    composer: ['textarea[placeholder^="Start a message"]', 'form textarea'],
    user: ['[data-testid="user-message"]', '[data-role="user"]'],
    assistant: ['[data-testid="assistant-message"]', '[data-role="assistant"]'],
    thinking: ['[data-testid="reasoning"]'],
    ignore: ['[data-testid="message-actions"]', '[data-testid="message-meta"]'],
    modelLabel: ['[data-testid="model-select"] [data-model-id]', '[data-testid="model-select"]'],
    streaming: ['button[aria-label="Stop"]', '[data-testid="stop-button"]'],
  },
  playground: {
    system: ['[data-testid="system-prompt"] textarea', 'textarea[placeholder^="System prompt"]'],
    maxOutput: ['input[name="max_tokens"]', 'input[aria-label="Max tokens"]'],
  },
  offer: 'openrouter',
  conversationId: (url) => url.searchParams.get('session'),
  knownGaps: [
    'selectors are unverified leads (no public adapter exists)',
    'comparing several models side by side: only the first is priced',
  ],
});
