/**
 * The history's only writer (background): prices and stores each completed turn, imports and
 * deletes on the options page's request, keeps the toolbar badge on the week's spend (amber from
 * 80% of a budget, red from 100%), notifies once per period when a budget is crossed, applies
 * retention, and rebuilds the day rollups when the time zone changed.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import {
  badgeAmount,
  breakdown,
  budgetsToNotify,
  evaluateBudgets,
  periodContaining,
  periodId,
  previousPeriod,
  repriceEvents,
  totalsIn,
  worstLevel,
  type BudgetLevel,
  type BudgetState,
  type CalendarOptions,
  type PeriodSpend,
} from '@/utils/core/aggregate';
import { getCard } from '@/utils/background/ratecard';
import { createPendingQueue } from '@/utils/background/history-pending';
import { createSnapshotKeeper } from '@/utils/background/history-snapshot';
import {
  findModel,
  priceUsage,
  rateFor,
  resolveModelId,
  type PriceOverrides,
  type Priced,
  type RateCard,
} from '@/utils/core/ratecard';
import type { TurnEvent } from '@/utils/core/types';
import { historyDb, type HistoryDB } from '@/utils/db/schema';
import {
  deleteEverything,
  pruneBefore,
  rebuildDerived,
  storedRollupTimeZone,
} from '@/utils/db/maintenance';
import { eventsBetween } from '@/utils/db/queries';
import { storedEventSchema } from '@/utils/db/transfer';
import { EventFlag, type AppliedPrices, type StoredEvent } from '@/utils/db/types';
import { recordEvents } from '@/utils/db/write';
import {
  budgetSettings,
  calendarSettings,
  historyHealth,
  resolveCalendar,
  retentionSettings,
  currencySettings,
  privacySettings,
  siteSettings,
} from '@/utils/storage';
import { budgetNotified } from '@/utils/storage/state/background';
import type { Handlers, Req, Res } from '@/utils/messaging';
import { getValidOverrides } from '@/utils/storage/validated';

/** What the writer needs from outside, replaceable in tests. */
export interface HistoryDeps {
  db: () => HistoryDB;
  /** The rate card in use (synced or bundled). */
  getCard: () => Promise<RateCard>;
  /** The user's custom prices by canonical model id. */
  getOverrides: () => Promise<PriceOverrides>;
  now: () => number;
  /** Display currency for the badge: code and units per USD. */
  getCurrency: () => Promise<{ currency: string; perUsd: number }>;
}

const deps: HistoryDeps = {
  db: historyDb,
  getCard,
  getOverrides: getValidOverrides,
  now: () => Date.now(),
  getCurrency: async () => {
    const { currency, rates } = await currencySettings.getValue();
    const rate = currency === 'USD' ? null : rateFor(currency, rates);
    return rate ? { currency: rate.currency, perUsd: rate.perUsd } : { currency: 'USD', perUsd: 1 };
  },
};

/** Replace dependencies (the background wires the rate card's; tests wire fakes). */
export function configureHistory(overrides: Partial<HistoryDeps>): void {
  Object.assign(deps, overrides);
}

const int = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const tokenCount = z.object({
  tokens: int,
  provenance: z.enum(['site', 'exact', 'vocab', 'estimate', 'unknown']),
  family: z.string().max(200),
});
/** A turn from a content script: checked before anything is priced or stored. */
const turnEventSchema = z.object({
  key: z.string().min(1).max(2_000),
  site: z.string().regex(/^[a-z0-9-]{1,100}$/),
  conversationId: z.string().max(1_000),
  turnIndex: int,
  time: int,
  modelLabel: z.string().max(500).nullable(),
  model: z.string().max(500).nullable(),
  input: tokenCount,
  output: tokenCount,
  reasoning: tokenCount,
  regenerated: z.boolean().optional(),
  offer: z.enum(['default', 'openrouter']).optional(),
  text: z.object({ prompt: z.string(), reply: z.string() }).optional(),
  conversationTitle: z.string().max(2_000).optional(),
});

async function calendar(): Promise<CalendarOptions> {
  const { weekStart } = await calendarSettings.getValue();
  return resolveCalendar(weekStart, globalThis.navigator?.language ?? 'en');
}

/** The popup's precomputed numbers: withdrawn before every database change, rewritten after. */
export const dashboardKeeper = createSnapshotKeeper({
  db: () => deps.db(),
  now: () => deps.now(),
  calendar,
});

