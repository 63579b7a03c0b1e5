import { defineAdapter, pathId } from '../define';
import { site } from './site';

// Doubao (ByteDance): `data-testid` attributes first, because its class names are generated.
export default defineAdapter({
  ...site,
  selectors: {
    // 1st: same as AITimeline (checked 2025-12); rest unverified
    composer: [
      'textarea[data-testid="chat_input_input"]',
      '[data-testid="chat_input"] textarea',
      '[data-testid="chat_input"] [contenteditable="true"]',
    ],
    // 1st: same as AITimeline (checked 2026-02); 2nd unverified
    user: ['[data-testid="send_message"]', '[data-testid="user_message"]'],
    // 1st: in public 2026 code (unattributed); 2nd unverified
    assistant: ['[data-testid="receive_message"]', '[data-testid="bot_message"]'],
    // unverified: public code reads `think_block_collapse`
    thinking: ['[data-testid="think_block_content"]', '[data-testid="thinking_content"]'],
    // 1st: the bar CodeWebChat reads as `div[…]` (checked 2026-08); 2nd unverified
    ignore: ['[data-testid="message_action_bar"]', '[data-testid="suggest_message_list"]'],
    // No model name on the page: the web app picks the model; "深度思考" only toggles reasoning.
    // none on the page, as CodeWebChat finds (checked 2026-08)
    modelLabel: [],
    // 1st: CodeWebChat reads its `!hidden` class (checked 2026-08); 2nd unverified
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
