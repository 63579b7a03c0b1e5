/**
 * "Count tokens in selection" on any page: the selection's token count and input cost on the
 * default model, shown in a small card on the page, with a button that opens the compare view
 * on that text. Permissions: `contextMenus` and `activeTab` only. A menu click grants this
 * extension the clicked tab for the moment, which is what lets it read the selection (with its
 * line breaks, which `selectionText` loses) and show the card; no standing host permission.
 * Where a page cannot be scripted (the browser's own pages, the PDF viewer, extension stores),
 * the compare view opens instead, with the text handed over in `storage.session`.
 */
import { browser, type Browser } from 'wxt/browser';
import { currencySettings, defaultModel } from '@/utils/storage';
import type { TokenCount, Usage } from '@/utils/core/types';
import type { Handlers, Sender } from '@/utils/messaging';
import { formatCostShort, formatUsdShort, localMoneyNote } from '@/components/overlay/format';
import type { PriceResult } from '@/utils/core/ratecard';
import { formatNumber, onLocaleChange, t } from '@/utils/i18n';
import { i18nReady } from '@/utils/i18n/browser';
import {
  pageSelection,
  showSelectionCard,
  type SelectionCard,
  type SelectionLabels,
} from './selection-card';

export type { SelectionCard } from './selection-card';
export { pageSelection, showSelectionCard } from './selection-card';

export const SELECTION_MENU_ID = 'tm-count-selection';
/** Longer selections are counted up to this many characters and say so. */
export const MAX_SELECTION_CHARS = 4_000_000;

/** The browser calls a click handler with these; the slice used here (tests pass fakes). */
export interface ContextMenuDeps {
  readSelection(tabId: number, frameId: number | undefined): Promise<string | null>;
  showCard(
    tabId: number,
    frameId: number | undefined,
    card: SelectionCard,
    text: string,
  ): Promise<void>;
}

type Handler = (data: unknown, sender: Sender) => unknown;

/** Call a handler of the merged background map in-process (a worker cannot message itself). */
async function call<T>(handlers: Handlers, type: string, data: unknown): Promise<T> {
  const handler = (handlers as Record<string, Handler | undefined>)[type];
  if (!handler) throw new Error(`${type} is not available`);
  return (await handler(data, { id: browser.runtime.id } as Sender)) as T;
}

/** Count and price a selection on the default model. Never throws: errors go in the card. */
export async function countSelection(handlers: Handlers, raw: string): Promise<SelectionCard> {
  const truncated = raw.length > MAX_SELECTION_CHARS;
  const text = truncated ? raw.slice(0, MAX_SELECTION_CHARS) : raw;
  const model = await defaultModel.getValue();
  const card: SelectionCard = {
    tokens: 0,
    provenance: 'unknown',
    costMicros: null,
    model,
    modelName: model,
    chars: text.length,
    truncated,
  };
  try {
    const { count } = await call<{ count: TokenCount }>(handlers, 'countTokens', { model, text });
    card.tokens = count.tokens;
    card.provenance = count.provenance;
  } catch (error) {
    card.error = t('menu.card.notCounted', {
      error: error instanceof Error ? error.message : String(error),
    });
    return card;
  }
  try {
    const usage: Usage = { input: card.tokens, output: 0 };
    const currency = (await currencySettings.getValue().catch(() => null))?.currency ?? 'USD';
    const price = await call<PriceResult>(handlers, 'priceUsage', {
      model,
      usage,
      currency: currency === 'USD' ? undefined : currency,
    });
    if (price.priced) {
      if (price.name) card.modelName = price.name;
      if (price.currency === 'USD') {
        card.costMicros = price.costMicros;
        const local = price.local;
        if (local) {
          card.local = {
            currency: local.currency,
            micros: local.costMicros,
            note: localMoneyNote({
              ...local,
              micros: local.costMicros,
              rate: local.rate ?? undefined,
            }),
          };
        } else if (price.localError) {
          card.localNote = t('overlay.money.noRate', { error: price.localError });
        }
      }
    }
  } catch {
    // the card is unavailable: shown as unpriced
  }
  card.labels = selectionLabels(card);
  return card;
}

