import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  FEEDS,
  getCard,
  getStatus,
  rateCardHandlers,
  resetRateCardMemory,
  setupRateCard,
  syncRateCard,
  SYNC_ALARM,
  type FetchLike,
} from '@/utils/background/ratecard';
import { FX_SOURCE, getBundledCard } from '@/utils/core/ratecard';
import { registerHandlers, sendMessage } from '@/utils/messaging';
import { syncedRateCard } from '@/utils/storage/state/background';
import { syncedExchangeRates } from '@/utils/storage/state/exchange-rates';
import { setPriceOverride } from '@/utils/storage/validated';
import { loadModelsDevCopy, loadOpenRouterFixture } from '../../core/ratecard/__tests__/helpers';

// The network is replaced at the boundary (the `fetch` the sync is given); everything behind it
// (size cap, HTML detection, JSON parsing, validation, rejection rules, storage) is real.

type Reply = Response | (() => Response | Promise<Response>);

function feeds(replies: { modelsDev?: Reply; openrouter?: Reply; genai?: Reply; fx?: Reply }) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const reply =
      url === FEEDS.modelsDev.url
        ? replies.modelsDev
        : url === FX_SOURCE.url
          ? replies.fx
          : url === FEEDS.genaiPrices.url
            ? replies.genai
            : replies.openrouter;
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

// Sync times after the bundled snapshot's date (a stored card older than the bundled one yields).
const T1 = Date.parse('2026-11-25T10:00:00Z');
const T2 = T1 + 12 * 3600_000;

beforeEach(() => {
  resetRateCardMemory();
});