/** Turns refused by a full disk, saved later (history-pending.ts). */
const pending = createPendingQueue({
  write: async (events, titles) =>
    dashboardKeeper.change(async () =>
      recordEvents(deps.db(), events, { timeZone: (await calendar()).timeZone, titles }),
    ),
  isQuotaError,
});

function appliedPrices(card: RateCard, r: Priced, overrides: PriceOverrides): AppliedPrices {
  const model = findModel(card, r.model);
  const offer = r.override
    ? { prices: overrides[r.model].prices, tiers: overrides[r.model].tiers ?? [] }
    : r.offer !== 'override'
      ? model?.offers[r.offer]
      : undefined;
  const tier = offer?.tiers.find((t) => t.above === r.tierAbove);
  const perMillion: Record<string, number> = {};
  for (const [k, v] of Object.entries({ ...offer?.prices, ...tier?.prices }))
    if (typeof v === 'number') perMillion[k] = v;
  return {
    source: r.source,
    offer: r.offer,
    currency: r.currency,
    perMillion,
    tierAbove: r.tierAbove,
  };
}

/** Price a turn on the card (unknown model → unpriced, null cost) and shape it for storage. */
export async function toStoredEvent(turn: TurnEvent, storeText: boolean): Promise<StoredEvent> {
  const [card, overrides] = await Promise.all([deps.getCard(), deps.getOverrides()]);
  const resolved =
    (turn.model && resolveModelId(card, turn.model)) ??
    (turn.modelLabel ? resolveModelId(card, turn.modelLabel) : null) ??
    turn.model;
  const usage = {
    input: turn.input.tokens,
    output: turn.output.tokens,
    // Reasoning of unknown size is not billed as zero-cost knowledge: it is simply not counted.
    reasoning: turn.reasoning.provenance === 'unknown' ? 0 : turn.reasoning.tokens,
  };
  const result = resolved
    ? priceUsage(card, resolved, usage, { overrides, offer: turn.offer })
    : null;
  const priced = result?.priced && result.currency === 'USD' ? result : null;
  let flags = 0;
  if (turn.regenerated) flags |= EventFlag.regenerated;
  if (priced?.override) flags |= EventFlag.customPrice;
  const event: StoredEvent = {
    key: turn.key,
    time: turn.time,
    site: turn.site,
    conversationId: turn.conversationId,
    conversation: `${turn.site}|${turn.conversationId}`,
    turnIndex: turn.turnIndex,
    modelLabel: turn.modelLabel,
    model: priced ? priced.model : resolved,
    input: { ...turn.input },
    output: { ...turn.output },
    reasoning: { ...turn.reasoning },
    costMicroUsd: priced ? priced.costMicros : null,
    rateCardVersion: priced ? card.version : null,
    prices: priced ? appliedPrices(card, priced, overrides) : null,
    flags,
  };
  if (storeText && turn.text) event.text = { prompt: turn.text.prompt, reply: turn.text.reply };
  return event;
}

export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/** `lost`: turns neither stored nor kept aside; `waiting`: turns kept aside to save later. */
async function noteWriteFailure(error: unknown, lost: number, waiting?: number): Promise<void> {
  const health = await historyHealth.getValue();
  await historyHealth.setValue({
    quotaExceededAt: isQuotaError(error) ? deps.now() : health.quotaExceededAt,
    unsavedTurns: health.unsavedTurns + lost,
    lastError: error instanceof Error ? error.message : String(error),
    pendingTurns: waiting ?? health.pendingTurns ?? 0,
  });
  await refreshBadge().catch(() => undefined);
}

async function noteWriteSuccess(waiting?: number): Promise<void> {
  const health = await historyHealth.getValue();
  const pendingTurns = waiting ?? health.pendingTurns ?? 0;
  if (
    health.quotaExceededAt !== null ||
    health.lastError !== null ||
    (health.pendingTurns ?? 0) !== pendingTurns
  ) {
    // Keep the count of unsaved turns visible until the user has seen it in the popup/options.
    await historyHealth.setValue({
      ...health,
      quotaExceededAt: pendingTurns > 0 ? health.quotaExceededAt : null,
      lastError: null,
      pendingTurns,
    });
  }
}

const RETRY_ALARM = 'history-retry';
/** How often turns kept aside are tried again while storage stays full. */
export const RETRY_MINUTES = 5;

