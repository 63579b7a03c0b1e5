// The price cache alone: keys, grouping, one message for many usages, and what is not cached.
import { describe, expect, it } from 'vitest';
import type { Usage } from '@/utils/core/types';
import type { MeterServices, PriceReply } from '@/utils/overlay/types';
import { createPriceCache, groupByKey, priceKey } from '@/utils/overlay/meter/price-cache';

describe('priceKey and groupByKey', () => {
  it('a price depends on the model and every token class (no reasoning = zero reasoning)', () => {
    const u: Usage = { input: 10, output: 2 };
    expect(priceKey('m', u)).toBe(priceKey('m', { ...u, reasoning: 0 }));
    expect(priceKey('m', u)).not.toBe(priceKey('n', u));
    expect(priceKey('m', u)).not.toBe(priceKey('m', { ...u, reasoning: 1 }));
  });

  it('groups indices by key in order of first appearance, leaving out nulls', () => {
    expect([...groupByKey(['b', null, 'a', 'b'])]).toEqual([
      ['b', [0, 3]],
      ['a', [2]],
    ]);
  });
});

function services(options: { many: boolean; fail?: boolean }) {
  const calls = { one: 0, many: [] as number[], info: 0 };
  const reply = (u: Usage): PriceReply => ({ priced: true, costMicros: u.input + 10 * u.output });
  const s: MeterServices = {
    countTokens: async () => ({ tokens: 0, provenance: 'exact', family: 'x' }),
    async modelInfo(id) {
      calls.info++;
      if (id === 'loading') throw new Error('card not loaded');
      return id === 'known' ? { id, name: 'Known', contextWindow: 1000 } : null;
    },
    async priceUsage(_model, usage) {
      calls.one++;
      if (options.fail) throw new Error('worker restarting');
      return reply(usage);
    },
    recordTurn: async () => undefined,
  };
  if (options.many)
    s.priceUsageMany = async (_model, usages) => {
      calls.many.push(usages.length);
      if (options.fail) throw new Error('worker restarting');
      return usages.map(reply);
    };
  return { s, calls };
}

describe('createPriceCache', () => {
  const usages: Usage[] = [
    { input: 1, output: 1 },
    { input: 2, output: 1 },
    { input: 1, output: 1 },
  ];

  it('prices distinct usages in one message, repeats once, and answers again from the cache', async () => {
    const fake = services({ many: true });
    const cache = createPriceCache(fake.s);
    const replies = await cache.priceAll('m', usages);
    expect(replies.map((r) => (r.priced ? r.costMicros : null))).toEqual([11, 12, 11]);
    expect(fake.calls.many).toEqual([2]);
    await cache.priceAll('m', usages);
    await cache.price('m', usages[1]);
    expect(fake.calls.many).toEqual([2]);
    expect(fake.calls.one).toBe(0);
  });

  it('a failed message prices nothing, with the reason', async () => {
    const fake = services({ many: true, fail: true });
    const cache = createPriceCache(fake.s);
    const replies = await cache.priceAll('m', usages);
    expect(replies).toEqual([
      { priced: false, reason: 'worker restarting' },
      { priced: false, reason: 'worker restarting' },
      { priced: false, reason: 'worker restarting' },
    ]);
  });

  it('a failed single ask is not cached: asked again next time', async () => {
    const fake = services({ many: false, fail: true });
    const cache = createPriceCache(fake.s);
    expect((await cache.price('m', usages[0])).priced).toBe(false);
    await cache.price('m', usages[0]);
    expect(fake.calls.one).toBe(2);
  });

  it('shares one message between concurrent asks for the same usage', async () => {
    const fake = services({ many: false });
    const cache = createPriceCache(fake.s);
    await Promise.all([cache.price('m', usages[0]), cache.price('m', usages[2])]);
    expect(fake.calls.one).toBe(1);
  });

  it('model entries: cached, "not in the card" told apart from "not loaded yet", dropped on invalidate', async () => {
    const fake = services({ many: false });
    const cache = createPriceCache(fake.s);
    expect(await cache.info('loading')).toBeNull();
    expect(cache.knows('loading')).toBe(false);
    expect(await cache.info('unknown')).toBeNull();
    expect(cache.knows('unknown')).toBe(true);
    expect((await cache.info('known'))?.contextWindow).toBe(1000);
    await cache.info('known');
    expect(fake.calls.info).toBe(3);
    cache.invalidate();
    expect(cache.knows('known')).toBe(false);
  });
});
