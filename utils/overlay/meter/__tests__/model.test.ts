// Which model the meter prices on: override, then the stream's model, then the page's label.
import { describe, expect, it } from 'vitest';
import { candidateFor, modelView, pickCandidate, resolveModel } from '@/utils/overlay/meter/model';

const upper = (label: string) => (label.startsWith('x') ? null : label.toUpperCase());

describe('pickCandidate', () => {
  it('prefers the override, then the stream, then the label', () => {
    const all = { override: 'o', streamModel: 's', label: 'l' };
    expect(pickCandidate(all, upper)).toEqual({ candidate: 'o', source: 'override' });
    expect(pickCandidate({ ...all, override: null }, upper)).toEqual({
      candidate: 'S',
      source: 'stream',
    });
    expect(pickCandidate({ ...all, override: null, streamModel: null }, upper)).toEqual({
      candidate: 'L',
      source: 'label',
    });
  });

  it('falls back to the label when the stream names a model it cannot map', () => {
    expect(pickCandidate({ override: null, streamModel: 'x-odd', label: 'l' }, upper)).toEqual({
      candidate: 'L',
      source: 'label',
    });
    expect(pickCandidate({ override: null, streamModel: 'x-odd', label: null }, upper)).toEqual({
      candidate: null,
      source: 'none',
    });
  });
});

describe('candidateFor', () => {
  it('an API-id site sends its label as is (trimmed); others go through the alias table', () => {
    expect(candidateFor('openrouter', { modelLabel: 'api-id' }, '  vendor/model-x ')).toBe(
      'vendor/model-x',
    );
    expect(candidateFor('openrouter', { modelLabel: 'api-id' }, '   ')).toBeNull();
    expect(candidateFor('chatgpt', undefined, 'ChatGPT 5 Thinking')).toBe('openai/gpt-5');
    expect(candidateFor('chatgpt', undefined, 'Some new model')).toBeNull();
  });
});

describe('modelView and resolveModel', () => {
  const info = { id: 'openai/gpt-5', name: 'GPT-5', contextWindow: 400_000 };

  it('tells an unknown label from no label at all', () => {
    const none = { candidate: null, source: 'none' as const };
    expect(modelView('Mystery', none, null, false).status).toBe('unknown-label');
    expect(modelView(null, none, null, false).status).toBe('not-detected');
  });

  it('tells "not in the card" (unpriced) from "card not answering yet" (loading)', () => {
    const picked = { candidate: 'openai/gpt-5', source: 'label' as const };
    expect(modelView('l', picked, info, true).status).toBe('ok');
    expect(modelView('l', picked, null, true).status).toBe('unpriced');
    expect(modelView('l', picked, null, false).status).toBe('loading');
  });

  it('looks the candidate up on the card', async () => {
    const prices = { info: async () => info, knows: () => true };
    const view = await resolveModel(
      prices,
      { id: 'chatgpt' },
      {
        override: null,
        streamModel: null,
        label: 'ChatGPT 5 Thinking',
      },
    );
    expect(view).toEqual({
      label: 'ChatGPT 5 Thinking',
      candidate: 'openai/gpt-5',
      source: 'label',
      info,
      status: 'ok',
    });
  });

  it('prefers the model the stream named, and keeps its own spelling when the card lacks it', async () => {
    const prices = { info: async () => null, knows: () => true };
    const view = await resolveModel(
      prices,
      { id: 'chatgpt' },
      { override: null, streamModel: 'gpt-5-6', label: 'ChatGPT 5 Thinking' },
    );
    expect(view).toMatchObject({
      candidate: 'openai/gpt-5.6',
      source: 'stream',
      status: 'unpriced',
      named: 'gpt-5-6',
    });
  });
});
