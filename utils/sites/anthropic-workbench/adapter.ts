import { pathId } from '../define';
import { definePlaygroundAdapter } from '../playground-define';
import { site } from './site';

// Anthropic's playground (platform.claude.com/playground), which replaced the Workbench
// (platform.claude.com/workbench, console.anthropic.com/workbench) on 2026-08-17, per Anthropic's
// help centre. No public code reads either page: every selector is a guess, made for the
// Workbench (no chat composer: the user messages after the last reply are the prompt of the next
// run) and assumed to hold for the playground. The playground keeps no saved prompts (its draft
// lives in the browser): its conversations have no id.
export default definePlaygroundAdapter({
  ...site,
  selectors: {
    // With no message pending, the badge sits by the Run button (unverified on the live page).
    composer: ['[data-testid="run-button"]', 'button[aria-label="Run"]'],
    // no public source: reconstructed fixture, unverified on the live page
    user: ['[data-testid="message-user"]', '[data-message-role="user"]'],
    // no public source: reconstructed fixture, unverified on the live page
    assistant: ['[data-testid="message-assistant"]', '[data-message-role="assistant"]'],
    // no public source: reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="thinking-block"]'],
    // no public source: reconstructed fixture, unverified on the live page
    ignore: ['[data-testid="message-role-label"]', '[data-testid="message-toolbar"]'],
    // no public source: reconstructed fixture, unverified on the live page
    modelLabel: [
      '[data-testid="model-selector"] [data-model-id]',
      '[data-testid="model-selector"]',
    ],
    // no public source: reconstructed fixture, unverified on the live page
    streaming: ['button[aria-label="Stop"]', '[data-testid="stop-button"]'],
  },
  playground: {
    // no public source: reconstructed fixture, unverified on the live page
    system: [
      '[data-testid="system-prompt"] textarea',
      '[data-testid="system-prompt"] .ProseMirror',
    ],
    // no public source: reconstructed fixture, unverified on the live page
    maxOutput: ['input[name="max_tokens"]', 'input[aria-label="Max tokens to sample"]'],
    draft: 'trailing-user',
  },
  conversationId: (url) => pathId(url, /\/workbench\/([\w-]+)/),
  knownGaps: [
    'every selector is a guess (no public code reads the page), made for the Workbench',
    'prompt variables ({{…}}) are counted as written, not as substituted',
    'tools and attached files are not counted',
  ],
});
