// The one site-test harness, for chat sites and API playgrounds alike. Each site's test
// (`utils/sites/<id>/__tests__/<id>.test.ts`) calls `describeSite(expected)` with what its
// reconstructed fixtures hold, then adds its own cases. It checks the adapter over its three
// fixture pages (turns, model and price, draft, streaming state, a playground's system prompt
// and max-output setting), its URLs, its model-label table, and the same pages made hostile
// (random Unicode, thousands of turns, a 5 MB draft). Needs `@vitest-environment happy-dom`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getBundledCard, resolveModelId } from '@/utils/core/ratecard';
import { getAdapter, resolveSiteModel, type SiteAdapter } from '@/utils/sites';
import { readFixture, type SiteExpectation } from './expectations';

export * from './expectations';

/** Parse a fixture into a happy-dom Document (readers take a root, so no live page is needed). */
export function parseFixture(site: string, name: string): Document {
  return new DOMParser().parseFromString(readFixture(site, name), 'text/html');
}

/** The model a label prices as: API ids go to the card's resolver as is, labels to the alias table. */
export function pricedModel(site: string, label: string | null): string | null {
  const adapter = getAdapter(site)!;
  if (!label) return null;
  if (adapter.pricing?.modelLabel === 'api-id') return resolveModelId(getBundledCard(), label);
  return resolveSiteModel(site, label)?.model ?? null;
}

/** Pages whose markup no adapter knows: every reader must come back empty, never guess. */
const FOREIGN_PAGES = [
  '<main><div class="renamed"><p>hi</p></div></main>',
  '<main><div class="renamed">hi</div></main>',
  '<main><p>hi</p></main>',
];

export function describeSite(expected: SiteExpectation) {
  const { site, conversation, streaming } = expected;
  const adapter = getAdapter(site)!;
  const isPlayground = conversation.maxOutput !== undefined;

  describe(`${site} adapter`, () => {
    it('is registered', () => {
      expect(adapter).not.toBeNull();
    });

    it('reads the turns in order, with shown thinking apart from the text', () => {
      const turns = adapter.readTurns(parseFixture(site, 'conversation.html'));
      expect(turns.map((t) => t.role)).toEqual(conversation.turns.map((t) => t.role));
      conversation.turns.forEach((want, i) => {
        if (want.text !== undefined) {
          expect(turns[i].text).toBe(want.text);
          expect(turns[i].thinking).toBe(want.thinking ?? '');
          return;
        }
        expect(turns[i].text).toContain(want.includes);
        if (want.thinking) expect(turns[i].thinking).toContain(want.thinking);
        else expect(turns[i].thinking).toBe('');
      });
      for (const text of conversation.excluded) {
        for (const turn of turns) expect(turn.text).not.toContain(text);
      }
    });

    it('reads the model and prices it on a rate-card id', () => {
      expect(adapter.pricing).toEqual(expected.pricing);
      const doc = parseFixture(site, 'conversation.html');
      expect(adapter.readModelLabel(doc)).toBe(conversation.label);
      expect(pricedModel(site, conversation.label)).toBe(conversation.model);
      expect(adapter.isStreaming(doc)).toBe(false);
      expect(adapter.readDraft(doc)).toBe('');
      if (isPlayground) expect(adapter.readOutputAssumption?.(doc)).toBe(conversation.maxOutput);
      else expect(adapter.readOutputAssumption).toBeUndefined();
      expect(adapter.readSiteTokens?.(doc)?.tokens).toBe(conversation.siteTokens);
    });

    it('sees a reply streaming (dark page), its model and the draft in the composer', () => {
      const doc = parseFixture(site, 'streaming.html');
      const turns = adapter.readTurns(doc);
      if (streaming.roles) expect(turns.map((t) => t.role)).toEqual(streaming.roles);
      expect(turns.at(-1)?.role).toBe('assistant');
      expect(turns.at(-1)?.text.length).toBeGreaterThan(0);
      expect(adapter.isStreaming(doc)).toBe(true);
      expect(adapter.readModelLabel(doc)).toBe(streaming.label);
      expect(pricedModel(site, streaming.label)).toBe(streaming.model);
      if (isPlayground) expect(adapter.readOutputAssumption?.(doc)).toBe(streaming.maxOutput);
      expect(adapter.readDraft(doc)).toBe(streaming.draft);
    });

    it('reads an empty page: composer present, no turns (an empty system prompt is none)', () => {
      const doc = parseFixture(site, 'empty.html');
      expect(adapter.findComposer(doc)).not.toBeNull();
      expect(adapter.readDraft(doc)).toBe('');
      expect(adapter.readTurns(doc)).toEqual([]);
      expect(adapter.readModelLabel(doc)).toBe(expected.empty?.label ?? null);
      if (isPlayground) expect(adapter.readOutputAssumption?.(doc)).toBeNull();
      expect(adapter.isStreaming(doc)).toBe(false);
    });

    it('takes the conversation id from its URL, null on a new chat', () => {
      expect(adapter.conversationId(new URL(expected.urls.conversation))).toBe(expected.urls.id);
      expect(adapter.conversationId(new URL(expected.urls.newChat))).toBeNull();
    });

    it('reads nothing on a page whose markup it does not know (never a guess)', () => {
      for (const html of FOREIGN_PAGES) {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        expect(adapter.readTurns(doc), html).toEqual([]);
        expect(adapter.readDraft(doc), html).toBeNull();
        expect(adapter.readModelLabel(doc), html).toBeNull();
        expect(adapter.readOutputAssumption?.(doc) ?? null, html).toBeNull();
      }
    });

    it('names what is known not to work', () => {
      expect(adapter.knownGaps.length).toBeGreaterThan(0);
    });

    if (expected.pricing?.modelLabel === 'api-id') {
      it('prices API ids as shown: a site alias table would not be consulted (it has none)', () => {
        expect(adapter.models).toEqual([]);
        expect(resolveSiteModel(site, 'thinking')).toBeNull();
      });
    }

    if (expected.labels?.length) {
      it.each(expected.labels)('resolves "%s" → %s', (label, model) => {
        expect(resolveSiteModel(site, label)?.model).toBe(model);
      });
    }

    if (adapter.models.length > 0) {
      const card = getBundledCard();
      it.each(adapter.models.map(([label, id]) => [label, id]))(
        'its label "%s" → %s is a canonical id of the bundled card',
        (_, id) => {
          expect(resolveModelId(card, id)).toBe(id);
        },
      );
    }
  });

  describeHostilePages(adapter);
}

