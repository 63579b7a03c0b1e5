// The count cache alone: batching, sharing of answers in flight, and the engine's state.
import { describe, expect, it } from 'vitest';
import type { TokenCount } from '@/utils/core/types';
import type { MeterServices } from '@/utils/overlay/types';
import { chunkTexts, createCountCache } from '@/utils/overlay/meter/count-cache';

describe('chunkTexts', () => {
  it('cuts by number of texts and by characters, in order', () => {
    expect(chunkTexts(['a', 'b', 'c', 'd', 'e'], 2, 100)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunkTexts(['aaa', 'bb', 'c', 'dddd'], 10, 4)).toEqual([['aaa'], ['bb', 'c'], ['dddd']]);
  });

  it('sends a text longer than the limit alone rather than never', () => {
    expect(chunkTexts(['x'.repeat(10), 'y'], 10, 5)).toEqual([['x'.repeat(10)], ['y']]);
    expect(chunkTexts([], 10, 5)).toEqual([]);
  });
});

const count = (text: string): TokenCount => ({
  tokens: text.length,
  provenance: 'exact',
  family: 'chars',
});

/** Services whose answers wait until `release()`, recording what was asked. */
function slowServices(options: { batch: boolean; fail?: boolean }) {
  const asked: string[][] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const services: MeterServices = {
    async countTokens(_model, text) {
      asked.push([text]);
      await gate;
      if (options.fail) throw new Error('engine down');
      return count(text);
    },
    modelInfo: async () => null,
    priceUsage: async () => ({ priced: false, reason: 'none' }),
    recordTurn: async () => undefined,
  };
  if (options.batch)
    services.countTokensBatch = async (_model, texts) => {
      asked.push(texts);
      await gate;
      if (options.fail) throw new Error('engine down');
      return texts.map(count);
    };
  return { services, asked, release };
}

describe('createCountCache', () => {
  it('asks once per distinct text, shares an answer in flight, and caches it', async () => {
    const fake = slowServices({ batch: true });
    const cache = createCountCache(fake.services);
    const one = cache.count('m', 'hello');
    const all = cache.countAll('m', ['hello', 'world', 'world', null, '']);
    fake.release();
    expect(await one).toEqual(count('hello'));
    expect(await all).toEqual([
      count('hello'),
      count('world'),
      count('world'),
      null,
      { tokens: 0, provenance: 'exact', family: 'empty' },
    ]);
    // 'hello' went alone (count), 'world' once in a batch; the second ask is all from cache.
    expect(fake.asked).toEqual([['hello'], ['world']]);
    await cache.countAll('m', ['hello', 'world']);
    expect(fake.asked).toHaveLength(2);
  });

  it('keeps one cache per model', async () => {
    const fake = slowServices({ batch: false });
    fake.release();
    const cache = createCountCache(fake.services);
    await cache.count('a', 'same');
    await cache.count('b', 'same');
    expect(fake.asked).toHaveLength(2);
  });

  it('says the engine is down after a failed answer (null counts), and up after a good one', async () => {
    const down = slowServices({ batch: true, fail: true });
    down.release();
    const cache = createCountCache(down.services);
    expect(cache.engineDown()).toBe(false);
    expect(await cache.countAll(null, ['x', 'y'])).toEqual([null, null]);
    expect(cache.engineDown()).toBe(true);
    // Not cached: asked again next time.
    await cache.countAll(null, ['x']);
    expect(down.asked).toHaveLength(2);
  });
});