/**
 * Store the turns kept aside by a full disk. Runs after every stored turn, on the retry alarm,
 * at start and after retention; the idempotency key makes a repeat harmless.
 */
export async function flushPendingTurns(): Promise<{ saved: number; waiting: number }> {
  const result = await pending.flush();
  if (result.saved > 0) {
    await noteWriteSuccess(result.waiting);
    scheduleBadgeRefresh();
  }
  if (result.waiting === 0) await browser.alarms?.clear(RETRY_ALARM).catch(() => false);
  return result;
}

export async function recordTurn(turn: TurnEvent): Promise<Res<'recordTurn'>> {
  const checked = turnEventSchema.safeParse(turn);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`recordTurn: ${issue.path.join('.') || 'turn'}: ${issue.message}`);
  }
  const [sites, privacy] = await Promise.all([siteSettings.getValue(), privacySettings.getValue()]);
  if (sites.disabled.includes(turn.site)) {
    return { stored: false, duplicate: false, costMicroUsd: null };
  }
  const event = await toStoredEvent(checked.data as TurnEvent, privacy.storePromptText);
  const titles =
    privacy.storePromptText && turn.conversationTitle
      ? new Map([[event.conversation, turn.conversationTitle]])
      : undefined;
  const timeZone = (await calendar()).timeZone;
  try {
    const result = await dashboardKeeper.change(() =>
      recordEvents(deps.db(), [event], { timeZone, titles }),
    );
    if (result.added.length > 0) {
      await noteWriteSuccess();
      scheduleBadgeRefresh();
      // There is room again: save what a full disk refused before (a no-op when none wait).
      if (pending.mayHaveWaiting())
        await flushPendingTurns().catch((e) => console.warn('[history] pending turns', e));
    }
    return {
      stored: result.added.length === 1,
      duplicate: result.duplicates === 1,
      costMicroUsd: event.costMicroUsd,
    };
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    // Storage is full: the transaction rolled back, nothing stored before is touched. Keep the
    // turn aside to save later and tell the user (badge "!", popup and options banner).
    const { refused } = await pending.add([event], titles);
    const waiting = await pending.count();
    await noteWriteFailure(error, refused, waiting);
    if (waiting > 0)
      browser.alarms?.create(RETRY_ALARM, { periodInMinutes: RETRY_MINUTES, delayInMinutes: 1 });
    return {
      stored: false,
      duplicate: false,
      queued: refused === 0,
      costMicroUsd: event.costMicroUsd,
    };
  }
}

export async function importHistory(
  events: StoredEvent[],
  titles: [string, string][],
): Promise<Res<'importHistory'>> {
  // The page validated the file; validate again here, the writer trusts no sender's shapes.
  const rows = z.array(storedEventSchema).max(50_000).safeParse(events);
  if (!rows.success) {
    const issue = rows.error.issues[0];
    throw new Error(`Import refused: ${issue.path.join('.')}: ${issue.message}`);
  }
  const privacy = await privacySettings.getValue();
  const clean = rows.data.map((e) => {
    // Stored as exported (a round trip is lossless), except text the user does not keep.
    const row = { ...e } as StoredEvent;
    if (!privacy.storePromptText) delete row.text;
    return row;
  });
  try {
    const timeZone = (await calendar()).timeZone;
    const result = await dashboardKeeper.change(() =>
      recordEvents(deps.db(), clean, {
        timeZone,
        titles: privacy.storePromptText ? new Map(titles) : undefined,
      }),
    );
    scheduleBadgeRefresh();
    return { added: result.added.length, duplicates: result.duplicates };
  } catch (error) {
    if (isQuotaError(error)) {
      await noteWriteFailure(error, 0);
      throw new Error(
        'Browser storage is full: this part of the import was not stored (what was stored before is intact). Free some space or lower the retention, then import again; duplicates are skipped.',
        { cause: error },
      );
    }
    throw error;
  }
}

/** This week's and month's spend, in total and by site, from the day rollups. */
export async function currentSpend(db: HistoryDB, now: number, cal: CalendarOptions) {
  const week = periodContaining('week', now, cal);
  const month = periodContaining('month', now, cal);
  const first = week.days[0] < month.days[0] ? week.days[0] : month.days[0];
  const lastWeek = week.days[week.days.length - 1];
  const lastMonth = month.days[month.days.length - 1];
  const last = lastWeek > lastMonth ? lastWeek : lastMonth;
  const rows = await db.dayTotals.where('day').between(first, last, true, true).toArray();
  const spendOf = (p: typeof week): PeriodSpend => ({
    totalMicroUsd: totalsIn(rows, p).costMicroUsd,
    bySite: Object.fromEntries(
      breakdown(rows, p, 'site').map((s) => [s.key, s.totals.costMicroUsd]),
    ),
  });
  return { week, month, spend: { week: spendOf(week), month: spendOf(month) } };
}

