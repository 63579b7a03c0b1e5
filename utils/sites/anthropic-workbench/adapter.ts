import { pathId } from '../define';
import { definePlaygroundAdapter } from '../playground-define';
import { site } from './site';

// The Anthropic Workbench (console.anthropic.com, now also platform.claude.com). There is no
// chat composer: the user messages after the last reply are the prompt of the next run.
// Unverified leads.
export default definePlaygroundAdapter({
  ...site,
  selectors: {
    // With no message pending, the badge sits by the Run button (unverified on the live page).
    composer: ['[data-testid="run-button"]', 'button[aria-label="Run"]'],
    // reconstructed fixture, unverified on the live page
    user: ['[data-testid="message-user"]', '[data-message-role="user"]'],
    // reconstructed fixture, unverified on the live page
    assistant: ['[data-testid="message-assistant"]', '[data-message-role="assistant"]'],
    // reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="thinking-block"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['[data-testid="message-role-label"]', '[data-testid="message-toolbar"]'],
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
      '[data-testid="system-prompt"] textarea',
      '[data-testid="system-prompt"] .ProseMirror',
    ],
    // reconstructed fixture, unverified on the live page
    maxOutput: ['input[name="max_tokens"]', 'input[aria-label="Max tokens to sample"]'],
    draft: 'trailing-user',
  },
  conversationId: (url) => pathId(url, /\/workbench\/([\w-]+)/),
  knownGaps: [
    'selectors are unverified leads (no public adapter exists)',
    'prompt variables ({{…}}) are counted as written, not as substituted',
    'tools and attached files are not counted',
  ],
});
