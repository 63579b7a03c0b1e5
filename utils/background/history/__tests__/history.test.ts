import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  applyRetention,
  checkTimeZone,
  configureHistory,
  historyHandlers,
  importHistory,
  importUsage,
  recordTurn,
  refreshToolbarBadge,
  repriceHistory,
  TOOLBAR_BADGE_COLORS,
} from '@/utils/background/history';
import { getBundledCard, priceUsage } from '@/utils/core/ratecard';
import {
  periodContaining,
  previousPeriod,
  storedFamilyOf,
  tokenFactor,
} from '@/utils/core/aggregate';
import { tokenizerForModel } from '@/utils/core/tokenize/families';
import type { TurnEvent } from '@/utils/core/types';
import { HistoryDB } from '@/utils/db/schema';
import { ROLLUP_TIME_ZONE } from '@/utils/db/write';
import {
  budgetSettings,
  historyHealth,
  retentionSettings,
  privacySettings,
  siteSettings,
} from '@/utils/storage';
import { budgetNotified } from '@/utils/storage/state/background';
import { registerHandlers, sendMessage } from '@/utils/messaging';
import { generateEvents } from '../../../db/__tests__/generate';
import { turnMaker } from './turns';
import { setLocale } from '@/utils/i18n';
import { readAllEvents } from '@/utils/db/export';

const NOW = Date.UTC(2026, 5, 17, 12); // Wednesday
let db: HistoryDB;
let now = NOW;

beforeEach(() => {
  db = new HistoryDB(`bg-${Math.random().toString(36).slice(2)}`);
  now = NOW;
  configureHistory({ db: () => db, now: () => now, getCard: async () => getBundledCard() });
});
afterEach(async () => {
  await db.delete();
});

const turn = turnMaker(NOW - 60_000, { input: 10_000, output: 2_000 });

