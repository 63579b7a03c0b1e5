// @vitest-environment happy-dom
// "Count tokens in selection": counted and priced on the default model through the background's
// own handlers, shown in a card on the page, or handed to the compare view where a page cannot
// be scripted. Unknown models are unpriced (never $0); a failing engine says so.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { currencySettings, defaultModel } from '@/utils/storage';
import {
  countSelection,
  MAX_SELECTION_CHARS,
  onSelectionClick,
  pageSelection,
  SELECTION_MENU_ID,
  showSelectionCard,
  type ContextMenuDeps,
  type SelectionCard,
} from '@/utils/background/context-menu';
import type { Handlers } from '@/utils/messaging';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function fakeHandlers(options: { known?: string[]; noEngine?: boolean } = {}) {
  const known = options.known ?? ['openai/gpt-5'];
  const compared: unknown[] = [];
  const handlers = {
    ...(options.noEngine
      ? {}
      : {
          countTokens: async ({ text }: { text: string }) => ({
            count: { tokens: words(text), provenance: 'exact', family: 'fake' },
          }),
        }),
    priceUsage: async ({
      model,
      usage,
      currency,
    }: {
      model: string;
      usage: { input: number };
      currency?: string;
    }) =>
      known.includes(model)
        ? {
            priced: true,
            model,
            name: 'GPT-5',
            currency: 'USD',
            costMicros: usage.input * 1250,
            // The background's answer in another currency: converted at a dated rate, or no rate.
            ...(currency === 'EUR'
              ? {
                  local: {
                    currency: 'EUR',
                    costMicros: usage.input * 1000,
                    basis: 'converted',
                    rate: { currency: 'EUR', perUsd: 0.8, date: '2026-11-20', source: 'synced' },
                    source: '0.8 EUR/USD on 2026-11-20 (synced)',
                  },
                }
              : currency
                ? { localError: `no exchange rate for ${currency}` }
                : {}),
          }
        : { priced: false, model, reason: 'unknown model' },
    openCompare: async (handoff: unknown) => {
      compared.push(handoff);
      return { opened: true };
    },
  } as unknown as Handlers;
  return { handlers, compared };
}

function fakeDeps(options: { selection?: string | null; scriptable?: boolean } = {}) {
  const shown: { card: SelectionCard; text: string }[] = [];
  const deps: ContextMenuDeps = {
    async readSelection() {
      if (options.scriptable === false) throw new Error('Cannot access a chrome:// URL');
      return options.selection ?? null;
    },
    async showCard(_tab, _frame, card, text) {
      if (options.scriptable === false) throw new Error('Cannot access a chrome:// URL');
      shown.push({ card, text });
    },
  };
  return { deps, shown };
}

const click = (selectionText?: string) => ({ menuItemId: SELECTION_MENU_ID, selectionText });

beforeEach(() => fakeBrowser.reset());

describe('counting a selection', () => {
  it('shows the cost in the user currency with its rate, or says why it is in USD', async () => {
    const { handlers } = fakeHandlers();
    await currencySettings.setValue({ currency: 'EUR', rates: {} });
    const card = await countSelection(handlers, 'four words right here');
    expect(card.costMicros).toBe(4 * 1250);
    expect(card.local).toMatchObject({ currency: 'EUR', micros: 4000 });
    expect(card.labels!.figures).toContain('€0.004');
    expect(card.labels!.sub).toContain('converted at 0.8 EUR/USD on 2026-11-20');
    await currencySettings.setValue({ currency: 'XAF', rates: {} });
    const usd = await countSelection(handlers, 'four words right here');
    expect(usd.local).toBeUndefined();
    expect(usd.labels!.figures).toContain('$0.005');
    expect(usd.labels!.sub).toContain('no exchange rate for XAF: shown in USD');
  });

  it('counts and prices on the default model', async () => {
    const { handlers } = fakeHandlers();
    const card = await countSelection(handlers, 'four words right here');
    expect(card).toMatchObject({
      tokens: 4,
      provenance: 'exact',
      costMicros: 4 * 1250,
      model: 'openai/gpt-5',
      modelName: 'GPT-5',
      chars: 21,
      truncated: false,
    });
  });

  it('a default model the card does not know is unpriced, not $0', async () => {
    await defaultModel.setValue('someone/new-model');
    const { handlers } = fakeHandlers();
    const card = await countSelection(handlers, 'a b c');
    expect(card).toMatchObject({ tokens: 3, costMicros: null, model: 'someone/new-model' });
  });

  it('an engine that is not there is named, not shown as 0 tokens', async () => {
    const { handlers } = fakeHandlers({ noEngine: true });
    const card = await countSelection(handlers, 'a b c');
    expect(card.error).toMatch(/not counted: countTokens is not available/);
    expect(card.provenance).toBe('unknown');
  });

  it('counts a huge selection up to the limit and says so', async () => {
    const { handlers } = fakeHandlers();
    const card = await countSelection(handlers, 'x '.repeat(MAX_SELECTION_CHARS));
    expect(card.truncated).toBe(true);
    expect(card.chars).toBe(MAX_SELECTION_CHARS);
  });
});

