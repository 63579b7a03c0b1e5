import type { PeriodKind } from '@/utils/core/aggregate';
import type { Dashboard } from '@/utils/db/queries';
import { formatChange, type Money } from './money';

const TITLES: Record<PeriodKind, [string, string]> = {
  day: ['Today', 'yesterday'],
  week: ['This week', 'last week'],
  month: ['This month', 'last month'],
};

/** Today / this week / this month, each against the whole previous period. */
export function PeriodCards(props: {
  dashboard: Dashboard;
  money: Money;
  selected: PeriodKind;
  onSelect(kind: PeriodKind): void;
}) {
  const { dashboard, money, selected, onSelect } = props;
  return (
    <div className="tm-cards" role="tablist">
      {(['day', 'week', 'month'] as const).map((kind) => {
        const { totals, previous, change } = dashboard.views[kind].summary;
        const unpriced = totals.events - totals.pricedEvents;
        const up = change.deltaMicroUsd > 0;
        return (
          <button
            key={kind}
            role="tab"
            aria-selected={selected === kind}
            className={`tm-card${selected === kind ? ' tm-selected' : ''}`}
            data-testid={`total-${kind}`}
            data-micro-usd={totals.costMicroUsd}
            data-events={totals.events}
            onClick={() => onSelect(kind)}
          >
            <span className="tm-card-title">{TITLES[kind][0]}</span>
            <span className="tm-amount">{money.format(totals.costMicroUsd)}</span>
            <span
              className={`tm-change ${change.ratio === null ? '' : up ? 'tm-up' : 'tm-down'}`}
              title={`${TITLES[kind][1]}: ${money.format(previous.costMicroUsd)}`}
              data-testid={`change-${kind}`}
              data-previous-micro-usd={previous.costMicroUsd}
            >
              {formatChange(change.ratio)} vs {TITLES[kind][1]}
            </span>
            <span className="tm-sub">
              {totals.events} turn{totals.events === 1 ? '' : 's'}
              {unpriced > 0 ? ` · ${unpriced} unpriced` : ''}
            </span>
          </button>
        );
      })}
    </div>
  );
}