describe('recordTurn', () => {
  it('prices with the rate card, stores the cost, version and prices applied', async () => {
    const t = turn();
    const res = await recordTurn(t);
    const expected = priceUsage(getBundledCard(), 'openai/gpt-5', { input: 10_000, output: 2_000 });
    if (!expected.priced) throw new Error('gpt-5 must be on the bundled card');
    expect(res).toEqual({ stored: true, duplicate: false, costMicroUsd: expected.costMicros });
    expect(expected.costMicros).toBe(10_000 * 1.25 + 2_000 * 10); // $1.25 / $10 per 1M
    const [row] = await db.events.toArray();
    expect(row.costMicroUsd).toBe(expected.costMicros);
    expect(row.rateCardVersion).toBe(getBundledCard().version);
    expect(row.prices).toMatchObject({ currency: 'USD', perMillion: { input: 1.25, output: 10 } });
  });

  it('resolves a site label when the overlay had no canonical id', async () => {
    const res = await recordTurn(turn({ model: null, modelLabel: 'claude-sonnet-4.5' }));
    expect(res.costMicroUsd).toBeGreaterThan(0);
    expect((await db.events.toArray())[0].model).toBe('anthropic/claude-sonnet-4-5');
  });

  it('stores an unknown model as unpriced (null), never $0', async () => {
    const res = await recordTurn(turn({ model: null, modelLabel: 'Totally Unknown 9000' }));
    expect(res).toEqual({ stored: true, duplicate: false, costMicroUsd: null });
    const [row] = await db.events.toArray();
    expect(row.costMicroUsd).toBeNull();
    expect(row.prices).toBeNull();
    const [day] = await db.dayTotals.toArray();
    expect(day).toMatchObject({ events: 1, pricedEvents: 0, costMicroUsd: 0 });
  });

  it('keeps a model the stream named that the card does not know: unpriced, not priced as the label', async () => {
    // The page shows a label the card can price; the stream said another model answered.
    const res = await recordTurn(turn({ model: 'gpt-5-6', modelLabel: 'claude-sonnet-4.5' }));
    expect(res.costMicroUsd).toBeNull();
    const [row] = await db.events.toArray();
    expect(row).toMatchObject({ model: 'gpt-5-6', modelLabel: 'claude-sonnet-4.5' });
    expect(row.costMicroUsd).toBeNull();
    const [day] = await db.dayTotals.toArray();
    expect(day).toMatchObject({ model: 'gpt-5-6', events: 1, pricedEvents: 0, costMicroUsd: 0 });
  });

  it('skips a repeated key: reported as duplicate, counted once', async () => {
    const t = turn();
    await recordTurn(t);
    const again = await recordTurn({ ...t });
    expect(again).toMatchObject({ stored: false, duplicate: true });
    expect(await db.events.count()).toBe(1);
    expect((await db.dayTotals.toArray())[0].events).toBe(1);
  });

  it('stores nothing for a site the user switched off', async () => {
    await siteSettings.setValue({ disabled: ['chatgpt'], badgeHidden: [] });
    expect(await recordTurn(turn())).toEqual({
      stored: false,
      duplicate: false,
      costMicroUsd: null,
    });
    expect(await db.events.count()).toBe(0);
  });

  it('keeps text and titles only when the user opted in', async () => {
    const withText = { text: { prompt: 'secret', reply: 'answer' }, conversationTitle: 'Trip' };
    await recordTurn(turn(withText));
    expect((await db.events.toArray())[0].text).toBeUndefined();
    expect((await db.conversations.toArray())[0].title).toBeUndefined();
    await privacySettings.setValue({ storePromptText: true });
    await recordTurn(turn(withText));
    const rows = await db.events.toArray();
    expect(rows[1].text).toEqual({ prompt: 'secret', reply: 'answer' });
    expect((await db.conversations.toArray())[0].title).toBe('Trip');
  });

  it('rejects a malformed turn with a clear message and stores nothing', async () => {
    await expect(
      recordTurn({ ...turn(), input: { tokens: -1 } } as unknown as TurnEvent),
    ).rejects.toThrow(/recordTurn: input\.tokens/);
    expect(await db.events.count()).toBe(0);
  });

  it('storage full: tells the user, keeps what was stored', async () => {
    await recordTurn(turn());
    const before = await db.events.toArray();
    vi.spyOn(db.events, 'bulkAdd').mockRejectedValueOnce(
      new Dexie.QuotaExceededError('QuotaExceededError: quota exceeded'),
    );
    const res = await recordTurn(turn());
    expect(res.stored).toBe(false);
    expect(await db.events.toArray()).toEqual(before);
    const health = await historyHealth.getValue();
    expect(health.quotaExceededAt).toBe(NOW);
    // Kept aside to be saved later (utils/background/history/__tests__/pending.test.ts), so none lost.
    expect(res.queued).toBe(true);
    expect(health.pendingTurns).toBe(1);
    expect(health.unsavedTurns).toBe(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    // Space is back: the next turn is stored and the banner clears.
    expect((await recordTurn(turn())).stored).toBe(true);
    expect((await historyHealth.getValue()).quotaExceededAt).toBeNull();
  });

  it('answers through the typed protocol', async () => {
    registerHandlers(historyHandlers);
    const res = await sendMessage('recordTurn', turn());
    expect(res.stored).toBe(true);
  });
});

describe('repriceHistory', () => {
  it('re-prices the week on another model with the Chinese token ratio, per turn', async () => {
    await recordTurn(turn());
    await recordTurn(
      turn({ input: { tokens: 300_000, provenance: 'exact', family: 'o200k_base' } }),
    );
    const res = await repriceHistory({
      model: 'deepseek/deepseek-v3.2',
      profile: 'cjk',
      start: NOW - 86_400_000,
      end: NOW,
    });
    // o200k → DeepSeek V3 on Chinese text: the vocabularies' counts on the engine's reference
    // Chinese characters (0.74; tests/fixtures/tokenize/reference-counts.json).
    const f = 0.74;
    const card = getBundledCard();
    const cost = (input: number, output: number) => {
      const r = priceUsage(card, 'deepseek/deepseek-v3.2', {
        input: Math.round(input * f),
        output: Math.round(output * f),
      });
      if (!r.priced) throw new Error('deepseek-v3.2 must be priced');
      return r.costMicros;
    };
    expect(res.costMicroUsd).toBe(cost(10_000, 2_000) + cost(300_000, 2_000));
    expect(res.events).toBe(2);
    expect(res.modelName).toBeTruthy();
    expect(res.actualMicroUsd).toBeGreaterThan(res.costMicroUsd!);
    const unknown = await repriceHistory({
      model: 'nobody/never',
      profile: 'latin',
      start: 0,
      end: NOW,
    });
    expect(unknown.costMicroUsd).toBeNull();
  });

  it('re-prices imported agent usage per token class, cache reads at the cache-read rate', async () => {
    const time = NOW - 3_600_000;
    const tokens = {
      input: 2_000,
      cacheRead: 900_000,
      cacheWrite5m: 30_000,
      cacheWrite1h: 10_000,
      output: 8_000,
      reasoning: 0,
    };
    const agentEvent = {
      key: 'claude-code|reprice-test',
      source: 'claude-code',
      agent: 'claude-code',
      project: '/home/me/app',
      session: 's1',
      model: 'claude-sonnet-4-5',
      time,
      tokens,
      requests: 1,
      cost: null,
    };
    expect(await importUsage([agentEvent], undefined)).toMatchObject({ added: 1 });
    const res = await repriceHistory({
      model: 'openai/gpt-5',
      profile: 'latin',
      start: NOW - 86_400_000,
      end: NOW,
    });
    const [stored] = await readAllEvents(db);
    const from = storedFamilyOf(stored.input.family, stored.model);
    const f = tokenFactor(from, tokenizerForModel('openai/gpt-5').family, 'latin');
    expect(from?.id).toBe('estimate:claude');
    const card = getBundledCard();
    const scaled = (n: number) => Math.round(n * f);
    const expected = priceUsage(
      card,
      'openai/gpt-5',
      {
        input: scaled(tokens.input),
        cacheRead: scaled(tokens.cacheRead),
        cacheWrite: scaled(tokens.cacheWrite5m + tokens.cacheWrite1h),
        output: scaled(tokens.output),
      },
      { at: time },
    );
    if (!expected.priced) throw new Error('gpt-5 must be priced');
    expect(res.costMicroUsd).toBe(expected.costMicros);
    expect(res.cache).toEqual({ read: 900_000, write: 40_000 });
    expect(res.scaledCache.read).toBe(scaled(900_000));
    // Cache reads as plain input would cost far more: the classes are kept apart.
    const asInput = priceUsage(
      card,
      'openai/gpt-5',
      { input: scaled(tokens.input + tokens.cacheRead), output: scaled(tokens.output) },
      { at: time },
    );
    if (!asInput.priced) throw new Error('gpt-5 must be priced');
    expect(res.costMicroUsd!).toBeLessThan(asInput.costMicros / 2);
    expect(res.actualMicroUsd).toBe(stored.costMicroUsd);
  });
});

describe('badge and budgets', () => {
  const color = async () => fakeBrowser.action.getBadgeBackgroundColor({});
  const hex = (c: string) => {
    const n = parseInt(c.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
  };

  it('shows the week spend, amber from 80%, red from 100%, one notification per period', async () => {
    const notify = vi.spyOn(fakeBrowser.notifications, 'create');
    // Each turn costs 10_000 × 1.25 + 2_000 × 10 = 32_500 micro-USD.
    await budgetSettings.setValue({ weeklyMicroUsd: 100_000, monthlyMicroUsd: null, sites: {} });
    await recordTurn(turn());
    await recordTurn(turn());
    expect(await refreshToolbarBadge()).toEqual({ text: '.07', level: 'ok' });
    expect(await color()).toEqual(hex(TOOLBAR_BADGE_COLORS.ok));
    await recordTurn(turn()); // 97_500: 97.5%
    expect((await refreshToolbarBadge()).level).toBe('warn');
    expect(await color()).toEqual(hex(TOOLBAR_BADGE_COLORS.warn));
    expect(notify).not.toHaveBeenCalled();
    await recordTurn(turn()); // 130_000: over
    expect((await refreshToolbarBadge()).level).toBe('over');
    expect(await color()).toEqual(hex(TOOLBAR_BADGE_COLORS.over));
    await refreshToolbarBadge();
    expect(notify).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.action.getTitle({})).toMatch(/weekly total budget/);
    // Next week: spend starts again, and a new crossing notifies again.
    now = NOW + 7 * 86_400_000;
    expect((await refreshToolbarBadge()).text).toBe('');
    for (let i = 0; i < 4; i++) await recordTurn(turn({ time: now - 1000 }));
    await refreshToolbarBadge();
    expect(notify).toHaveBeenCalledTimes(2);
    expect(Object.keys(await budgetNotified.getValue())).toEqual(['week:total']);
  });

  it('per-site budgets count only that site', async () => {
    await budgetSettings.setValue({
      weeklyMicroUsd: null,
      monthlyMicroUsd: null,
      sites: { claude: { weeklyMicroUsd: 10_000, monthlyMicroUsd: null } },
    });
    await recordTurn(turn()); // chatgpt
    expect((await refreshToolbarBadge()).level).toBe('ok');
    await recordTurn(
      turn({ site: 'claude', key: 'claude|x|1|h', model: 'anthropic/claude-sonnet-4-5' }),
    );
    expect((await refreshToolbarBadge()).level).toBe('over');
  });
});

describe('budgets count imported usage', () => {
  it("an agent bill this week crosses the weekly total and that source's own budget", async () => {
    await budgetSettings.setValue({
      weeklyMicroUsd: 100_000,
      monthlyMicroUsd: null,
      sites: { openrouter: { weeklyMicroUsd: 50_000, monthlyMicroUsd: null } },
    });
    await recordTurn(turn()); // 32_500 of chat
    expect((await refreshToolbarBadge()).level).toBe('ok');
    const bill = {
      key: 'openrouter|budget-test',
      source: 'openrouter',
      agent: 'openrouter',
      project: 'my-key',
      session: null,
      model: 'openai/gpt-5',
      time: NOW - 120_000,
      tokens: {
        input: 1000,
        cacheRead: 0,
        cacheWrite5m: 0,
        cacheWrite1h: 0,
        output: 100,
        reasoning: 0,
      },
      requests: 1,
      cost: { microUsd: 80_000, kind: 'billed' },
    };
    const res = await importUsage([bill], undefined);
    expect(res).toMatchObject({ added: 1 });
    const states = await refreshToolbarBadge();
    expect(states.level).toBe('over');
    expect(states.text).toBe('.11'); // 32_500 + 80_000 micro-USD
    expect(await fakeBrowser.action.getTitle({})).toMatch(/openrouter/);
  });
});

describe('maintenance', () => {
  it('retention keeps whole recent months', async () => {
    const events = generateEvents(300, { end: NOW, days: 120, seed: 4 });
    await importHistory(events, []);
    await retentionSettings.setValue({ months: 2 });
    const removed = await applyRetention();
    const cal = {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      weekStart: 1 as const,
    };
    const cutoff = previousPeriod(periodContaining('month', NOW, cal), cal).start; // 1 May
    const kept = await db.events.toArray();
    expect(kept.length).toBe(events.filter((e) => e.time >= cutoff).length);
    expect(removed).toBe(events.filter((e) => e.time < cutoff).length);
    expect(removed).toBeGreaterThan(0);
  });

  it('rebuilds rollups when the time zone changed', async () => {
    await importHistory(generateEvents(50, { end: NOW, days: 5 }), []);
    await db.meta.put({ key: ROLLUP_TIME_ZONE, value: 'Pacific/Kiritimati' });
    expect(await checkTimeZone()).toBe(true);
    expect((await db.meta.get(ROLLUP_TIME_ZONE))?.value).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    expect(await checkTimeZone()).toBe(false);
  });

  it('import stores rows as exported, drops text unless opted in', async () => {
    const events = generateEvents(5, { end: NOW, days: 1 });
    events[0].text = { prompt: 'p', reply: 'r' };
    const res = await importHistory(events, [[events[0].conversation, 'T']]);
    expect(res).toEqual({ added: 5, duplicates: 0 });
    const rows = await db.events.toArray();
    expect(rows[1]).toEqual({ ...events[1], id: rows[1].id });
    expect(rows[0].text).toBeUndefined();
    await expect(importHistory([{ ...events[1], time: -1 }], [])).rejects.toThrow(
      /Import refused: 0\.time: Too small/,
    );
  });

  it('refuses a bad imported row in the UI language (Chinese)', async () => {
    const [event] = generateEvents(1, { end: NOW, days: 1 });
    setLocale('zh-CN');
    try {
      await expect(importHistory([{ ...event, time: -1 }], [])).rejects.toThrow(
        /^导入被拒绝：0\.time: /,
      );
    } finally {
      setLocale('en');
    }
    expect(await db.events.count()).toBe(0);
  });
});
