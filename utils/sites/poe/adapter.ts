import { defineAdapter, pathId, queryAllFirst, queryFirst, readText } from '../define';
import type { TurnNode } from '../types';
import { MODELS } from './models';
import { site } from './site';

// Poe uses CSS modules: class names carry a hash suffix (`ChatMessage_chatMessage__x1y2z`), so
// they are matched by their stable prefix, as public exporters of Poe chats do. A message is the
// user's when it holds the right-side bubble.
// 1st: the class prefix PCE-Core and ChatClub match (checked 2026-08); 2nd unverified
const MESSAGE = ['[class*="ChatMessage_chatMessage_"]', '[data-message-id]'];
// same as PCE-Core and ChatClub (checked 2026-08)
const USER_BUBBLE = '[class*="rightSideMessageBubble"]';
// same as PCE-Core (checked 2026-04)
const TEXT = ['[class*="Markdown_markdownContainer"]', '[class*="Message_messageTextContainer"]'];
// 2nd: same as PCE-Core (checked 2026-04); the others unverified
const IGNORE = [
  '[class*="ChatMessageActionBar"]',
  '[class*="BotMessageHeader"]',
  '[class*="ChatMessage_messageMetadata"]',
];

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st: PCE-Core's class, by prefix (checked 2026-05); 2nd unverified
    composer: ['textarea[class*="GrowingTextArea_textArea"]', 'footer textarea'],
    // the wrapper PCE-Core matches (checked 2026-04)
    user: ['[class*="ChatMessage_rightSideMessageWrapper"]'],
    assistant: MESSAGE,
    ignore: IGNORE,
    // The bot's name in the chat header ("Claude-Sonnet-4.5", "GPT-5", or a custom bot).
    // 1st: same as PCE-Core (checked 2026-04); rest unverified
    modelLabel: [
      '[class*="BotHeader_textContainer"] p',
      '[class*="ChatHeader_botName"]',
      '[class*="BotInfoCardHeader_botName"]',
    ],
    // 1st: in an unattributed public adapter; 2nd unverified
    streaming: ['button[aria-label="Stop message"]', '[class*="ChatStopMessageButton"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/([\w-]+)/),
  listTurns(root) {
    const messages = queryAllFirst(root, MESSAGE);
    const outer = messages.filter((m) => !messages.some((o) => o !== m && o.contains(m)));
    return outer.map((el): TurnNode => ({
      el,
      role: el.querySelector(USER_BUBBLE) ? 'user' : 'assistant',
    }));
  },
  readTurn({ el }) {
    const body = queryFirst(el, TEXT) ?? el;
    return { text: readText(body, IGNORE.join(', ')).trim(), thinking: '' };
  },
  knownGaps: [
    'Poe bills in compute points: the cost shown is the API-equivalent of the bot’s model, not your points',
    'custom bots and names that do not name a model: pick one',
    'class names are matched by prefix (CSS-module hashes); selectors are unverified leads',
  ],
});