describe('rate-card sync', () => {
  it('starts from the bundled card, offline', async () => {
    expect((await getCard()).version).toBe(getBundledCard().version);
    expect(await getStatus()).toMatchObject({ origin: 'bundled', lastSync: null, error: null });
  });

  it('fetches both feeds, validates, stores, and then asks with If-None-Match', async () => {
    const orFixture = loadOpenRouterFixture();
    const first = feeds({
      modelsDev: json(loadModelsDevCopy(), '"md1"'),
      openrouter: json(orFixture, '"or1"'),
    });
    const status = await syncRateCard({ fetch: first.fetchImpl, now: () => T1 });
    expect(status).toMatchObject({ origin: 'synced', error: null, lastSync: T1 });
    expect(status.feeds.modelsDev).toMatchObject({
      etag: '"md1"',
      error: null,
      lastSuccess: T1,
    });
    // genai-prices, the two price feeds, then the exchange rates (unconditional: a small daily file).
    expect(first.calls.map((c) => c.url)).toEqual([
      FEEDS.genaiPrices.url,
      FEEDS.modelsDev.url,
      FEEDS.openrouter.url,
      FX_SOURCE.url,
    ]);
    expect(first.calls.map((c) => c.headers['If-None-Match'])).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const card = await getCard();
    // OpenRouter's own API now supplies the OpenRouter offers
    const deepseek = card.models.find((m) => m.id === 'deepseek/deepseek-v3.2')!;
    expect(deepseek.offers.openrouter).toMatchObject({
      source: 'openrouter.ai',
      prices: { input: 0.252 },
    });
    expect((await syncedRateCard.getValue())!.card.version).toBe(card.version);

    const second = feeds({});
    const again = await syncRateCard({ fetch: second.fetchImpl, now: () => T2 });
    // genai-prices is asked in full: no live genai-prices data is stored yet (bundled in use)
    expect(second.calls.map((c) => c.headers['If-None-Match'])).toEqual([
      undefined,
      '"md1"',
      '"or1"',
      undefined,
    ]);
    expect(again).toMatchObject({ error: null, lastSync: T2, version: card.version });

    // a restarted worker picks the stored card up again
    resetRateCardMemory();
    expect((await getCard()).version).toBe(card.version);
    expect((await getStatus()).origin).toBe('synced');
  });

  it('asks for the full payload again when the stored card is gone (no stale If-None-Match)', async () => {
    const first = feeds({ modelsDev: json(loadModelsDevCopy(), '"md1"') });
    await syncRateCard({ fetch: first.fetchImpl, now: () => T1 });
    await syncedRateCard.setValue(null);
    resetRateCardMemory();
    const second = feeds({});
    await syncRateCard({ fetch: second.fetchImpl, now: () => T2 });
    expect(second.calls.map((c) => c.headers['If-None-Match'])).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('refreshes the exchange rates with the card; a bad answer keeps the last good rates', async () => {
    // Frankfurter's documented shape (ECB reference rates per USD); figures are examples.
    const good = { amount: 1, base: 'USD', date: '2026-11-24', rates: { CNY: 7.08, EUR: 0.86 } };
    await syncRateCard({ fetch: feeds({ fx: json(good) }).fetchImpl, now: () => T1 });
    expect((await syncedExchangeRates.getValue()).rates!.CNY).toEqual({
      currency: 'CNY',
      perUsd: 7.08,
      date: '2026-11-24',
      source: 'synced',
    });
    const priced = await rateCardHandlers.priceUsage(
      { model: 'gpt-5', usage: { input: 1_000_000, output: 0 }, currency: 'EUR' },
      {} as never,
    );
    expect(priced.priced && priced.local).toMatchObject({ currency: 'EUR', costMicros: 1_075_000 });
    const broken = { ...good, rates: { CNY: 708 } };
    await syncRateCard({ fetch: feeds({ fx: json(broken) }).fetchImpl, now: () => T2 });
    const after = await syncedExchangeRates.getValue();
    expect(after.rates!.CNY.perUsd).toBe(7.08);
    expect(after.error).toMatch(/CNY moved from 7.08 to 708/);
    const status = await getStatus();
    expect(status.exchangeRates).toMatchObject({ date: '2026-11-24', error: /CNY moved/ });
    expect(status.cardSources!.map((s) => s.name)).toContain('genai-prices');
  });

  it('shows "syncing" while a run is on, and concurrent refreshes share one run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetchSpy = vi.fn<FetchLike>(async () => {
      await gate;
      return new Response(null, { status: 304 });
    });
    const a = syncRateCard({ fetch: fetchSpy });
    const b = syncRateCard({ fetch: fetchSpy });
    expect(a).toBe(b);
    expect((await getStatus()).syncing).toBe(true);
    release();
    expect((await a).syncing).toBe(false);
    expect(fetchSpy).toHaveBeenCalledTimes(4); // one per feed and the rates, not eight
    expect((await getStatus()).syncing).toBe(false);
  });

  const bad: [string, () => Response, RegExp][] = [
    [
      'malformed JSON',
      () => new Response('{"openai": {"models": ', { status: 200 }),
      /models.dev returned malformed JSON/,
    ],
    [
      'an HTML error page',
      () =>
        new Response('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
      /models.dev returned an HTML page, not JSON/,
    ],
    ['an HTTP error', () => new Response('oops', { status: 503 }), /models.dev answered HTTP 503/],
    ['an empty body', () => new Response('', { status: 200 }), /models.dev returned an empty body/],
    [
      'a negative price',
      () => {
        const d = loadModelsDevCopy();
        d.anthropic.models['claude-sonnet-4-5'].cost.input = -3;
        return json(d);
      },
      /anthropic\/claude-sonnet-4-5: cost.input/,
    ],
    [
      'a NaN price',
      () => {
        const d = loadModelsDevCopy();
        d.openai.models['gpt-5'].cost.output = 'NaN';
        return json(d);
      },
      /openai\/gpt-5: cost.output/,
    ],
    [
      'missing fields',
      () => {
        const d = loadModelsDevCopy();
        delete d.google.models['gemini-2.5-pro'].limit;
        return json(d);
      },
      /google\/gemini-2.5-pro: limit/,
    ],
    [
      'a model count drop of more than 30%',
      () => {
        const d = loadModelsDevCopy();
        return json({ openai: d.openai, anthropic: d.anthropic });
      },
      /model count dropped from \d+ to \d+/,
    ],
    [
      'a price moved by more than 10x',
      () => {
        const d = loadModelsDevCopy();
        d.openai.models['gpt-5'].cost.input = 125; // was 1.25
        return json(d);
      },
      /openai\/gpt-5 input price \(default offer\) moved from 1.25 to 125/,
    ],
  ];

  it.each(bad)(
    'keeps the last good card on %s, with a clear error in the status',
    async (_label, reply, message) => {
      const before = await getCard();
      const { fetchImpl } = feeds({ modelsDev: reply });
      const status = await syncRateCard({ fetch: fetchImpl, now: () => T1 });
      expect(status.error).toMatch(message);
      expect(status.feeds.modelsDev.error).toMatch(message);
      expect(status.feeds.modelsDev.etag).toBeNull();
      expect(status.lastSync).toBeNull();
      expect(status.lastAttempt).toBe(T1);
      expect((await getCard()).version).toBe(before.version);
      expect(await syncedRateCard.getValue()).toBeNull();
    },
  );

  it('stops reading a 50 MB response at the 10 MB cap', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 50) return controller.close();
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const { fetchImpl } = feeds({ modelsDev: new Response(body, { status: 200 }) });
    const status = await syncRateCard({ fetch: fetchImpl });
    expect(status.feeds.modelsDev.error).toMatch(/larger than 10 MB/);
    expect(pulled).toBeLessThan(15);
    expect(status.origin).toBe('bundled');
  });

  it('refuses a declared 50 MB body without reading it', async () => {
    const { fetchImpl } = feeds({
      modelsDev: new Response('{}', {
        status: 200,
        headers: { 'content-length': String(50 * 1024 * 1024) },
      }),
    });
    expect((await syncRateCard({ fetch: fetchImpl })).feeds.modelsDev.error).toMatch(
      /larger than 10 MB/,
    );
  });

  it('gives up on a feed that does not answer in time', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    const status = await syncRateCard({ fetch: hang, timeoutMs: 30 });
    expect(status.feeds.modelsDev.error).toMatch(/models.dev did not answer within 0.03 s/);
    expect(status.feeds.openrouter.error).toMatch(/openrouter.ai did not answer/);
  });

  it('reports an unreachable network and never throws', async () => {
    const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    const status = await syncRateCard({ fetch: offline });
    expect(status.error).toMatch(/models.dev unreachable \(Failed to fetch\)/);
    const throwing: FetchLike = () => {
      throw new Error('boom');
    };
    await expect(syncRateCard({ fetch: throwing })).resolves.toMatchObject({ origin: 'bundled' });
  });

  it('applies a good feed even when the other one is broken', async () => {
    const { fetchImpl } = feeds({
      modelsDev: new Response('<html>', { status: 200 }),
      openrouter: json(loadOpenRouterFixture()),
    });
    const status = await syncRateCard({ fetch: fetchImpl });
    expect(status.feeds.modelsDev.error).toMatch(/HTML/);
    expect(status.feeds.openrouter.error).toBeNull();
    expect(status.origin).toBe('synced');
  });

  it('rejects a broken OpenRouter payload the same way', async () => {
    const raw = loadOpenRouterFixture();
    raw.data[3].pricing.prompt = 'free!';
    const { fetchImpl } = feeds({ openrouter: json(raw) });
    const status = await syncRateCard({ fetch: fetchImpl });
    expect(status.feeds.openrouter.error).toMatch(
      /openrouter.ai: data\[3\].*pricing.prompt: not a decimal price/,
    );
    expect(status.origin).toBe('bundled');
  });

  it('ignores a corrupt stored card (e.g. an unknown currency code) and falls back to the bundled one', async () => {
    const card = structuredClone(getBundledCard());
    card.createdAt = '2099-01-01';
    card.models[0].offers.default!.currency = 'US$';
    await syncedRateCard.setValue({ card, savedAt: 1 });
    expect((await getCard()).version).toBe(getBundledCard().version);
    expect((await getStatus()).origin).toBe('bundled');
  });
});

