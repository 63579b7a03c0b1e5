import { pathId } from '../define';
import { definePlaygroundAdapter } from '../playground-define';
import { site } from './site';

// Google AI Studio: Angular custom elements (`ms-*`), which change less often than class names.
// The run settings panel shows the model's API id under its name and "Output length".
// Unverified leads.
export default definePlaygroundAdapter({
  ...site,
  selectors: {
    composer: ['ms-prompt-input-wrapper textarea', 'ms-chunk-input textarea', 'footer textarea'],
    user: ['ms-chat-turn .chat-turn-container.user', 'ms-chat-turn[data-turn-role="User"]'],
    assistant: ['ms-chat-turn .chat-turn-container.model', 'ms-chat-turn[data-turn-role="Model"]'],
    thinking: ['ms-thought-chunk', '.thought-container'],
    ignore: ['.author-label', '.actions-container', 'ms-chat-turn-options'],
    modelLabel: ['ms-model-selector [data-model-id]', 'ms-model-selector .model-id'],
    streaming: ['ms-run-button button[aria-label="Stop"]', 'button[aria-label="Stop generating"]'],
  },
  playground: {
    system: ['ms-system-instructions textarea', 'textarea[aria-label="System instructions"]'],
    maxOutput: [
      'ms-run-settings input[aria-label="Maximum output tokens"]',
      'input[aria-label="Output length"]',
    ],
  },
  conversationId: (url) => {
    const id = pathId(url, /\/prompts\/([\w-]+)/);
    return id === 'new_chat' ? null : id;
  },
  knownGaps: [
    'selectors are unverified leads (no public adapter exists)',
    'uploaded files, images and video are not counted',
    'thinking budget is not read: reasoning counts only when the thoughts are shown',
  ],
});