// Hostile input: the site's fixture page with random Unicode written into a turn and into the
// composer, and pages made huge (thousands of turns, a turn nested thousands of elements deep, a
// 5 MB draft). No reader throws, and the text put on the page is the text read back: nothing
// lost, nothing invented.

export const ADAPTER_RUNS = 60;

/** Unicode a chat can hold: any code point (lone surrogates too), RTL, zero-width, NUL. */
const chatText = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.constantFrom('\u202e\u200f שלום', '\u200d👩\u200d💻', '\u0000a\u0000', '中文 token ✓'),
  )
  // The readers join block elements with newlines and trim them at the ends; a draft or turn
  // that is only whitespace is nothing to read.
  .map((s) => s.replace(/[\r\n]/g, ' '))
  .filter((s) => s.trim().length > 0);

function readAll(adapter: SiteAdapter, doc: Document) {
  return {
    turns: adapter.readTurns(doc),
    draft: adapter.readDraft(doc),
    label: adapter.readModelLabel(doc),
    streaming: adapter.isStreaming(doc),
    output: adapter.readOutputAssumption?.(doc) ?? null,
  };
}

/** The first text leaf of a turn whose text the adapter reads as part of the turn. */
function writableLeaf(adapter: SiteAdapter, doc: Document, index: number): Element | null {
  const node = adapter.listTurns(doc)[index];
  const before = adapter.readTurn(node).text;
  const leaves = [node.el, ...Array.from(node.el.querySelectorAll('*'))].filter(
    (e) => e.children.length === 0 && (e.textContent ?? '').trim().length > 2,
  );
  return leaves.find((e) => before.includes((e.textContent ?? '').trim())) ?? null;
}

