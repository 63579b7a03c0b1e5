/**
 * The compare view's background side: rows priced on the card in use with the user's custom
 * prices (the same card and overrides `priceUsage` answers with), and opening a compare tab on a
 * text handed over by the overlay. Counting is the tokenizer host's (`countTokens`, one message
 * per family, so the page fills in family by family).
 */
import { browser } from 'wxt/browser';
import { buildRows, familiesOf, resolveDefaultModels } from '@/utils/core/compare';
import { tokenizerForModel } from '@/utils/core/tokenize';
import type { Handlers } from '@/utils/messaging';
import { getCard, getRatesInUse } from '@/utils/background/ratecard';
import { getValidOverrides } from '@/utils/storage/validated';
import { compareHandoffs, HANDOFF_TTL_MS, type CompareHandoff } from '@/utils/storage';

/** Texts larger than this are refused with a message (a 4 MB prompt is already ~1M tokens). */
export const MAX_HANDOFF_CHARS = 4_000_000;

export const compareHandlers: Handlers<'getCompareRows' | 'openCompare'> = {
  getCompareRows: async ({ models, withDefaults, counts, output, currentModel, currency }) => {
    const card = await getCard();
    const defaults = resolveDefaultModels(card);
    const list = withDefaults ? [...defaults.ids, ...models] : [...models];
    const rows = buildRows({
      card,
      models: list,
      counts,
      output,
      currentModel,
      priceOptions: {
        overrides: await getValidOverrides(),
        // The user's currency: each priced row also carries `local` (list price or converted).
        ...(currency && currency !== 'USD' ? { currency, rates: await getRatesInUse() } : {}),
      },
    });
    const all = currentModel ? [...list, currentModel] : list;
    return {
      rows,
      families: [...familiesOf(card, all).values()].map(({ familyId, model }) => ({
        family: familyId,
        label: tokenizerForModel(model).family.label,
        model,
      })),
      missingDefaults: withDefaults ? defaults.missing : [],
      card: { version: card.version, createdAt: card.createdAt },
    };
  },
  openCompare: async (handoff) => {
    if (typeof handoff.text !== 'string') throw new Error('Nothing to compare: no text');
    if (handoff.text.length > MAX_HANDOFF_CHARS) {
      throw new Error(
        `Text too long to compare (${handoff.text.length.toLocaleString('en-US')} characters)`,
      );
    }
    const now = Date.now();
    const id = crypto.randomUUID();
    const kept = Object.fromEntries(
      Object.entries(await compareHandoffs.getValue()).filter(
        ([, h]) => now - h.at < HANDOFF_TTL_MS,
      ),
    );
    const entry: CompareHandoff = { ...handoff, at: now };
    await compareHandoffs.setValue({ ...kept, [id]: entry });
    await browser.tabs.create({ url: compareUrl(id) });
    return { opened: true };
  },
};

/** The compare page, with the id of a hand-off (never the text) in its query. */
export function compareUrl(handoffId?: string): string {
  const base = (browser.runtime.getURL as (path: string) => string)('/compare.html');
  return handoffId ? `${base}?handoff=${encodeURIComponent(handoffId)}` : base;
}

export function setupCompare(): typeof compareHandlers {
  return compareHandlers;
}
