// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getBundledCard, priceUsage, findModel } from '@/utils/core/ratecard';
import { getAdapter } from '../..';
import { readModelId } from '../adapter';
import { describeSite } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('openrouter specifics', () => {
  it('reads the API id from the chip, not its display name', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-testid="model-chip"><a href="https://openrouter.ai/x-ai/grok-4?tab=api">xAI: Grok 4</a></div>
       <div data-testid="model-chip"><a href="/docs">Docs</a></div>`,
      'text/html',
    );
    const [a, b] = Array.from(doc.querySelectorAll('[data-testid="model-chip"]'));
    expect(readModelId(a)).toBe('x-ai/grok-4');
    expect(readModelId(b)).toBeNull();
  });

  it("is priced at OpenRouter's offer, which the card holds for the chip's model", () => {
    const adapter = getAdapter('openrouter')!;
    expect(adapter.pricing).toEqual({ modelLabel: 'api-id', offer: 'openrouter' });
    const card = getBundledCard();
    const model = findModel(card, 'moonshotai/kimi-k2.5')!;
    expect(model.offers.openrouter).toBeDefined();
    // 100k input tokens: below any long-context tier.
    const usage = { input: 100_000, output: 0 };
    const atOpenRouter = priceUsage(card, 'moonshotai/kimi-k2.5', usage, { offer: 'openrouter' });
    const atLab = priceUsage(card, 'moonshotai/kimi-k2.5', usage);
    expect(atOpenRouter).toMatchObject({ priced: true, offer: 'openrouter' });
    if (atOpenRouter.priced) {
      // USD per 1M input tokens of OpenRouter's offer × 0.1M tokens, in micro-USD.
      expect(atOpenRouter.costMicros).toBe(
        Math.round(model.offers.openrouter!.prices.input! * 100_000),
      );
      // The offer matters for this model: the lab's list price differs.
      expect(atLab.priced && atLab.costMicros).not.toBe(atOpenRouter.costMicros);
    }
  });
});

describe('openrouter model from the URL', () => {
  it('reads `?models=` when no chip names a model, the chip first otherwise', () => {
    const adapter = getAdapter('openrouter')!;
    document.body.innerHTML = '<main><textarea></textarea></main>';
    history.replaceState(null, '', '/chat?models=anthropic/claude-sonnet-4.5,openai/gpt-5');
    expect(adapter.readModelLabel(document)).toBe('anthropic/claude-sonnet-4.5');
    document.body.innerHTML =
      '<main><span data-testid="model-chip" data-model-id="openai/gpt-5"></span></main>';
    expect(adapter.readModelLabel(document)).toBe('openai/gpt-5');
    document.body.innerHTML = '<main></main>';
    history.replaceState(null, '', '/chat?models=not%20an%20id');
    expect(adapter.readModelLabel(document)).toBeNull();
  });
});