function describeHostilePages(adapter: SiteAdapter) {
  describe(`${adapter.id} adapter, hostile page`, () => {
    it(`reads random Unicode back from a turn and the composer (${ADAPTER_RUNS} pages)`, () => {
      let turnsWritten = 0;
      let draftsWritten = 0;
      fc.assert(
        fc.property(chatText, chatText, fc.nat(), (turnText, draftText, pick) => {
          const doc = parseFixture(adapter.id, 'conversation.html');
          const nodes = adapter.listTurns(doc);
          expect(nodes.length).toBeGreaterThan(0);
          const index = pick % nodes.length;
          const leaf = writableLeaf(adapter, doc, index);
          if (leaf) leaf.textContent = turnText;
          const composer = adapter.findComposer(doc);
          if (composer instanceof HTMLTextAreaElement || composer instanceof HTMLInputElement)
            composer.value = draftText;
          else if (composer) composer.textContent = draftText;
          const read = readAll(adapter, doc);
          expect(read.turns).toHaveLength(nodes.length);
          if (leaf) {
            turnsWritten++;
            expect(read.turns[index].text).toContain(turnText.trim());
          }
          if (composer) {
            draftsWritten++;
            expect(read.draft).toContain(draftText.trim());
          }
        }),
        { numRuns: ADAPTER_RUNS, seed: 5 },
      );
      // Most turns have a text leaf to write (a system prompt field may not); every page a composer.
      expect(turnsWritten).toBeGreaterThan(ADAPTER_RUNS / 3);
      expect(draftsWritten).toBe(ADAPTER_RUNS);
    });

    it('survives a huge page: 2,000 more turns, a turn 1,000 elements deep, a 5 MB draft', () => {
      const doc = parseFixture(adapter.id, 'conversation.html');
      const nodes = adapter.listTurns(doc);
      const last = nodes[nodes.length - 1].el;
      const leaf = writableLeaf(adapter, doc, nodes.length - 1);
      // 1,000 exchanges more, cloned from the last two turns (the same markup as the site's),
      // before one is made deep (happy-dom's own cloneNode recurses).
      const pair = nodes.slice(-2).map((n) => n.el);
      const fragment = doc.createDocumentFragment();
      for (let i = 0; i < 1_000; i++)
        for (const el of pair) fragment.appendChild(el.cloneNode(true));
      last.parentNode!.insertBefore(fragment, last.nextSibling);
      // A turn nested 1,000 elements deep (an iterative reader does not overflow the stack;
      // happy-dom's own querySelector recurses, so deeper pages are left to Chromium).
      if (leaf) {
        let inner: Element = leaf;
        leaf.textContent = '';
        for (let i = 0; i < 1_000; i++) inner = inner.appendChild(doc.createElement('span'));
        inner.textContent = 'deepest words';
      }
      const composer = adapter.findComposer(doc);
      const paste = 'paste '.repeat(900_000); // 5.4 MB
      if (composer instanceof HTMLTextAreaElement) composer.value = paste;
      else if (composer) composer.textContent = paste;

      const read = readAll(adapter, doc);
      // Chat sites list each cloned turn; a playground lists its own form fields, not clones.
      const twin = parseFixture(adapter.id, 'conversation.html');
      const twinNodes = adapter.listTurns(twin);
      const twinLast = twinNodes[twinNodes.length - 1].el;
      for (const n of twinNodes.slice(-2).reverse())
        twinLast.parentNode!.insertBefore(n.el.cloneNode(true), twinLast.nextSibling);
      const listsClones = adapter.listTurns(twin).length === twinNodes.length + 2;
      if (listsClones) expect(read.turns).toHaveLength(nodes.length + 2_000);
      else expect(read.turns.length).toBeGreaterThanOrEqual(nodes.length);
      if (leaf) expect(read.turns[nodes.length - 1].text).toContain('deepest words');
      if (composer) expect(read.draft!.length).toBeGreaterThanOrEqual(paste.trim().length);
    }, 60_000);

    it('an empty or foreign page reads as nothing, without throwing', () => {
      for (const html of [
        '',
        '<html><body></body></html>',
        '<div contenteditable="true"></div><textarea></textarea>',
        `<main>${'<div>'.repeat(2_000)}text${'</div>'.repeat(2_000)}</main>`,
      ]) {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const read = readAll(adapter, doc);
        expect(read.streaming).toBe(false);
        expect(Array.isArray(read.turns)).toBe(true);
      }
    });
  });
}
