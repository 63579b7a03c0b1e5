/**
 * The toolbar badge (the extension icon's text, colour and tooltip): the week's spend, amber
 * from 80% of a budget, red from 100% (and "!" in red while storage is full); and the budget
 * notifications, once per period and budget when it is crossed.
 */
import { browser } from 'wxt/browser';
import {
  badgeAmount,
  breakdown,
  budgetsToNotify,
  evaluateBudgets,
  periodContaining,
  periodId,
  totalsIn,
  worstLevel,
  type BudgetLevel,
  type BudgetState,
  type CalendarOptions,
  type PeriodSpend,
} from '@/utils/core/aggregate';
import type { HistoryDB } from '@/utils/db/schema';
import { budgetSettings, historyHealth } from '@/utils/storage';
import { budgetNotified } from '@/utils/storage/state/background';
import { formatCurrency, t } from '@/utils/i18n';
import { i18nReady } from '@/utils/i18n/browser';
import { calendar, deps } from './deps';

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

/** The toolbar badge's background by the worst budget level. */
export const TOOLBAR_BADGE_COLORS: Record<BudgetLevel, string> = {
  none: '#475569',
  ok: '#475569',
  warn: '#d97706',
  over: '#dc2626',
};

/** `browser.action` (MV3), or `browserAction` where only that exists (Firefox MV2). */
function actionApi() {
  return (
    browser.action ??
    (browser as unknown as { browserAction?: typeof browser.action }).browserAction
  );
}

/** Notifications need an icon: the extension's own (public/icon, from assets/icon.svg). */
const NOTIFICATION_ICON_PATH = '/icon/128.png';

function describeBudget(s: BudgetState, fmt: (micro: number) => string): string {
  const spent = fmt(s.spentMicroUsd);
  const limit = fmt(s.limitMicroUsd);
  return s.scope === 'total'
    ? t(`notify.budget.${s.kind}.total`, { spent, limit })
    : t(`notify.budget.${s.kind}.site`, { spent, limit, site: s.scope });
}

/** Notify each budget crossed in its period, once (remembered in `budgetNotified`). */
async function notifyBudgets(
  states: BudgetState[],
  ids: { week: string; month: string },
  fmt: (micro: number) => string,
): Promise<void> {
  const notified = await budgetNotified.getValue();
  const due = budgetsToNotify(states, ids, notified);
  if (due.length === 0 || !browser.notifications?.create) return;
  const next = { ...notified };
  for (const s of due) {
    next[s.id] = ids[s.kind];
    await browser.notifications
      .create(`budget-${s.id}-${ids[s.kind]}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL(NOTIFICATION_ICON_PATH),
        title: t('notify.budgetTitle'),
        message: t('notify.budgetMessage', { budget: describeBudget(s, fmt) }),
      })
      .catch(() => undefined);
  }
  await budgetNotified.setValue(next);
}

/**
 * Set the toolbar badge to the week's spend and colour it by the worst budget; notify once per
 * period.
 */
export async function refreshToolbarBadge(): Promise<{ text: string; level: BudgetLevel }> {
  const db = deps.db();
  await i18nReady();
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
  const fmt = (micro: number) => formatCurrency(units(micro), currency.currency);
  const storageFull = health.quotaExceededAt !== null;
  const text = storageFull
    ? '!'
    : spend.week.totalMicroUsd > 0
      ? badgeAmount(units(spend.week.totalMicroUsd))
      : '';
  const title = [
    t('ext.name'),
    t('toolbar.thisWeek', { amount: fmt(spend.week.totalMicroUsd) }),
    ...states.filter((s) => s.level !== 'ok').map((s) => describeBudget(s, fmt)),
    storageFull ? t('toolbar.storageFull') : '',
  ]
    .filter(Boolean)
    .join('\n');
  const action = actionApi();
  if (action) {
    await action.setBadgeText({ text });
    await action.setBadgeBackgroundColor({
      color: storageFull ? TOOLBAR_BADGE_COLORS.over : TOOLBAR_BADGE_COLORS[level],
    });
    await action.setTitle({ title });
  }
  await notifyBudgets(states, { week: periodId(week), month: periodId(month) }, fmt);
  return { text, level };
}

let toolbarBadgeTimer: ReturnType<typeof setTimeout> | undefined;
/** Coalesce bursts of turns (an import, a busy chat) into one toolbar badge refresh. */
export function scheduleToolbarBadgeRefresh(): void {
  clearTimeout(toolbarBadgeTimer);
  toolbarBadgeTimer = setTimeout(() => {
    refreshToolbarBadge().catch((e) => console.warn('[history] badge refresh failed', e));
  }, 250);
}
