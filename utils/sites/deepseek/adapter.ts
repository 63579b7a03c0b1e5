import { defineAdapter, pathId, queryAllFirst, readText } from '../define';
import type { TurnNode } from '../types';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

// DeepSeek's class names are hashed and change often (public userscripts of mid-2026 say so):
// rely on the few stable `ds-*` names and on structure. A message is a `.ds-message`; it is the
// assistant's when it holds the assistant content block.
// reconstructed fixture, unverified on the live page
const MESSAGE = ['.ds-message', '[class*="ds-message"]'];
// 1st: public userscripts (mid-2026); 2nd unverified
const ASSISTANT_CONTENT = '.ds-assistant-message-main-content, .ds-markdown';
// reconstructed fixture, unverified on the live page
const THINKING = '.ds-think-content, [class*="ds-think"]';

const adapter = defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 3rd: public userscripts (mid-2026); rest unverified
    composer: ['textarea#chat-input', 'textarea[placeholder]', 'textarea'],
    user: MESSAGE,
    // as public userscripts had it (mid-2026), unverified since
    assistant: ['.ds-assistant-message-main-content'],
    // reconstructed fixture, unverified on the live page
    thinking: ['.ds-think-content', '[class*="ds-think"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['[role="button"]'],
    // none in the page, as public userscripts (mid-2026) found
    modelLabel: [],
    // reconstructed fixture, unverified on the live page
    streaming: ['[data-streaming="true"]', 'div[role="button"][aria-label="Stop"]'],
  },
  conversationId: (url) => pathId(url, /\/chat\/s\/([0-9A-Za-z-]+)/),
  usageStream,
  listTurns(root) {
    const messages = queryAllFirst(root, MESSAGE);
    if (messages.length > 0) {
      const outer = messages.filter((m) => !messages.some((o) => o !== m && o.contains(m)));
      return outer.map((el): TurnNode => ({
        el,
        role: el.querySelector(ASSISTANT_CONTENT) ? 'assistant' : 'user',
      }));
    }
    // Fallback when `.ds-message` is renamed: replies only (user turns then come from the
    // stream's exact usage or are missing, which the badge reports as partial).
    return Array.from(root.querySelectorAll('.ds-assistant-message-main-content')).map((el) => ({
      el,
      role: 'assistant',
    }));
  },
  readTurn({ el, role }) {
    if (role === 'user') return { text: readText(el).trim(), thinking: '' };
    const thinking = Array.from(el.querySelectorAll('.ds-think-content'))
      .map((t) => readText(t).trim())
      .join('\n');
    // Not `.ds-markdown` first: the thinking block holds one too.
    const main = el.querySelector('.ds-assistant-message-main-content') ?? el;
    return { text: readText(main, THINKING).trim(), thinking };
  },
  readModelLabel(root) {
    // No model label in the DOM: the "DeepThink" toggle selects the reasoner. Its selected state
    // is a modifier class or aria-pressed.
    const toggles = Array.from(root.querySelectorAll('[role="button"], button'));
    const deepThink = toggles.find((b) => /DeepThink|深度思考/.test(b.textContent ?? ''));
    if (!deepThink) return null;
    const on =
      deepThink.getAttribute('aria-pressed') === 'true' ||
      /--selected|is-active/.test(deepThink.className);
    return on ? 'DeepThink' : 'DeepSeek';
  },
  knownGaps: [
    "no model label in the page: the DeepThink toggle and the stream's model_type decide it",
    'hashed class names: user turns rely on `.ds-message`',
  ],
});

export default adapter;
