import { defineAdapter, pathId } from '../define';
import { site } from './site';

// Doubao (ByteDance). Every selector is an unverified lead (../shared/SITES.md lists only its
// completion endpoint): `data-testid` attributes first, because its class names are generated.
export default defineAdapter({
  ...site,
  selectors: {
    composer: [
      'textarea[data-testid="chat_input_input"]',
      '[data-testid="chat_input"] textarea',
      '[data-testid="chat_input"] [contenteditable="true"]',
    ],
    user: ['[data-testid="send_message"]', '[data-testid="user_message"]'],
    assistant: ['[data-testid="receive_message"]', '[data-testid="bot_message"]'],
    thinking: ['[data-testid="think_block_content"]', '[data-testid="thinking_content"]'],
    ignore: ['[data-testid="message_action_bar"]', '[data-testid="suggest_message_list"]'],
    // No model name on the page: the web app picks the model; "深度思考" only toggles reasoning.
    modelLabel: [],
    streaming: [
      '[data-testid="chat_input_local_break_button"]',
      '[data-testid="receive_message"][data-streaming="true"]',
    ],
  },
  conversationId: (url) => pathId(url, /\/chat\/(\d+)/),
  knownGaps: [
    'no model name on the page: pick the model once (remembered for the site)',
    'every selector is an unverified lead; its stream (`/samantha/chat/completion`) is not read',
  ],
});