export const BADGE_COLORS: Record<BudgetLevel, string> = {
  none: '#475569',
  ok: '#475569',
  warn: '#d97706',
  over: '#dc2626',
};

function actionApi() {
  return (
    browser.action ??
    (browser as unknown as { browserAction?: typeof browser.action }).browserAction
  );
}

// A 16×16 amber square: notifications need an icon, and the extension ships none of its own.
const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGklEQVR42mP8z8Dwn4ECwESJ5lEDRg0YNQAAJ/gC/wGz6b4AAAAASUVORK5CYII=';

function describeBudget(s: BudgetState, fmt: (micro: number) => string): string {
  const period = s.kind === 'week' ? 'weekly' : 'monthly';
  const scope = s.scope === 'total' ? 'total' : s.scope;
  return `${fmt(s.spentMicroUsd)} of your ${period} ${scope} budget of ${fmt(s.limitMicroUsd)}`;
}

/** Set the badge to the week's spend and colour it by the worst budget; notify once per period. */
export async function refreshBadge(): Promise<{ text: string; level: BudgetLevel }> {
  const db = deps.db();
  const cal = await calendar();
  const now = deps.now();
  const [{ week, month, spend }, budgets, health, currency] = await Promise.all([
    currentSpend(db, now, cal),
    budgetSettings.getValue(),
    historyHealth.getValue(),
    deps.getCurrency(),
  ]);
  const states = evaluateBudgets(budgets, spend);
  const level = worstLevel(states);
  const units = (micro: number) => (micro / 1e6) * currency.perUsd;
  const fmt = (micro: number) =>
    new Intl.NumberFormat('en', { style: 'currency', currency: currency.currency }).format(
      units(micro),
    );
  const storageFull = health.quotaExceededAt !== null;
  const text = storageFull
    ? '!'
    : spend.week.totalMicroUsd > 0
      ? badgeAmount(units(spend.week.totalMicroUsd))
      : '';
  const title = [
    'Token Meter',
    `This week: ${fmt(spend.week.totalMicroUsd)} (API-equivalent)`,
    ...states.filter((s) => s.level !== 'ok').map((s) => describeBudget(s, fmt)),
    storageFull ? 'Browser storage is full: new turns are not being saved.' : '',
  ]
    .filter(Boolean)
    .join('\n');
  const action = actionApi();
  if (action) {
    await action.setBadgeText({ text });
    await action.setBadgeBackgroundColor({
      color: storageFull ? BADGE_COLORS.over : BADGE_COLORS[level],
    });
    await action.setTitle({ title });
  }
  const notified = await budgetNotified.getValue();
  const ids = { week: periodId(week), month: periodId(month) };
  const due = budgetsToNotify(states, ids, notified);
  if (due.length > 0 && browser.notifications?.create) {
    const next = { ...notified };
    for (const s of due) {
      next[s.id] = ids[s.kind];
      await browser.notifications
        .create(`budget-${s.id}-${ids[s.kind]}`, {
          type: 'basic',
          iconUrl: NOTIFICATION_ICON,
          title: 'Budget reached',
          message: `You have spent ${describeBudget(s, fmt)} (API-equivalent).`,
        })
        .catch(() => undefined);
    }
    await budgetNotified.setValue(next);
  }
  return { text, level };
}

let badgeTimer: ReturnType<typeof setTimeout> | undefined;
/** Coalesce bursts of turns (an import, a busy chat) into one badge refresh. */
function scheduleBadgeRefresh(): void {
  clearTimeout(badgeTimer);
  badgeTimer = setTimeout(() => {
    refreshBadge().catch((e) => console.warn('[history] badge refresh failed', e));
  }, 250);
}

/** Drop events older than the retention; returns how many were removed. */
export async function applyRetention(): Promise<number> {
  const { months } = await retentionSettings.getValue();
  if (!months) return 0;
  const cal = await calendar();
  const now = deps.now();
  const monthStart = periodContaining('month', now, cal);
  // Keep whole months: the cutoff is the start of the month `months - 1` before this one.
  let p = monthStart;
  for (let i = 1; i < months; i++) p = previousPeriod(p, cal);
  const removed = await dashboardKeeper.change(() => pruneBefore(deps.db(), p.start, cal.timeZone));
  // Space may have been freed for turns a full disk refused.
  if (removed > 0) await flushPendingTurns().catch(() => undefined);
  return removed;
}

