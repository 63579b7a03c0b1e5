// Shared checks for one site adapter over its reconstructed fixtures (issue 7's sites use the
// same three fixtures as the overlay's: conversation, empty, streaming). Each site's test file
// calls `describeSite` with what its fixtures hold, then adds its own cases.
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { getBundledCard, resolveModelId } from '@/utils/core/ratecard';
import { resolveSiteModel } from '@/utils/core/site-models';
import { parseFixture } from './fixtures';

export interface SiteExpectation {
  site: string;
  turns: { role: 'user' | 'assistant' | 'system'; includes: string; thinking?: string }[];
  /** Text that must not leak into any turn (buttons, citations, shown reasoning). */
  excluded: string[];
  label: string | null;
  /** The rate-card id the label prices as (null: not detected, the user picks). */
  model: string | null;
  streamingLabel: string | null;
  streamingModel: string | null;
  streamingDraft: string;
  /** A URL of a saved conversation and the id it carries; and a new chat's URL. */
  conversationUrl: string;
  conversationId: string;
  newChatUrl: string;
}

/** The model a label prices as: API ids go to the card's resolver as is, labels to the alias table. */
export function pricedModel(site: string, label: string | null): string | null {
  const adapter = getAdapter(site)!;
  if (!label) return null;
  if (adapter.pricing?.modelLabel === 'api-id') return resolveModelId(getBundledCard(), label);
  return resolveSiteModel(site, label)?.model ?? null;
}

export function describeSite(expected: SiteExpectation) {
  describe(`${expected.site} adapter`, () => {
    const adapter = getAdapter(expected.site)!;

    it('is registered', () => {
      expect(adapter).not.toBeNull();
    });

    it('reads both roles in order, with shown thinking apart from the reply', () => {
      const turns = adapter.readTurns(parseFixture(expected.site, 'conversation.html'));
      expect(turns.map((t) => t.role)).toEqual(expected.turns.map((t) => t.role));
      expected.turns.forEach((want, i) => {
        expect(turns[i].text).toContain(want.includes);
        if (want.thinking) expect(turns[i].thinking).toContain(want.thinking);
        else expect(turns[i].thinking).toBe('');
      });
      for (const text of expected.excluded) {
        for (const turn of turns) expect(turn.text).not.toContain(text);
      }
    });

    it('reads the model and prices it on a rate-card id', () => {
      const doc = parseFixture(expected.site, 'conversation.html');
      expect(adapter.readModelLabel(doc)).toBe(expected.label);
      expect(pricedModel(expected.site, expected.label)).toBe(expected.model);
      expect(adapter.isStreaming(doc)).toBe(false);
      expect(adapter.readDraft(doc)).toBe('');
    });

    it('sees a reply streaming (dark page) and the draft in the composer', () => {
      const doc = parseFixture(expected.site, 'streaming.html');
      const turns = adapter.readTurns(doc);
      expect(turns.at(-1)?.role).toBe('assistant');
      expect(turns.at(-1)?.text.length).toBeGreaterThan(0);
      expect(adapter.readModelLabel(doc)).toBe(expected.streamingLabel);
      expect(pricedModel(expected.site, expected.streamingLabel)).toBe(expected.streamingModel);
      expect(adapter.readDraft(doc)).toBe(expected.streamingDraft);
      expect(adapter.isStreaming(doc)).toBe(true);
    });

    it('reads an empty chat: composer present, no turns, no model', () => {
      const doc = parseFixture(expected.site, 'empty.html');
      expect(adapter.findComposer(doc)).not.toBeNull();
      expect(adapter.readDraft(doc)).toBe('');
      expect(adapter.readTurns(doc)).toEqual([]);
      expect(adapter.readModelLabel(doc)).toBeNull();
      expect(adapter.isStreaming(doc)).toBe(false);
    });

    it('takes the conversation id from its URL, null on a new chat', () => {
      expect(adapter.conversationId(new URL(expected.conversationUrl))).toBe(
        expected.conversationId,
      );
      expect(adapter.conversationId(new URL(expected.newChatUrl))).toBeNull();
    });

    it('reads nothing on a page whose markup it does not know (never a guess)', () => {
      const doc = new DOMParser().parseFromString(
        '<main><div class="renamed"><p>hi</p></div></main>',
        'text/html',
      );
      expect(adapter.readTurns(doc)).toEqual([]);
      expect(adapter.readDraft(doc)).toBeNull();
      expect(adapter.readModelLabel(doc)).toBeNull();
    });

    it('names what is known not to work', () => {
      expect(adapter.knownGaps.length).toBeGreaterThan(0);
    });
  });
}
