import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compareHandlers, MAX_HANDOFF_CHARS } from '@/utils/background/compare';
import { resetRateCardMemory } from '@/utils/background/ratecard';
import { compareHandoffs, takeHandoff } from '@/utils/storage';
import { setPriceOverride } from '@/utils/storage/validated';
import type { Req, Res } from '@/utils/messaging';

const sender = {} as never;
const rowsOf = (req: Req<'getCompareRows'>) =>
  compareHandlers.getCompareRows!(req, sender) as Promise<Res<'getCompareRows'>>;

beforeEach(() => resetRateCardMemory());

describe('getCompareRows (background)', () => {
  it('lists the default models, and the families still to count, one model each', async () => {
    const r = await rowsOf({
      models: [],
      withDefaults: true,
      counts: {},
      output: { kind: 'tokens', tokens: 500 },
      currentModel: null,
    });
    expect(r.rows).toHaveLength(14);
    expect(r.missingDefaults).toEqual([]);
    expect(r.rows.every((row) => row.price.status === 'counting')).toBe(true);
    const families = r.families.map((f) => f.family);
    expect(new Set(families).size).toBe(families.length);
    expect(new Set(r.rows.map((row) => row.family))).toEqual(new Set(families));
  });

  it('prices with the user’s custom price, like priceUsage does', async () => {
    await setPriceOverride('openai/gpt-5.5', { prices: { input: 1, output: 2 } });
    const r = await rowsOf({
      models: ['openai/gpt-5.5'],
      withDefaults: false,
      counts: { o200k_base: { status: 'done', tokens: 1000 } },
      output: { kind: 'tokens', tokens: 500 },
      currentModel: null,
    });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].price).toMatchObject({
      status: 'priced',
      inputMicros: 1000,
      outputMicros: 1000,
      totalMicros: 2000,
      override: true,
    });
  });
});

describe('openCompare and the hand-off', () => {
  it('keeps the text in session storage and puts only an id in the tab’s URL', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const text = 'a private prompt';
    await compareHandlers.openCompare!(
      { text, source: 'draft', outputRatio: 0.4, currentModel: 'openai/gpt-5', site: 'ChatGPT' },
      sender,
    );
    expect(create).toHaveBeenCalledTimes(1);
    const url = create.mock.calls[0][0].url!;
    expect(url).not.toContain('private');
    const id = new URL(url).searchParams.get('handoff')!;
    expect(await takeHandoff(id)).toMatchObject({ text, outputRatio: 0.4, source: 'draft' });
    // Read once.
    expect(await takeHandoff(id)).toBeNull();
    expect(await compareHandoffs.getValue()).toEqual({});
  });

  it('drops hand-offs older than ten minutes when a new one arrives', async () => {
    await compareHandoffs.setValue({
      old: {
        text: 'x',
        source: 'draft',
        outputRatio: null,
        currentModel: null,
        site: null,
        at: Date.now() - 11 * 60_000,
      },
    });
    vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await compareHandlers.openCompare!(
      { text: 'y', source: 'conversation', outputRatio: null, currentModel: null, site: null },
      sender,
    );
    expect(Object.keys(await compareHandoffs.getValue())).toHaveLength(1);
    expect(await takeHandoff('old')).toBeNull();
  });

  it('refuses a text too large, with a message, and opens nothing', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await expect(
      compareHandlers.openCompare!(
        {
          text: 'x'.repeat(MAX_HANDOFF_CHARS + 1),
          source: 'draft',
          outputRatio: null,
          currentModel: null,
          site: null,
        },
        sender,
      ),
    ).rejects.toThrow(/too long/);
    expect(create).not.toHaveBeenCalled();
  });
});
