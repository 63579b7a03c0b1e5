import { defineAdapter, queryFirst } from '../define';
import { site } from './site';

// OpenRouter's Chatroom. Its model chips link to the model's page (`/anthropic/claude-sonnet-4.5`),
// so the label read here is OpenRouter's own API id, priced on the rate card at OpenRouter's
// offer without an alias table.
// reconstructed fixture, unverified (CodeWebChat picks the model by `?models=`, 2026-08)
const MODEL_CHIP = [
  '[data-testid="model-chip"]',
  '[data-model-id]',
  'button[aria-label^="Model:"]',
];
const MODEL_ID = /^[a-z0-9][\w.-]*\/[\w.:-]+$/i;

/** The API id a model chip names: `data-model-id`, else the path of its link to the model page. */
export function readModelId(chip: Element): string | null {
  const attr = chip.getAttribute('data-model-id')?.trim();
  if (attr && MODEL_ID.test(attr)) return attr;
  const link = chip.matches('a[href]') ? chip : chip.querySelector('a[href]');
  const href = link?.getAttribute('href') ?? '';
  const path = href.replace(/^https:\/\/openrouter\.ai/, '').replace(/^\/|[?#].*$/g, '');
  return MODEL_ID.test(path) ? path : null;
}

/**
 * The model from the page's `?models=<api id>` (how CodeWebChat opens a chat on a model,
 * 2026-08): the first, when it lists several; used when no chip names one.
 */
export function modelFromUrl(root: ParentNode): string | null {
  const doc = (root as Node).nodeType === 9 ? (root as Document) : (root as Node).ownerDocument;
  let url: URL;
  try {
    url = new URL(doc?.URL ?? '');
  } catch {
    return null;
  }
  const first = url.searchParams.get('models')?.split(',')[0]?.trim() ?? '';
  return MODEL_ID.test(first) ? first : null;
}

export default defineAdapter({
  ...site,
  selectors: {
    // 1st and 2nd: same as MCP-SuperAssistant (checked 2026-01); rest unverified (our first
    // guesses; CodeWebChat types into a plain `textarea`, 2026-08)
    composer: [
      'textarea[data-testid="composer-input"]',
      'textarea[placeholder="Start a new message..."]',
      'textarea[placeholder^="Start a message"]',
      'form textarea',
      'main textarea',
    ],
    // reconstructed fixture, unverified on the live page
    user: ['[data-testid="user-message"]', '[data-role="user"]'],
    // 1st: same as CodeWebChat (checked 2026-08); 2nd unverified
    assistant: ['[data-testid="assistant-message"]', '[data-role="assistant"]'],
    // reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="reasoning"]', '[data-role="reasoning"]'],
    // reconstructed fixture, unverified on the live page
    ignore: ['[data-testid="message-actions"]', '[data-testid="message-meta"]'],
    modelLabel: MODEL_CHIP,
    // 1st and 2nd unverified; 3rd: the spinner CodeWebChat waits on (checked 2026-08), last
    // because a spinner may mean other loading too
    streaming: ['button[aria-label="Stop"]', '[data-testid="stop-button"]', '.animate-spin'],
  },
  // Rooms live in the browser's storage; the URL carries the room id.
  conversationId: (url) => url.searchParams.get('room'),
  readModelLabel(root) {
    const chip = queryFirst(root, MODEL_CHIP);
    return (chip ? readModelId(chip) : null) ?? modelFromUrl(root);
  },
  pricing: { modelLabel: 'api-id', offer: 'openrouter' },
  knownGaps: [
    'a room with several models: only the first model is priced',
    'user, reasoning and model-chip selectors are unverified leads (no public source)',
  ],
});