/** The card's words in the UI's language (numbers through Intl). */
export function selectionLabels(card: SelectionCard): SelectionLabels {
  const n = formatNumber(card.tokens);
  const cost =
    card.costMicros === null
      ? t('common.unpriced')
      : card.local
        ? formatCostShort(card.costMicros, { ...card.local, basis: 'converted', source: '' })
        : formatUsdShort(card.costMicros);
  const moneyNote = card.local?.note ?? card.localNote;
  return {
    figures: t('menu.card.figures', {
      tokens: card.provenance === 'estimate' ? `≈${n}` : n,
      cost,
    }),
    sub:
      t('menu.card.sub', { model: card.modelName, chars: card.chars }) +
      (card.truncated ? t('menu.card.truncated') : '') +
      (card.provenance === 'estimate' ? t('menu.card.estimate') : '') +
      (moneyNote ? ` · ${moneyNote}` : ''),
    close: t('common.close'),
    compare: t('menu.card.compare'),
  };
}

/** The compare view on a text: the compare area's hand-off (text in storage.session). */
export function openCompareOn(
  handlers: Handlers,
  text: string,
  model: string,
  host: string | null,
): Promise<unknown> {
  return call(handlers, 'openCompare', {
    text,
    source: 'selection',
    outputRatio: null,
    currentModel: model,
    site: host,
  });
}

export function browserContextMenuDeps(): ContextMenuDeps {
  const target = (tabId: number, frameId: number | undefined) =>
    frameId !== undefined && frameId > 0 ? { tabId, frameIds: [frameId] } : { tabId };
  return {
    async readSelection(tabId, frameId) {
      const [result] = await browser.scripting.executeScript({
        target: target(tabId, frameId),
        func: pageSelection,
      });
      return typeof result?.result === 'string' ? result.result : null;
    },
    async showCard(tabId, frameId, card, text) {
      await browser.scripting.executeScript({
        target: target(tabId, frameId),
        func: showSelectionCard,
        args: [card, text],
      });
    },
  };
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname || null : null;
  } catch {
    return null;
  }
}

/** Handle one menu click: count, then show the card on the page, or open compare if we cannot. */
export async function onSelectionClick(
  handlers: Handlers,
  deps: ContextMenuDeps,
  info: { menuItemId: string | number; selectionText?: string; frameId?: number },
  tab: { id?: number; url?: string } | undefined,
): Promise<'card' | 'compare' | 'nothing'> {
  if (info.menuItemId !== SELECTION_MENU_ID) return 'nothing';
  let text: string | null = null;
  if (tab?.id !== undefined)
    text = await deps.readSelection(tab.id, info.frameId).catch(() => null);
  // Pages that cannot be scripted: the browser's own copy of the selection (line breaks lost).
  if (!text) text = info.selectionText ?? '';
  if (text.trim() === '') return 'nothing';
  const card = await countSelection(handlers, text);
  if (tab?.id !== undefined) {
    try {
      await deps.showCard(tab.id, info.frameId, card, text);
      return 'card';
    } catch {
      // not scriptable: fall through to the compare view
    }
  }
  await openCompareOn(handlers, text, card.model, hostOf(tab?.url)).catch(() => undefined);
  return 'compare';
}

/**
 * Create the menu (on install and at each browser start: Firefox does not keep menus of an
 * MV2 background page) and listen for clicks. `handlers` is the background's merged map.
 */
export function setupContextMenu(
  handlers: Handlers,
  deps: ContextMenuDeps = browserContextMenuDeps(),
): void {
  const menus = browser.contextMenus;
  if (!menus) return;
  const create = () => {
    // The title in the UI's language: wait for the language setting to be read.
    i18nReady()
      .then(() => menus.removeAll())
      .then(
        () =>
          menus.create({
            id: SELECTION_MENU_ID,
            title: t('menu.countSelection'),
            contexts: ['selection'],
          }),
        () => undefined,
      );
  };
  browser.runtime.onInstalled.addListener(create);
  browser.runtime.onStartup.addListener(create);
  // A language chosen in options: the menu follows without a restart.
  onLocaleChange(() => {
    Promise.resolve(menus.update(SELECTION_MENU_ID, { title: t('menu.countSelection') })).catch(
      () => undefined,
    );
  });
  menus.onClicked.addListener((info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    void onSelectionClick(handlers, deps, info, tab).catch((error: unknown) => {
      console.warn('[token-meter] selection count failed', error);
    });
  });
}