describe('a menu click', () => {
  it("prefers the page's selection (line breaks kept) and shows the card", async () => {
    const { handlers } = fakeHandlers();
    const { deps, shown } = fakeDeps({ selection: 'line one\nline two' });
    const result = await onSelectionClick(handlers, deps, click('line one line two'), { id: 3 });
    expect(result).toBe('card');
    expect(shown[0].text).toBe('line one\nline two');
    expect(shown[0].card.tokens).toBe(4);
  });

  it('a page that cannot be scripted opens compare with the text, via the hand-off', async () => {
    const { handlers, compared } = fakeHandlers();
    const { deps } = fakeDeps({ scriptable: false });
    const result = await onSelectionClick(handlers, deps, click('some selected text'), {
      id: 3,
      url: 'https://chromewebstore.google.com/detail/x',
    });
    expect(result).toBe('compare');
    expect(compared).toEqual([
      expect.objectContaining({
        text: 'some selected text',
        currentModel: 'openai/gpt-5',
        site: 'chromewebstore.google.com',
      }),
    ]);
  });

  it('ignores other menu items and empty selections', async () => {
    const { handlers } = fakeHandlers();
    const { deps, shown } = fakeDeps({ selection: '   ' });
    expect(await onSelectionClick(handlers, deps, { menuItemId: 'other' }, { id: 1 })).toBe(
      'nothing',
    );
    expect(await onSelectionClick(handlers, deps, click('  '), { id: 1 })).toBe('nothing');
    expect(shown).toEqual([]);
  });
});

describe('the injected page functions', () => {
  it('reads a selection inside a textarea', () => {
    document.body.innerHTML = '<textarea id="t">hello brave new world</textarea>';
    const area = document.getElementById('t') as HTMLTextAreaElement;
    area.focus();
    area.setSelectionRange(6, 15);
    expect(pageSelection()).toBe('brave new');
  });

  it('shows the figures in a shadow-root card, and one card at a time', () => {
    document.body.innerHTML = '<p>text</p>';
    const card: SelectionCard = {
      tokens: 1234,
      provenance: 'exact',
      costMicros: 1_542_500,
      model: 'openai/gpt-5',
      modelName: 'GPT-5',
      chars: 5000,
      truncated: false,
    };
    showSelectionCard(card, 'text');
    showSelectionCard({ ...card, costMicros: null }, 'text');
    const hosts = document.querySelectorAll('token-meter-selection');
    expect(hosts).toHaveLength(1);
    const box = hosts[0].shadowRoot!.querySelector<HTMLElement>(
      '[data-testid="tm-selection-card"]',
    )!;
    expect(box.getAttribute('data-tokens')).toBe('1234');
    expect(box.getAttribute('data-micros')).toBe('');
    expect(box.getAttribute('data-model')).toBe('openai/gpt-5');
    expect(box.textContent).toContain('1,234 tokens · unpriced');
    expect(box.textContent).toContain('as input to GPT-5 · 5,000 characters');
    // The page's own queries cannot see inside.
    expect(document.querySelector('[data-testid="tm-selection-card"]')).toBeNull();
  });
});
