/**
 * Budgets: weekly and monthly, in total and per site, as integer micro-USD. Evaluated against
 * the spend of the current week and month; the toolbar badge takes the worst level (amber from
 * 80%, red from 100%), and a notification fires once per budget and period when one is crossed.
 */
export interface BudgetLimits {
  /** null = no budget. */
  weeklyMicroUsd: number | null;
  monthlyMicroUsd: number | null;
}

export interface Budgets extends BudgetLimits {
  /** Per-site budgets by site id. */
  sites: Record<string, BudgetLimits>;
}

export type BudgetLevel = 'none' | 'ok' | 'warn' | 'over';

export interface BudgetState {
  /** e.g. "week:total", "month:site:claude". */
  id: string;
  kind: 'week' | 'month';
  /** "total" or a site id. */
  scope: string;
  limitMicroUsd: number;
  spentMicroUsd: number;
  ratio: number;
  level: BudgetLevel;
}

export const WARN_RATIO = 0.8;

export interface PeriodSpend {
  totalMicroUsd: number;
  bySite: Record<string, number>;
}

export function levelOf(ratio: number): BudgetLevel {
  return ratio >= 1 ? 'over' : ratio >= WARN_RATIO ? 'warn' : 'ok';
}

export function evaluateBudgets(
  budgets: Budgets,
  spend: { week: PeriodSpend; month: PeriodSpend },
): BudgetState[] {
  const states: BudgetState[] = [];
  const add = (kind: 'week' | 'month', scope: string, limit: number | null, spent: number) => {
    if (limit === null || !(limit > 0)) return;
    const ratio = spent / limit;
    states.push({
      id: `${kind}:${scope === 'total' ? 'total' : `site:${scope}`}`,
      kind,
      scope,
      limitMicroUsd: limit,
      spentMicroUsd: spent,
      ratio,
      level: levelOf(ratio),
    });
  };
  add('week', 'total', budgets.weeklyMicroUsd, spend.week.totalMicroUsd);
  add('month', 'total', budgets.monthlyMicroUsd, spend.month.totalMicroUsd);
  for (const [site, limits] of Object.entries(budgets.sites)) {
    add('week', site, limits.weeklyMicroUsd, spend.week.bySite[site] ?? 0);
    add('month', site, limits.monthlyMicroUsd, spend.month.bySite[site] ?? 0);
  }
  return states;
}

const ORDER: BudgetLevel[] = ['none', 'ok', 'warn', 'over'];

/** The worst level over all budgets ("none" when there are no budgets). */
export function worstLevel(states: readonly BudgetState[]): BudgetLevel {
  return states.reduce<BudgetLevel>(
    (worst, s) => (ORDER.indexOf(s.level) > ORDER.indexOf(worst) ? s.level : worst),
    'none',
  );
}

/**
 * Budgets that are over and not yet notified for their current period. `notified` maps a
 * budget id to the period id it was last notified for.
 */
export function budgetsToNotify(
  states: readonly BudgetState[],
  periodIds: { week: string; month: string },
  notified: Readonly<Record<string, string>>,
): BudgetState[] {
  return states.filter((s) => s.level === 'over' && notified[s.id] !== periodIds[s.kind]);
}

/**
 * The badge's short amount (at most 4 characters): "0.42", "9.5", "120", "1.2k", "15k".
 * Whole units of the display currency; the symbol is in the badge's tooltip.
 */
export function badgeAmount(units: number): string {
  if (units <= 0) return '0';
  if (units < 10) return units.toFixed(units < 1 ? 2 : 1).replace(/^0\./, '.');
  if (units < 999.5) return String(Math.round(units));
  if (units < 9_950) return `${(units / 1000).toFixed(1)}k`;
  if (units < 999_500) return `${Math.round(units / 1000)}k`;
  return `${Math.round(units / 1_000_000)}M`;
}
