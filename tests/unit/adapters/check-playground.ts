// Shared checks for an API playground adapter over its reconstructed fixtures: the API id of
// the model (priced by the card's resolver as is), the system prompt as a `system` turn, the
// messages, the max-output setting, the draft and the streaming state.
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import type { Role } from '@/utils/adapters/types';
import { getBundledCard, resolveModelId } from '@/utils/core/ratecard';
import { resolveSiteModel } from '@/utils/core/site-models';
import { parseFixture } from './fixtures';

export interface PlaygroundExpectation {
  site: string;
  offer: 'default' | 'openrouter';
  turns: { role: Role; text: string; thinking?: string }[];
  excluded: string[];
  /** Model id as shown, and the card id it resolves to. */
  modelId: string;
  model: string;
  maxOutput: number;
  streaming: {
    modelId: string;
    model: string;
    maxOutput: number;
    draft: string;
    roles: Role[];
  };
  empty: { modelId: string };
}

export function describePlayground(expected: PlaygroundExpectation) {
  describe(`${expected.site} playground adapter`, () => {
    const adapter = getAdapter(expected.site)!;
    const card = getBundledCard();

    it('prices the shown API id through the rate card, with no alias table', () => {
      expect(adapter.pricing).toEqual({ modelLabel: 'api-id', offer: expected.offer });
      const doc = parseFixture(expected.site, 'conversation.html');
      expect(adapter.readModelLabel(doc)).toBe(expected.modelId);
      expect(resolveModelId(card, expected.modelId)).toBe(expected.model);
    });

    it('lists the system prompt first, then the messages in order', () => {
      const turns = adapter.readTurns(parseFixture(expected.site, 'conversation.html'));
      expect(turns.map((t) => ({ role: t.role, text: t.text, thinking: t.thinking }))).toEqual(
        expected.turns.map((t) => ({ ...t, thinking: t.thinking ?? '' })),
      );
      for (const text of expected.excluded)
        for (const turn of turns) expect(turn.text).not.toContain(text);
    });

    it('reads the max-output setting as the output to assume', () => {
      const doc = parseFixture(expected.site, 'conversation.html');
      expect(adapter.readOutputAssumption?.(doc)).toBe(expected.maxOutput);
      expect(adapter.readDraft(doc)).toBe('');
      expect(adapter.isStreaming(doc)).toBe(false);
    });

    it('sees a run streaming (dark page), its model, setting and draft', () => {
      const doc = parseFixture(expected.site, 'streaming.html');
      const turns = adapter.readTurns(doc);
      expect(turns.map((t) => t.role)).toEqual(expected.streaming.roles);
      expect(turns.at(-1)?.text.length).toBeGreaterThan(0);
      expect(adapter.isStreaming(doc)).toBe(true);
      expect(adapter.readModelLabel(doc)).toBe(expected.streaming.modelId);
      expect(resolveModelId(card, expected.streaming.modelId)).toBe(expected.streaming.model);
      expect(adapter.readOutputAssumption?.(doc)).toBe(expected.streaming.maxOutput);
      expect(adapter.readDraft(doc)).toBe(expected.streaming.draft);
    });

    it('an empty playground: no turns (an empty system prompt is not one), no setting', () => {
      const doc = parseFixture(expected.site, 'empty.html');
      expect(adapter.findComposer(doc)).not.toBeNull();
      expect(adapter.readDraft(doc)).toBe('');
      expect(adapter.readTurns(doc)).toEqual([]);
      expect(adapter.readModelLabel(doc)).toBe(expected.empty.modelId);
      expect(adapter.readOutputAssumption?.(doc)).toBeNull();
      expect(adapter.isStreaming(doc)).toBe(false);
    });

    it('a site alias table would not be consulted (there is none for it)', () => {
      expect(resolveSiteModel(expected.site, 'thinking')).toBeNull();
    });

    it('reads nothing on a page whose markup it does not know', () => {
      const doc = new DOMParser().parseFromString('<main><p>hi</p></main>', 'text/html');
      expect(adapter.readTurns(doc)).toEqual([]);
      expect(adapter.readDraft(doc)).toBeNull();
      expect(adapter.readModelLabel(doc)).toBeNull();
      expect(adapter.readOutputAssumption?.(doc)).toBeNull();
    });
  });
}
