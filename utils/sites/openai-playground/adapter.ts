import { pathId } from '../define';
import { definePlaygroundAdapter } from '../playground-define';
import type { SiteAdapter } from '../types';
import { site } from './site';

// OpenAI's playground: `platform.openai.com/chat/edit?models=<id>` since 2025 (saved prompts add
// `&prompt=pmpt_…&version=N`), the older `/playground/prompts?models=<id>` kept while it answers
// (links in OpenAI's docs, 2025–2026). No public code reads its page: every selector is a guess
// reconstructed from how the page is described (a system (developer) message above the thread, a
// composer under it, the model's API id in the picker, "Max tokens" in the settings). The one
// thing a source gives is the model's API id in the `models` query parameter.

/** An API model id as a URL carries it (`gpt-5-mini`, `ft:gpt-4.1:org::id`), nothing longer. */
const MODEL_ID = /^[\w.:/-]{1,100}$/;

/** The model's API id from the page's `?models=` (the first, when it lists several). */
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

const adapter = definePlaygroundAdapter({
  ...site,
  selectors: {
    // no public source: reconstructed fixture, unverified on the live page
    composer: [
      'textarea[placeholder^="Chat with your prompt"]',
      '[data-testid="playground-composer"] textarea',
      'textarea[aria-label="User message"]',
    ],
    // no public source: reconstructed fixture, unverified on the live page
    user: ['[data-testid="message-user"]', '[data-role="user"]'],
    // no public source: reconstructed fixture, unverified on the live page
    assistant: ['[data-testid="message-assistant"]', '[data-role="assistant"]'],
    // no public source: reconstructed fixture, unverified on the live page
    thinking: ['[data-testid="reasoning-summary"]'],
    // no public source: reconstructed fixture, unverified on the live page
    ignore: ['[data-testid="message-role"]', '[data-testid="message-actions"]'],
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
      '[data-testid="system-message"] textarea',
      '[data-testid="developer-message"] textarea',
      'textarea[placeholder^="Describe desired model behavior"]',
    ],
    // no public source: reconstructed fixture, unverified on the live page
    maxOutput: [
      'input[name="max_output_tokens"]',
      'input[name="max_tokens"]',
      'input[aria-label="Max tokens"]',
    ],
  },
  conversationId: (url) =>
    url.searchParams.get('prompt') ?? pathId(url, /\/playground\/prompts\/([\w-]+)/),
  knownGaps: [
    'every selector is a guess (no public code reads the page); the model id comes from the URL',
    'a model switched in the page without the URL following is read from the page, if at all',
    'tools, files and images attached to the prompt are not counted',
    'opened by in-app navigation from another platform page: reload to start counting',
  ],
});

export default {
  ...adapter,
  // The URL's `models` first (documented), then the page's picker (a guess).
  readModelLabel: (root: ParentNode) => modelFromUrl(root) ?? adapter.readModelLabel(root),
} satisfies SiteAdapter;
