// The live genai-prices feed in the background sync. The network is replaced at the boundary
// (the `fetch` the sync is given); the payloads are the repo's copies of the real feeds
// (utils/core/ratecard/sources/: genai-prices' v2 data of 0.1.8, models.dev's api.json of
// 2026-07-02), edited per test where a test needs a change or a fault.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  FEEDS,
  getCard,
  rateCardHandlers,
  resetRateCardMemory,
  syncRateCard,
  type FetchLike,
} from '@/utils/background/ratecard';
import {
  FX_SOURCE,
  getBundledAmendments,
  getBundledCard,
  type RateCard,
} from '@/utils/core/ratecard';
import { syncedGenaiPrices } from '@/utils/storage/state/background';
import { SOURCES, loadModelsDevCopy } from '../../core/ratecard/__tests__/helpers';

type Reply = Response | (() => Response);
type Replies = { modelsDev?: Reply; openrouter?: Reply; genai?: Reply };

function feeds(replies: Replies) {
  const calls: { url: string; etag: string | undefined }[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    calls.push({ url, etag: (init?.headers as Record<string, string>)?.['If-None-Match'] });
    const reply =
      url === FEEDS.modelsDev.url
        ? replies.modelsDev
        : url === FEEDS.genaiPrices.url
          ? replies.genai
          : url === FEEDS.openrouter.url
            ? replies.openrouter
            : url === FX_SOURCE.url
              ? undefined
              : new Response(null, { status: 404 });
    if (!reply) return new Response(null, { status: 304 });
    return typeof reply === 'function' ? reply() : reply;
  };
  return { fetchImpl, calls };
}

const json = (body: unknown, etag = '"v1"') =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', etag },
  });

type GenaiProvider = { id: string; models: Record<string, any>[] };
const genaiCopy = (): GenaiProvider[] =>
  JSON.parse(readFileSync(join(SOURCES, 'genai-prices.json'), 'utf8'));

/** The copy with one model's entry replaced. */
function withModel(provider: string, id: string, edit: (m: Record<string, any>) => void) {
  const data = genaiCopy();
  const model = data.find((p) => p.id === provider)!.models.find((m) => m.id === id)!;
  expect(model, `${provider}/${id} in the genai-prices copy`).toBeDefined();
  edit(model);
  return data;
}

// gpt-5 in genai-prices: $1.25/$10 (cache read $0.125), as in models.dev's copy. A dated change:
// $2.5/$20 until 2026-06-01, then today's price.
const gpt5WithHistory = () =>
  withModel('openai', 'gpt-5', (m) => {
    const now = m.prices;
    m.prices = [
      { prices: { input_mtok: 2.5, output_mtok: 20 } },
      { constraint: { type: 'start_date', start_date: '2026-06-01' }, prices: now },
    ];
  });

const T1 = Date.parse('2026-11-25T10:00:00Z');
const T2 = T1 + 12 * 3600_000;
const usage = { input: 1_000_000, output: 0 };

async function gpt5At(at: string) {
  const reply = await rateCardHandlers.priceUsage(
    { model: 'openai/gpt-5', usage, at: Date.parse(at) },
    {} as never,
  );
  return (reply as { costMicros: number }).costMicros;
}

const offerOf = (card: RateCard, id: string) => card.models.find((m) => m.id === id)!.offers;

beforeEach(() => {
  resetRateCardMemory();
});

