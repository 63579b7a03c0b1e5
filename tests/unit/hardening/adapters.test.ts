// @vitest-environment happy-dom
// Hostile input, the site adapters (issue 8): every adapter's fixture page with random Unicode
// written into a turn and into the composer, and pages made huge (thousands of turns, a turn
// nested thousands of elements deep, a 5 MB draft). No reader throws, and the text put on the
// page is the text read back: nothing lost, nothing invented.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, type SiteAdapter } from '@/utils/adapters';
import { fixtureFiles, parseFixture } from '../adapters/fixtures';

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

const cases = ADAPTERS.filter((a) => fixtureFiles(a.id).includes('conversation.html'));

describe.each(cases.map((a) => [a.id, a] as const))('%s adapter, hostile page', (_, adapter) => {
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
    for (let i = 0; i < 1_000; i++) for (const el of pair) fragment.appendChild(el.cloneNode(true));
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