describe('rate-card messages and alarms', () => {
  it('answers lookupModels from the card in use: a synced price change and your own price are marked', async () => {
    const card = structuredClone(getBundledCard());
    card.createdAt = '2099-01-01';
    const sonnet = card.models.find((m) => m.id === 'anthropic/claude-sonnet-4-5')!;
    sonnet.offers.default!.prices.input = 2.5;
    await syncedRateCard.setValue({ card, savedAt: 1 });
    await setPriceOverride('anthropic/claude-sonnet-4-5', { prices: { input: 1, output: 2 } });
    const r = await rateCardHandlers.lookupModels({ query: 'claude-sonnet-4-5' }, {} as never);
    const model = r.models[0];
    expect(model.id).toBe('anthropic/claude-sonnet-4-5');
    expect(model.override?.prices.input).toBe(1);
    const lab = model.offers.find((o) => o.kind === 'default')!;
    expect(lab.fields.find((f) => f.field === 'input')?.value).toBe(2.5);
    expect(lab.sync).toMatchObject({ kind: 'prices', bundled: { input: 3 } });
  });

  it('answers priceUsage, getModels, getRateCardStatus and refreshRateCard', async () => {
    vi.stubGlobal('fetch', feeds({}).fetchImpl);
    const off = registerHandlers(setupRateCard());
    const price = await sendMessage('priceUsage', {
      model: 'gpt-5',
      usage: { input: 1_000_000, output: 0 },
    });
    expect(price).toMatchObject({ priced: true, model: 'openai/gpt-5', costMicros: 1_250_000 });
    const unknown = await sendMessage('priceUsage', {
      model: 'nope-1',
      usage: { input: 1, output: 1 },
    });
    expect(unknown.priced).toBe(false);

    await setPriceOverride('openai/gpt-5', { prices: { input: 1, output: 8 } });
    const custom = await sendMessage('priceUsage', {
      model: 'gpt-5',
      usage: { input: 1_000_000, output: 0 },
    });
    expect(custom).toMatchObject({ override: true, costMicros: 1_000_000 });

    const { models, version } = await sendMessage('getModels', {});
    expect(version).toBe(getBundledCard().version);
    expect(models.find((m) => m.id === 'openai/gpt-5')!.override).toBe(true);
    expect(models.find((m) => m.id === 'openai/gpt-4.1')!.override).toBe(false);

    expect(await sendMessage('getRateCardStatus', {})).toMatchObject({ origin: 'bundled' });
    const refreshed = await sendMessage('refreshRateCard', {});
    expect(refreshed.error).toBeNull();
    expect(refreshed.syncing).toBe(false);
    expect(refreshed.lastSync).not.toBeNull();
    off();
    vi.unstubAllGlobals();
  });

  it('creates the 12-hour alarm and syncs on install and on the alarm', async () => {
    const fetchSpy = vi.fn(feeds({}).fetchImpl);
    vi.stubGlobal('fetch', fetchSpy);
    setupRateCard();
    await vi.waitFor(async () => {
      expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 720 });
    });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(4));
    await vi.waitFor(async () => expect((await getStatus()).syncing).toBe(false));
    await fakeBrowser.alarms.onAlarm.trigger({
      name: SYNC_ALARM,
      scheduledTime: Date.now(),
    } as never);
    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(8));
    vi.unstubAllGlobals();
  });
});