describe('live genai-prices feed', () => {
  it('a good feed amends the card (dated history), is stored, and is asked with its ETag next', async () => {
    const first = feeds({
      genai: json(gpt5WithHistory(), '"g1"'),
      modelsDev: json(loadModelsDevCopy(), '"md1"'),
    });
    const status = await syncRateCard({ fetch: first.fetchImpl, now: () => T1 });
    expect(status.feeds.genaiPrices).toMatchObject({
      url: FEEDS.genaiPrices.url,
      error: null,
      etag: '"g1"',
      lastSuccess: T1,
    });
    expect(status).toMatchObject({ origin: 'synced', error: null, lastSync: T1 });
    const card = await getCard();
    expect(card.sources).toContainEqual({
      ...FEEDS.genaiPrices,
      fetchedAt: new Date(T1).toISOString(),
    });
    const offer = offerOf(card, 'openai/gpt-5').default!;
    expect(offer.history).toEqual([
      expect.objectContaining({
        until: '2026-06-01',
        prices: expect.objectContaining({ input: 2.5, output: 20 }),
        source: 'genai-prices (live, 2026-11-25)',
        // The live read's day, as a field.
        sourceDate: '2026-11-25',
      }),
    ]);
    expect(offer.prices).toMatchObject({ input: 1.25, output: 10 });
    // Priced at the time of use: the earlier price before the change, today's after.
    expect(await gpt5At('2026-05-20T12:00:00Z')).toBe(2_500_000);
    expect(await gpt5At('2026-11-25T12:00:00Z')).toBe(1_250_000);
    // The bundled amendments had no such history
    expect(offerOf(getBundledCard(), 'openai/gpt-5').default!.history).toBeUndefined();
    // The labs' own data (DeepSeek's peak rule) is still applied with the live data.
    expect(offerOf(card, 'deepseek/deepseek-v4-flash').default!.timeRules?.length).toBe(1);
    expect((await syncedGenaiPrices.getValue())?.genaiSource).toBe(
      'genai-prices (live, 2026-11-25)',
    );

    // Next run: conditional; a later models.dev read is amended with the stored live data.
    const second = feeds({ modelsDev: json(loadModelsDevCopy(), '"md2"') });
    const again = await syncRateCard({ fetch: second.fetchImpl, now: () => T2 });
    expect(second.calls.find((c) => c.url === FEEDS.genaiPrices.url)?.etag).toBe('"g1"');
    expect(again.feeds.genaiPrices).toMatchObject({ error: null, lastSuccess: T2 });
    expect(offerOf(await getCard(), 'openai/gpt-5').default!.history?.[0]).toMatchObject({
      until: '2026-06-01',
      source: 'genai-prices (live, 2026-11-25)',
      // Rebuilt from the stored data: dated by the day it was read, not the bundled package's.
      sourceDate: '2026-11-25',
    });
  });

  it('new genai-prices data asks models.dev in full (no If-None-Match) to amend fresh lab offers', async () => {
    await syncRateCard({
      fetch: feeds({ modelsDev: json(loadModelsDevCopy(), '"md1"') }).fetchImpl,
      now: () => T1,
    });
    const second = feeds({
      genai: json(gpt5WithHistory(), '"g2"'),
      modelsDev: json(loadModelsDevCopy(), '"md1"'),
    });
    await syncRateCard({ fetch: second.fetchImpl, now: () => T2 });
    expect(second.calls.find((c) => c.url === FEEDS.modelsDev.url)?.etag).toBeUndefined();
    expect(offerOf(await getCard(), 'openai/gpt-5').default!.history).toHaveLength(1);
  });

  const faults: [string, () => unknown, RegExp][] = [
    ['a schema error', () => ({ providers: 'none' }), /genai-prices rejected: .*payload/],
    [
      'a model whose history goes backwards',
      () =>
        withModel('openai', 'gpt-5', (m) => {
          const now = m.prices;
          m.prices = [
            { prices: now },
            { constraint: { type: 'start_date', start_date: '2026-06-01' }, prices: now },
            { constraint: { type: 'start_date', start_date: '2026-03-01' }, prices: now },
          ];
        }),
      /genai-prices rejected: .*openai\/gpt-5: price history goes backwards \(2026-03-01 after 2026-06-01\)/,
    ],
    [
      'overlapping time windows',
      () =>
        withModel('openai', 'gpt-5', (m) => {
          const now = m.prices;
          const window = (start_time: string, end_time: string) => ({
            constraint: { type: 'time_of_date', start_time, end_time },
            prices: now,
          });
          m.prices = [
            { prices: now },
            window('01:00:00Z', '04:00:00Z'),
            window('03:00:00Z', '10:00:00Z'),
          ];
        }),
      /genai-prices rejected: .*openai\/gpt-5: overlapping time windows/,
    ],
    [
      'a price change over 10x',
      () =>
        withModel('openai', 'gpt-5', (m) => {
          const now = m.prices;
          // Announced for after the sync: the card would price gpt-5 at 20x from then on.
          m.prices = [
            { prices: now },
            {
              constraint: { type: 'start_date', start_date: '2026-12-20' },
              prices: { ...now, input_mtok: 25, output_mtok: 200 },
            },
          ];
        }),
      /genai-prices rejected: openai\/gpt-5[a-z-]* input price \(default offer\) moved from 1.25 to 25 USD per 1M tokens \(more than 10x\)/,
    ],
  ];

  it.each(faults)(
    '%s: rejected with a message, the other feeds applied, the last good data kept',
    async (_name, payload, message) => {
      // A good live read first, so "the last good data" is the live one.
      await syncRateCard({
        fetch: feeds({
          genai: json(gpt5WithHistory(), '"g1"'),
          modelsDev: json(loadModelsDevCopy(), '"md1"'),
        }).fetchImpl,
        now: () => T1,
      });
      const good = await syncedGenaiPrices.getValue();
      const run = feeds({
        genai: json(payload(), '"bad"'),
        modelsDev: json(loadModelsDevCopy(), '"md2"'),
      });
      const status = await syncRateCard({ fetch: run.fetchImpl, now: () => T2 });
      const feed = status.feeds.genaiPrices!;
      expect(feed.error).toMatch(message);
      expect(feed.errorInfo).toMatchObject({ code: 'rejected', values: { detail: feed.error } });
      expect(feed).toMatchObject({ etag: '"g1"', lastSuccess: T1, lastAttempt: T2 });
      expect(status.error).toMatch(message);
      expect(status.lastSync).toBe(T1);
      // models.dev's new read is applied, still amended with the last good genai-prices data.
      expect(status.feeds.modelsDev).toMatchObject({ error: null, etag: '"md2"' });
      const card = await getCard();
      expect(card.createdAt).toBe(new Date(T2).toISOString());
      expect(offerOf(card, 'openai/gpt-5').default!.prices).toMatchObject({ input: 1.25 });
      expect(offerOf(card, 'openai/gpt-5').default!.history?.[0]?.source).toBe(
        'genai-prices (live, 2026-11-25)',
      );
      expect(await syncedGenaiPrices.getValue()).toEqual(good);
    },
  );

  it('genai-prices down while the other feeds answer: its error alone, the rest applied', async () => {
    const run = feeds({
      genai: new Response('Service Unavailable', { status: 503 }),
      modelsDev: json(loadModelsDevCopy(), '"md1"'),
    });
    const status = await syncRateCard({ fetch: run.fetchImpl, now: () => T1 });
    expect(status.feeds.genaiPrices).toMatchObject({
      error: 'genai-prices answered HTTP 503',
      errorInfo: { code: 'http', values: { source: 'genai-prices', status: '503' } },
      lastSuccess: null,
    });
    expect(status.feeds.modelsDev).toMatchObject({ error: null, lastSuccess: T1 });
    expect(status.feeds.openrouter).toMatchObject({ error: null, lastSuccess: T1 });
    expect(status).toMatchObject({ origin: 'synced', error: 'genai-prices answered HTTP 503' });
    // The bundled genai-prices data still amends the synced card.
    const card = await getCard();
    expect(card.sources.find((s) => s.name === 'genai-prices')?.url).toMatch(/npmjs/);
    expect(offerOf(card, 'openai/o3').default!.history?.[0]).toMatchObject({
      until: '2025-06-10',
      source: getBundledAmendments().genaiSource,
    });
    expect(await syncedGenaiPrices.getValue()).toBeNull();
  });

  it('an HTML page or malformed JSON from genai-prices is named as such', async () => {
    const html = new Response('<!doctype html><p>rate limited</p>', {
      status: 200,
      headers: { 'content-type': 'text/html' },
    });
    const status = await syncRateCard({ fetch: feeds({ genai: html }).fetchImpl, now: () => T1 });
    expect(status.feeds.genaiPrices!.error).toBe('genai-prices returned an HTML page, not JSON');
  });

  it('new genai-prices data with models.dev down: not applied, says why, asked in full next time', async () => {
    const run = feeds({
      genai: json(gpt5WithHistory(), '"g1"'),
      modelsDev: new Response('oops', { status: 502 }),
    });
    const status = await syncRateCard({ fetch: run.fetchImpl, now: () => T1 });
    expect(status.feeds.genaiPrices!.error).toBe(
      'genai-prices not applied: it needs a fresh models.dev read (models.dev answered HTTP 502)',
    );
    expect(status.feeds.genaiPrices!.etag).toBeNull();
    expect(await syncedGenaiPrices.getValue()).toBeNull();
    expect(offerOf(await getCard(), 'openai/gpt-5').default!.history).toBeUndefined();
  });
});
