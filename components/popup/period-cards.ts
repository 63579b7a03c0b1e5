/**
 * What each period card says (today / this week / this month against the previous period), in
 * one place for both renderings: the React cards (PeriodCards.tsx) and the first paint made
 * before React has loaded (first-paint.ts).
 */
import type { PeriodKind } from '@/utils/core/aggregate/periods';
import type { Dashboard } from '@/utils/db/queries';
import { t } from '@/utils/i18n';
import { formatChange, type Money } from './money-format';

export const PERIOD_KINDS = ['day', 'week', 'month'] as const;

export interface PeriodCard {
  kind: PeriodKind;
  title: string;
  amount: string;
  /** How the amount was converted (a sum of history at one rate); null in USD. */
  amountTitle: string | null;
  change: string;
  /** '', 'tm-up' or 'tm-down'. */
  changeClass: string;
  /** "last week: $12.00". */
  previousTitle: string;
  sub: string;
  /** Data attributes the e2e check reads. */
  microUsd: number;
  events: number;
  previousMicroUsd: number;
}

export function periodCards(dashboard: Dashboard, money: Money): PeriodCard[] {
  return PERIOD_KINDS.map((kind) => {
    const { totals, previous, change } = dashboard.views[kind].summary;
    const unpriced = totals.events - totals.pricedEvents;
    return {
      kind,
      title: t(`popup.period.${kind}`),
      amount: money.format(totals.costMicroUsd),
      amountTitle: money.sumTitle,
      change:
        change.ratio === null
          ? formatChange(null)
          : t('popup.changeVs', {
              change: formatChange(change.ratio),
              previous: t(`popup.previous.${kind}`),
            }),
      changeClass: change.ratio === null ? '' : change.deltaMicroUsd > 0 ? 'tm-up' : 'tm-down',
      previousTitle: t('popup.previousTitle', {
        previous: t(`popup.previous.${kind}`),
        amount: money.format(previous.costMicroUsd),
      }),
      sub:
        t('popup.turns', { count: totals.events }) +
        (unpriced > 0 ? ` · ${t('popup.unpricedCount', { count: unpriced })}` : ''),
      microUsd: totals.costMicroUsd,
      events: totals.events,
      previousMicroUsd: previous.costMicroUsd,
    };
  });
}
