import { defineAdapter, pathId } from '../define';
import { site } from './site';

// Doubao (ByteDance): `data-testid` attributes first, because its class names are generated.
// The reasoning block carries the reply's own text test id (`message_text_content`) too: the
// block is skipped in the reply's text and its inner text read as thinking.
export default defineAdapter({
  ...site,
  selectors: {
    // 1st: same as AITimeline (checked 2025-12); rest unverified (a TipTap editor may be
    // rolling out: the 3rd would find it)
    composer: [
      'textarea[data-testid="chat_input_input"]',
      '[data-testid="chat_input"] textarea',
      '[data-testid="chat_input"] [contenteditable="true"]',
    ],
    // 1st: same as AITimeline (checked 2026-02); 2nd unverified
    user: ['[data-testid="send_message"]', '[data-testid="user_message"]'],
    // 1st: same as AITimeline (checked 2026-02); 2nd unverified
    assistant: ['[data-testid="receive_message"]', '[data-testid="bot_message"]'],
    // 1st: the reasoning inside the think block, as public exporters read it (2026, repository
    // not named by the search index); rest unverified
    thinking: [
      '[data-testid="think_block_collapse"] [data-testid="message_text_content"]',
      '[data-testid="think_block_content"]',
      '[data-testid="thinking_content"]',
    ],
    // 1st: the bar CodeWebChat reads as `div[…]` (checked 2026-08); 2nd unverified; 3rd: the
    // think block's header ("已深度思考") is neither reply nor reasoning (exporters, 2026)
    ignore: [
      '[data-testid="message_action_bar"]',
      '[data-testid="suggest_message_list"]',
      '[data-testid="think_block_collapse"]',
    ],
    // No model name on the page: the web app picks the model; "深度思考" only toggles reasoning.
    // none on the page, as CodeWebChat finds (checked 2026-08)
    modelLabel: [],
    // The break button stays in the page after a reply, hidden with the class `!hidden`: only a
    // shown one means streaming (the default reader skips hidden matches).
    // 1st: same as CodeWebChat (checked 2026-08); 2nd: AITimeline's (checked 2026-02); 3rd
    // unverified
    streaming: [
      '[data-testid="chat_input_local_break_button"]',
      '[class*="break-btn-"]',
      '[data-testid="receive_message"][data-streaming="true"]',
    ],
  },
  conversationId: (url) => pathId(url, /\/chat\/(\d+)/),
  knownGaps: [
    'no model name on the page: pick the model once (remembered for the site)',
    'its stream (`/samantha/chat/completion`) carries no token usage in any public source: not read',
  ],
});
