// The overlay's figures in the user's currency, priced by the background's own handlers on the
// bundled card: DeepSeek in CNY at the lab's list price, GPT-5 in CNY converted at a dated rate,
// another currency after a switch, and a currency with no rate shown in USD with the reason.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMeter } from '@/utils/overlay/meter';
import { toPriceReply } from '@/utils/overlay/services';
import { sumLocal } from '@/utils/overlay/meter/view';
import { rateCardHandlers, resetRateCardMemory } from '@/utils/background/ratecard';
import { currencySettings } from '@/utils/storage';
import { formatCostShort, localMoneyNote } from '@/components/overlay/format';
import { setLocale } from '@/utils/i18n';
import type { MeterServices, MeterView, Snapshot } from '@/utils/overlay/types';
import type { Turn } from '@/utils/sites/types';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const sender = {} as never;

/** The meter's services wired straight to the background's handlers (no messaging layer). */
function realServices(currency: () => string): MeterServices {
  const asked = () => (currency() === 'USD' ? undefined : currency());
  return {
    countTokens: async (_m, text) => ({ tokens: words(text), provenance: 'exact', family: 'w' }),
    async modelInfo(id) {
      const reply = await rateCardHandlers.priceUsage(
        { model: id, usage: { input: 0, output: 0 } },
        sender,
      );
      return reply.priced ? { id: reply.model, name: reply.name, contextWindow: null } : null;
    },
    priceUsage: async (model, usage) =>
      toPriceReply(await rateCardHandlers.priceUsage({ model, usage, currency: asked() }, sender)),
    priceUsageMany: async (model, usages) =>
      (await rateCardHandlers.priceUsageMany({ model, usages, currency: asked() }, sender)).map(
        toPriceReply,
      ),
    recordTurn: async () => undefined,
  };
}

const u = (text: string): Turn => ({ role: 'user', text, thinking: '' });
const a = (text: string): Turn => ({ role: 'assistant', text, thinking: '' });
const snap: Snapshot = {
  url: 'https://chat.deepseek.com/a/chat/s/c1',
  conversationId: 'c1',
  draft: 'a draft of five words',
  turns: [u('one two three'), a('four five'), u('six'), a('seven eight nine')],
  modelLabel: null,
  streaming: false,
};

function setup(model: string, currency: { value: string }) {
  const views: MeterView[] = [];
  const meter = createMeter({
    site: { id: 'deepseek', label: 'DeepSeek' },
    services: realServices(() => currency.value),
    onView: (v) => views.push(v),
    settleMs: 1_000_000,
  });
  return { meter, last: () => views.at(-1)!, ready: meter.setOverride(model) };
}

