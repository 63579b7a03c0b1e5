import { pathId } from '../define';
import { definePlaygroundAdapter } from '../playground-define';
import { site } from './site';

// platform.openai.com/playground (chat and prompts). Unverified leads, reconstructed from how
// the page is described publicly: a system (developer) message above the thread, a composer
// under it, the model's API id in the model picker, "Max tokens" in the settings.
export default definePlaygroundAdapter({
  ...site,
  selectors: {
    // reconstructed fixture, unverified on the live page
    composer: [
      'textarea[placeholder^="Chat with your prompt"]',
      '[data-testid="playground-composer"] textarea',
      'textarea[aria-label="User message"]',
    ],
    // reconstructed fixture, unverified on the live page
    user: ['[data-testid="message-user"]', '[data-role="user"]'],
    // reconstructed fixture, unverified on the live page
    assistant: ['[data-testid="message-assistant"]', '[data-role="assistant"]'],
    // reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="reasoning-summary"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['[data-testid="message-role"]', '[data-testid="message-actions"]'],
    // reconstructed fixture, unverified on the live page
    modelLabel: [
      '[data-testid="model-selector"] [data-model-id]',
      '[data-testid="model-selector"]',
    ],
    // reconstructed fixture, unverified on the live page
    streaming: ['button[aria-label="Stop"]', '[data-testid="stop-button"]'],
  },
  playground: {
    // reconstructed fixture, unverified on the live page
    system: [
      '[data-testid="system-message"] textarea',
      '[data-testid="developer-message"] textarea',
      'textarea[placeholder^="Describe desired model behavior"]',
    ],
    // reconstructed fixture, unverified on the live page
    maxOutput: [
      'input[name="max_output_tokens"]',
      'input[name="max_tokens"]',
      'input[aria-label="Max tokens"]',
    ],
  },
  conversationId: (url) =>
    url.searchParams.get('prompt') ?? pathId(url, /\/playground\/prompts\/([\w-]+)/),
  knownGaps: [
    'selectors are unverified leads (no public adapter exists)',
    'tools, files and images attached to the prompt are not counted',
    'opened by in-app navigation from another platform page: reload to start counting',
  ],
});