/** Rebuild the day rollups when the user's time zone is not the one they were computed in. */
export async function checkTimeZone(): Promise<boolean> {
  const cal = await calendar();
  const stored = await storedRollupTimeZone(deps.db());
  if (stored === null || stored === cal.timeZone) return false;
  await dashboardKeeper.change(() => rebuildDerived(deps.db(), cal.timeZone));
  return true;
}

export async function deleteHistory(): Promise<Res<'deleteHistory'>> {
  // Turns kept aside are history too: "delete everything" deletes them.
  await pending.clear();
  await dashboardKeeper.change(() => deleteEverything(deps.db()));
  await historyHealth.setValue({
    quotaExceededAt: null,
    unsavedTurns: 0,
    lastError: null,
    pendingTurns: 0,
  });
  await budgetNotified.setValue({});
  await refreshBadge();
  return { deleted: true };
}

/** Re-price the usage of [start, end) on another model (per turn, with token ratios). */
export async function repriceHistory(req: Req<'repriceHistory'>): Promise<Res<'repriceHistory'>> {
  const [card, overrides] = await Promise.all([deps.getCard(), deps.getOverrides()]);
  const model = findModel(card, req.model);
  const events = await eventsBetween(deps.db(), req.start, req.end);
  const result = repriceEvents(
    events.map((e) => ({
      model: e.model,
      family: e.input.family,
      tokens: { input: e.input.tokens, output: e.output.tokens, reasoning: e.reasoning.tokens },
      costMicroUsd: e.costMicroUsd,
    })),
    model?.id ?? req.model,
    req.profile === 'cjk' ? 'cjk' : 'latin',
    (id, usage) => {
      const r = priceUsage(card, id, usage, { overrides });
      return r.priced && r.currency === 'USD' ? r.costMicros : null;
    },
  );
  return { ...result, modelName: model?.name ?? null };
}

export const historyHandlers: Handlers = {
  recordTurn: (turn) => recordTurn(turn),
  repriceHistory: (req) => repriceHistory(req),
  importHistory: ({ events, titles }) => importHistory(events, titles),
  deleteHistory: () => deleteHistory(),
};

const ALARM = 'history-maintenance';
const DAY_ALARM = 'history-day';

/** Wake at the next local midnight: the popup's snapshot and the badge move to the new day. */
async function armDayRollover(): Promise<void> {
  const end = periodContaining('day', deps.now(), await calendar()).end;
  await browser.alarms.create(DAY_ALARM, { when: end + 1_000 });
}

async function maintain(): Promise<void> {
  await checkTimeZone();
  await applyRetention();
  await flushPendingTurns().catch((e) => console.warn('[history] pending turns', e));
  await dashboardKeeper.refresh();
  await refreshBadge();
  await armDayRollover();
}

/**
 * Start the history's background work and return its message handlers. Listeners are added
 * synchronously (a woken service worker must see the event that woke it); the work runs after.
 */
export function setupHistory(): Handlers {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM || alarm.name === DAY_ALARM)
      maintain().catch((e) => console.warn('[history] maintenance', e));
    if (alarm.name === RETRY_ALARM)
      flushPendingTurns().catch((e) => console.warn('[history] pending turns', e));
  });
  // Hourly: the badge follows the week's rollover, retention runs, a time-zone change is seen.
  browser.alarms.create(ALARM, { periodInMinutes: 60 });
  budgetSettings.watch(() => scheduleBadgeRefresh());
  calendarSettings.watch(() => {
    scheduleBadgeRefresh();
    // The week's days changed: a new snapshot (the popup meanwhile sees a key mismatch).
    dashboardKeeper.schedule(0).catch((e) => console.warn('[history] snapshot', e));
    armDayRollover().catch(() => undefined);
  });
  currencySettings.watch(() => scheduleBadgeRefresh());
  retentionSettings.watch(() => {
    applyRetention()
      .then(() => refreshBadge())
      .catch((e) => console.warn('[history] retention', e));
  });
  maintain().catch((e) => console.warn('[history] startup maintenance', e));
  return historyHandlers;
}
