import { defineAdapter, pathId } from '../define';
import { MODELS } from './models';
import { site } from './site';
import { usageStream } from './stream';

// Xiaomi MiMo's chat studio (aistudio.xiaomimimo.com). No public source shows its page layout:
// every selector is our guess. Its address is known (hash routing, `/#/c…`, 2026 references).

/** A conversation id: 32 hex digits (the studio's API and public bridges, 2026-01). */
const HEX_ID = /(?:^|[/=?&])([0-9a-f]{32})(?=$|[/?&#])/i;

/**
 * The conversation id from the URL: the studio routes in the fragment (`/#/c/<id>`, or the id as
 * a query inside it); a path or query id is read too, in case it moves.
 */
export function mimoConversationId(url: URL): string | null {
  const inHash = HEX_ID.exec(url.hash.replace(/^#/, ''));
  if (inHash) return inHash[1].toLowerCase();
  return pathId(url, /\/chat\/([\w-]+)/) ?? url.searchParams.get('id');
}

export default defineAdapter({
  ...site,
  models: MODELS,
  selectors: {
    // no public source: reconstructed fixture, unverified on the live page
    composer: ['textarea[placeholder]', '[contenteditable="true"][role="textbox"]', 'textarea'],
    // no public source: reconstructed fixture, unverified on the live page
    user: ['[data-role="user"]', '.message-user'],
    // no public source: reconstructed fixture, unverified on the live page
    assistant: ['[data-role="assistant"]', '.message-assistant'],
    // no public source: reconstructed fixture, unverified on the live page
    thinking: ['.think-content', '[data-type="reasoning"]'],
    // no public source: reconstructed fixture, unverified on the live page
    ignore: ['.message-actions', '.message-toolbar'],
    // no public source: reconstructed fixture, unverified on the live page
    modelLabel: ['[data-testid="model-select"]', '.model-select'],
    // no public source: reconstructed fixture, unverified on the live page
    streaming: ['[data-testid="stop-button"]', 'button[aria-label="Stop"]'],
  },
  conversationId: mimoConversationId,
  usageStream,
  knownGaps: ['no public source shows its page layout: every selector is a guess'],
});
