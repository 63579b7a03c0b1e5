import { pathId, queryFirst, readText } from '../define';
import { definePlaygroundAdapter } from '../playground-define';
import type { SiteTokens } from '../types';
import { site } from './site';
import { usageStream } from './stream';

// Google AI Studio: Angular custom elements (`ms-*`), which change less often than class names.
// The run settings panel shows the model's API id under its name and "Output length".

// Google's own count of the prompt, shown by the composer.
// same as CodeWebChat (checked 2026-08)
const TOKEN_COUNT = ['span.v3-token-count-value'];

/**
 * Google's count of the prompt as the page shows it ("1,234", "1,234 / 1,048,576"): the first
 * whole number. A shortened figure ("1.2K") is not an exact count: null.
 */
export function readGoogleTokens(root: ParentNode): SiteTokens | null {
  const el = queryFirst(root, TOKEN_COUNT);
  if (!el) return null;
  const m = /^\s*(\d[\d,\u202f ]*\d|\d)(.*)$/s.exec(readText(el));
  // "1.2K", "12.5万", "1.234": shortened or ambiguous, not an exact count.
  if (!m || /^\s*(?:[.,]\d|[kKmM万])/.test(m[2])) return null;
  const tokens = Number(m[1].replace(/[,\s\u202f]/g, ''));
  return Number.isSafeInteger(tokens) ? { tokens, by: 'Google', of: 'prompt' } : null;
}

export default definePlaygroundAdapter({
  ...site,
  usageStream,
  selectors: {
    // 1st: same as CodeWebChat (checked 2026-08); 2nd and 3rd: MCP-SuperAssistant's and
    // PCE-Core's (checked 2026-01 and 2026-05); rest unverified (our first guesses)
    composer: [
      'textarea[formcontrolname="promptText"]',
      'textarea[aria-label="Enter a prompt"]',
      '.prompt-box-container textarea.textarea',
      'ms-prompt-input-wrapper textarea',
      'ms-chunk-input textarea',
      'footer textarea',
    ],
    // what PCE-Core and ChatClub read (checked 2026-08)
    user: ['ms-chat-turn .chat-turn-container.user', 'ms-chat-turn[data-turn-role="User"]'],
    // what PCE-Core and ChatClub read (checked 2026-08)
    assistant: ['ms-chat-turn .chat-turn-container.model', 'ms-chat-turn[data-turn-role="Model"]'],
    // 1st: same as PCE-Core and ChatClub (checked 2026-08); 2nd unverified
    thinking: ['ms-thought-chunk', '.thought-container'],
    // same as PCE-Core (checked 2026-05)
    ignore: [
      '.author-label',
      '.actions-container',
      'ms-chat-turn-options',
      '.turn-footer',
      '.model-run-time',
    ],
    // The card shows the model's name and, under it, its API id: either prices (the card's
    // resolver reads "Gemini 2.5 Pro" and "gemini-2.5-pro" alike); the id first.
    // 1st to 3rd: PCE-Core's (checked 2026-05); 4th: CodeWebChat's (checked 2026-08); rest
    // unverified (our first guesses)
    modelLabel: [
      '[data-test-id="model-name"]',
      'ms-model-selector .subtitle',
      'button.model-selector-card',
      'ms-model-selector [data-model-id]',
      'ms-model-selector .model-id',
    ],
    // 1st: PCE-Core's (checked 2026-05); rest unverified
    streaming: [
      'ms-run-button button[aria-label*="Stop" i]',
      'button[aria-label*="Stop" i]',
      'button[aria-label="Stop generating"]',
    ],
  },
  playground: {
    // in the element CodeWebChat opens (checked 2026-08); the textarea unverified
    system: ['ms-system-instructions textarea', 'textarea[aria-label="System instructions"]'],
    // in the panel CodeWebChat uses (checked 2026-08); the input unverified
    maxOutput: [
      'ms-run-settings input[aria-label="Maximum output tokens"]',
      'input[aria-label="Output length"]',
    ],
  },
  readSiteTokens: readGoogleTokens,
  conversationId: (url) => {
    const id = pathId(url, /\/prompts\/([\w-]+)/);
    return id === 'new_chat' ? null : id;
  },
  knownGaps: [
    'the max-output input and the system prompt textarea are unverified (the panels they sit in are not)',
    'uploaded files, images and video are not counted',
    'thinking budget is not read: reasoning counts only when the thoughts are shown',
  ],
});
