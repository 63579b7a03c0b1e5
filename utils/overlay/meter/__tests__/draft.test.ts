// The draft and the next request: priced as new input, kept until the draft changes, and a
// draft overtaken by a newer one while counted is dropped.
import { describe, expect, it } from 'vitest';
import type { Usage } from '@/utils/core/types';
import type { ModelView, PriceReply, Snapshot } from '@/utils/overlay/types';
import { createDraftPricing, nextRequest, STALE } from '@/utils/overlay/meter/draft';

const priced: ModelView = {
  label: null,
  candidate: 'm',
  source: 'label',
  info: { id: 'm', name: 'M', contextWindow: 100 },
  status: 'ok',
};
const unpriced: ModelView = { ...priced, info: null, status: 'unpriced' };
const snap = (draft: string | null, outputAssumption?: number): Snapshot => ({
  url: '',
  conversationId: 'c',
  draft,
  turns: [],
  modelLabel: null,
  streaming: false,
  outputAssumption,
});

function pricing(options: { countFails?: boolean } = {}) {
  const asked = { counts: [] as string[], prices: [] as Usage[] };
  const gates: (() => void)[] = [];
  const drafts = createDraftPricing({
    async count(_model, text) {
      asked.counts.push(text);
      if (text.startsWith('slow')) await new Promise<void>((r) => gates.push(r));
      if (options.countFails) return null;
      return { tokens: text.length, provenance: 'exact', family: 'chars' };
    },
    async price(_model, usage): Promise<PriceReply> {
      asked.prices.push(usage);
      return { priced: true, costMicros: usage.input + 10 * usage.output };
    },
    engineDown: () => options.countFails === true,
  });
  return { drafts, asked, gates };
}

describe('draftView', () => {
  it('no composer: no draft', async () => {
    expect(await pricing().drafts.draftView(snap(null), priced, 'm', 0)).toBeNull();
  });

  it('prices the draft as input plus the playground’s assumed output, and asks for the next request too', async () => {
    const { drafts, asked } = pricing();
    const view = await drafts.draftView(snap('abcd', 3), priced, 'm', 10);
    expect(view).toEqual({
      chars: 4,
      tokens: expect.objectContaining({ tokens: 4 }),
      costMicros: 34,
      note: undefined,
      assumedOutput: 3,
    });
    expect(asked.prices).toEqual([
      { input: 14, output: 0 },
      { input: 4, output: 3 },
    ]);
  });

  it('keeps its figures until the draft, the model or the assumed output changes', async () => {
    const { drafts, asked } = pricing();
    await drafts.draftView(snap('abcd'), priced, 'm', null);
    await drafts.draftView(snap('abcd'), priced, 'm', null);
    expect(asked.counts).toEqual(['abcd']);
    await drafts.draftView(snap('abcd'), priced, 'other', null);
    await drafts.draftView(snap('abcd', 5), priced, 'other', null);
    expect(asked.counts).toHaveLength(3);
  });

  it('says why there is no cost: unpriced model, or the engine down', async () => {
    expect(
      (await pricing().drafts.draftView(snap('ab'), unpriced, 'm', null)) as object,
    ).toMatchObject({
      costMicros: null,
      note: 'unpriced',
    });
    const down = pricing({ countFails: true });
    expect((await down.drafts.draftView(snap('ab'), priced, 'm', null)) as object).toMatchObject({
      tokens: null,
      note: 'engine unavailable',
    });
  });

  it('a draft overtaken by a newer one while it was counted is stale', async () => {
    const { drafts, gates } = pricing();
    const first = drafts.draftView(snap('slow one'), priced, 'm', null);
    const second = drafts.draftView(snap('fast'), priced, 'm', null);
    await new Promise((r) => setTimeout(r, 0));
    gates.forEach((open) => open());
    expect(await first).toBe(STALE);
    expect(await second).toMatchObject({ chars: 4 });
  });
});

describe('nextRequest', () => {
  const price = async (_m: string, u: Usage): Promise<PriceReply> => ({
    priced: true,
    costMicros: u.input,
  });
  const draft = {
    chars: 2,
    tokens: { tokens: 2, provenance: 'exact' as const, family: 'f' },
    costMicros: 2,
  };

  it('is the conversation plus the draft, as input', async () => {
    expect(await nextRequest(priced, draft, 10, price)).toEqual({
      inputTokens: 12,
      costMicros: 12,
    });
    expect(await nextRequest(unpriced, draft, 10, price)).toEqual({
      inputTokens: 12,
      costMicros: null,
      note: 'unpriced',
    });
  });

  it('is unknown until both the draft and the conversation are counted', async () => {
    expect(await nextRequest(priced, null, 10, price)).toBeNull();
    expect(await nextRequest(priced, { ...draft, tokens: null }, 10, price)).toBeNull();
    expect(await nextRequest(priced, draft, null, price)).toBeNull();
  });
});
