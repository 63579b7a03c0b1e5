import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';

// MiniMax Agent: the conversation is a list of `.message.sent` (the user) and `.message.received`
// rows; one answer of the agent spans several received rows (its thinking, each tool step, its
// text). A row holding only a tool step (`.tool-name`) is the agent's UI, not the model's words:
// it is not a turn.
export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // 1st unverified (our first guess); 2nd: the bare `[contenteditable="true"]` a public
    // Puppeteer script of 2026 types into (repository not named by the search index); 3rd
    // unverified
    composer: ['.tiptap[contenteditable="true"]', '[contenteditable="true"]', 'textarea'],
    // 1st: same as the "MiniMax Dialogue Exporter" userscript (v3.2.1, Greasy Fork 559813); rest unverified
    user: ['.message.sent', '[data-role="user"]', '.user-message'],
    // 1st: the exporter's `.message.received`, without its tool-step rows; rest unverified
    assistant: [
      '.message.received:not(:has(.tool-name))',
      '[data-role="assistant"]',
      '.assistant-message',
    ],
    // 1st: where the exporter reads the thinking, inside `.think-container`; rest
    // unverified
    thinking: ['.think-container .relative.pl-5', '[data-type="thinking"]', '.thinking-content'],
    // 1st: the think block's header and duration ("Thought for 5s"), its body read above; 2nd:
    // tool steps (both the exporter's classes); rest unverified
    ignore: ['.think-container', '.tool-name', '[data-type="tool-call"]', '.message-actions'],
    // reconstructed fixture, unverified on the live page (no public source)
    modelLabel: ['[data-testid="model-switch"]', '.model-selector'],
    // reconstructed fixture, unverified on the live page (no public source)
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  // `/chat?id=<n>` (public links and the exporter); experts `/expert/chat/<n>`.
  conversationId: (url) => pathId(url, /\/chat\/([\w-]+)/) ?? url.searchParams.get('id'),
  knownGaps: [
    'the agent’s tool calls, web pages and files are read server-side: only visible text is counted (input undercounted)',
    'the model label and streaming selectors are unverified (no public source)',
  ],
});