beforeEach(() => {
  fakeBrowser.reset();
  resetRateCardMemory();
  setLocale('en');
  // A Saturday, off-peak, after DeepSeek's 2026-08 price change.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-28T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('overlay figures in the user currency', () => {
  it('DeepSeek in CNY: every figure at the lab list price, the total the sum of the rows', async () => {
    const currency = { value: 'CNY' };
    const { meter, last, ready } = setup('deepseek-v4-flash', currency);
    await ready;
    await meter.update(snap);
    const view = last();
    expect(view.model.info?.id).toBe('deepseek/deepseek-v4-flash');
    const rows = view.rows.map((r) => r.local);
    expect(rows.every((r) => r?.currency === 'CNY' && r.basis === 'list price')).toBe(true);
    // Row 2: input 3 + 2 + 1 = 6 tokens, output 3, at ¥1 / ¥2 per M = 6 + 6 micro-yuan.
    expect(rows[1]!.micros).toBe(6 * 1 + 3 * 2);
    expect(view.conversation.local).toMatchObject({
      currency: 'CNY',
      basis: 'list price',
      micros: rows[0]!.micros + rows[1]!.micros,
    });
    // The USD figures are still there, underneath (0.22 / 0.66 per M): not the yuan relabelled.
    expect(view.rows[1].costMicros).toBe(Math.round(6 * 0.22 + 3 * 0.66));
    expect(view.draft?.local).toMatchObject({ currency: 'CNY', micros: 5 });
    expect(view.localError).toBeUndefined();
    expect(localMoneyNote(view.conversation.local!)).toMatch(/^CNY list price \(DeepSeek/);
    expect(formatCostShort(view.conversation.costMicros!, view.conversation.local)).toMatch(
      /^CN¥0\.0000/,
    );
  });

  it('GPT-5 in CNY is converted at the dated rate; a switch to EUR re-prices; XAF falls back to USD', async () => {
    const currency = { value: 'CNY' };
    const { meter, last, ready } = setup('gpt-5', currency);
    await ready;
    await meter.update(snap);
    let conv = last().conversation;
    expect(conv.local).toMatchObject({ currency: 'CNY', basis: 'converted' });
    expect(conv.local!.rate).toMatchObject({
      perUsd: 7.1726,
      date: '2025-02-25',
      source: 'bundled',
    });
    // The bundled rate is from 2025: more than a week old on 2026-11-28.
    expect(localMoneyNote(conv.local!)).toBe(
      'converted at 7.1726 CNY/USD on 2025-02-25 (stale rate)',
    );
    const usd = conv.costMicros!;
    expect(conv.local!.micros).toBeGreaterThan(usd * 7);

    currency.value = 'EUR';
    await meter.reprice();
    conv = last().conversation;
    expect(conv.costMicros).toBe(usd);
    expect(conv.local).toMatchObject({ currency: 'EUR', basis: 'converted' });
    expect(last().draft?.local?.currency).toBe('EUR');

    // A rate of the user's own wins over the bundled one, and is not called stale.
    await currencySettings.setValue({
      currency: 'EUR',
      rates: { EUR: { currency: 'EUR', perUsd: 0.5, date: '2026-01-01', source: 'user' } },
    });
    await meter.reprice();
    conv = last().conversation;
    expect(conv.local!.rate).toMatchObject({ perUsd: 0.5, source: 'user' });
    expect(localMoneyNote(conv.local!)).toBe('converted at 0.5 EUR/USD on 2026-01-01');

    currency.value = 'XAF';
    await meter.reprice();
    const view = last();
    expect(view.conversation.local).toBeUndefined();
    expect(view.conversation.costMicros).toBe(usd);
    expect(view.localError).toBe('no exchange rate for XAF');
  });

  it('a total mixes list prices and converted costs only as "mixed", never across currencies', () => {
    const cny = (micros: number, basis: 'list price' | 'converted') => ({
      currency: 'CNY',
      micros,
      basis,
      source: 's',
    });
    expect(sumLocal([cny(1, 'list price'), cny(2, 'list price')])).toMatchObject({
      micros: 3,
      basis: 'list price',
    });
    expect(sumLocal([cny(1, 'list price'), cny(2, 'converted')])?.basis).toBe('mixed');
    expect(sumLocal([cny(1, 'list price'), { ...cny(2, 'converted'), currency: 'EUR' }])).toBe(
      undefined,
    );
    expect(sumLocal([cny(1, 'list price'), undefined])).toBeUndefined();
    expect(sumLocal([])).toBeUndefined();
  });

  it('a cached figure is priced again when DeepSeek peak hours open and close', async () => {
    // Tuesday 2026-12-01, one minute before the 01:00 UTC peak window (x2).
    vi.setSystemTime(new Date('2026-12-01T00:59:00Z'));
    const currency = { value: 'USD' };
    const { meter, last, ready } = setup('deepseek-v4-flash', currency);
    await ready;
    await meter.update(snap);
    const offPeak = last().conversation.costMicros!;
    const offPeakDraft = last().draft!.costMicros!;
    expect(offPeak).toBeGreaterThan(0);
    // The same page a minute later (nothing on it changed): the peak price.
    vi.setSystemTime(new Date('2026-12-01T01:00:30Z'));
    await meter.update({ ...snap });
    // Double, to the micro-dollar each row and the draft are rounded to.
    const peak = last().conversation.costMicros!;
    expect(Math.abs(peak - 2 * offPeak)).toBeLessThanOrEqual(2);
    expect(Math.abs(last().draft!.costMicros! - 2 * offPeakDraft)).toBeLessThanOrEqual(1);
    // Still inside the window: the cache answers, the figure holds.
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'));
    await meter.update({ ...snap });
    expect(last().conversation.costMicros).toBe(peak);
    // 04:00 closes the window.
    vi.setSystemTime(new Date('2026-12-01T04:00:00Z'));
    await meter.update({ ...snap });
    expect(last().conversation.costMicros).toBe(offPeak);
  });

  it('redraws by itself when a peak window opens on a page that does not change', async () => {
    // Tuesday 2026-12-01 00:59 UTC; the clock and the timers are the test's.
    vi.setSystemTime(new Date('2026-12-01T00:59:00Z'));
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const views: MeterView[] = [];
    const meter = createMeter({
      site: { id: 'deepseek', label: 'DeepSeek' },
      services: realServices(() => 'USD'),
      onView: (v) => views.push(v),
      settleMs: 1_000_000,
      now: () => Date.now(),
      setTimer: (fn, ms) => {
        const timer = { fn, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimer: (t) => void ((t as { cleared: boolean }).cleared = true),
    });
    await meter.setOverride('deepseek-v4-flash');
    await meter.update(snap);
    const offPeak = views.at(-1)!.conversation.costMicros!;
    const pending = () => timers.filter((t) => !t.cleared);
    // One timer, due when the window opens at 01:00 (a minute away).
    expect(pending()).toHaveLength(1);
    expect(pending()[0].ms).toBeGreaterThan(59_000);
    expect(pending()[0].ms).toBeLessThanOrEqual(60_000);
    const seen = views.length;
    vi.setSystemTime(new Date('2026-12-01T01:00:00Z'));
    const due = pending()[0];
    due.cleared = true;
    due.fn();
    await vi.waitFor(() => expect(views.length).toBeGreaterThan(seen));
    await vi.waitFor(() =>
      expect(Math.abs(views.at(-1)!.conversation.costMicros! - 2 * offPeak)).toBeLessThanOrEqual(2),
    );
    // The next wake-up: when the window closes at 04:00 (less the moments the re-pricing took).
    await vi.waitFor(() => expect(pending()).toHaveLength(1));
    expect(pending()[0].ms).toBeGreaterThan(3 * 3_600_000 - 1_000);
    expect(pending()[0].ms).toBeLessThanOrEqual(3 * 3_600_000);
    meter.dispose();
    expect(pending()).toEqual([]);
  });

  it('sets no price timer for a model without time rules', async () => {
    vi.setSystemTime(new Date('2026-12-01T00:59:00Z'));
    const timers: number[] = [];
    const meter = createMeter({
      site: { id: 'deepseek', label: 'DeepSeek' },
      services: realServices(() => 'USD'),
      onView: () => {},
      settleMs: 1_000_000,
      setTimer: (_fn, ms) => timers.push(ms),
      clearTimer: () => {},
    });
    await meter.setOverride('gpt-5');
    await meter.update(snap);
    expect(timers).toEqual([]);
    meter.dispose();
  });
});
