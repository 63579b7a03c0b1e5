// A turn recorded on OpenRouter (chat or playground) carries `offer: 'openrouter'`, and the
// history prices it at OpenRouter's price for the model, not the lab's list price.
import { beforeEach, describe, expect, it } from 'vitest';
import { configureHistory, toStoredEvent } from '@/utils/background/history';
import { getBundledCard, priceUsage } from '@/utils/core/ratecard';
import type { TurnEvent } from '@/utils/core/types';

const card = getBundledCard();

function turn(extra: Partial<TurnEvent> = {}): TurnEvent {
  return {
    key: 'openrouter:room:1:abc',
    site: 'openrouter',
    conversationId: 'room',
    turnIndex: 1,
    time: Date.UTC(2026, 10, 25),
    modelLabel: 'moonshotai/kimi-k2.5',
    model: 'moonshotai/kimi-k2.5',
    input: { tokens: 12_000, provenance: 'exact', family: 'x' },
    output: { tokens: 3_000, provenance: 'exact', family: 'x' },
    reasoning: { tokens: 0, provenance: 'unknown', family: 'hidden' },
    ...extra,
  };
}

beforeEach(() => {
  configureHistory({ getCard: async () => card, getOverrides: async () => ({}) });
});

describe('OpenRouter turns in the history', () => {
  it("are priced at OpenRouter's offer, which differs from the lab's here", async () => {
    const usage = { input: 12_000, output: 3_000, reasoning: 0 };
    const atOpenRouter = priceUsage(card, 'moonshotai/kimi-k2.5', usage, { offer: 'openrouter' });
    const atLab = priceUsage(card, 'moonshotai/kimi-k2.5', usage);
    expect(atOpenRouter.priced && atLab.priced).toBe(true);
    if (!atOpenRouter.priced || !atLab.priced) return;
    expect(atOpenRouter.costMicros).not.toBe(atLab.costMicros);

    const stored = await toStoredEvent(turn({ offer: 'openrouter' }), false);
    expect(stored.costMicroUsd).toBe(atOpenRouter.costMicros);
    expect(stored.prices?.offer).toBe('openrouter');

    const plain = await toStoredEvent(turn(), false);
    expect(plain.costMicroUsd).toBe(atLab.costMicros);
    expect(plain.prices?.offer).toBe('default');
  });
});
