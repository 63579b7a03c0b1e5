import type { PeriodKind } from '@/utils/core/aggregate';
import type { Dashboard } from '@/utils/db/queries';
import type { Money } from './money';
import { NUMBERS_TIMING } from './first-paint';
import { periodCards } from './period-cards';

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
      {periodCards(dashboard, money).map((card) => (
        <button
          key={card.kind}
          role="tab"
          aria-selected={selected === card.kind}
          className={`tm-card${selected === card.kind ? ' tm-selected' : ''}`}
          data-testid={`total-${card.kind}`}
          data-micro-usd={card.microUsd}
          data-events={card.events}
          onClick={() => onSelect(card.kind)}
        >
          <span className="tm-card-title">{card.title}</span>
          <span
            className="tm-amount"
            title={card.amountTitle ?? undefined}
            {...{ elementtiming: NUMBERS_TIMING }}
          >
            {card.amount}
          </span>
          <span
            className={`tm-change ${card.changeClass}`}
            title={card.previousTitle}
            data-testid={`change-${card.kind}`}
            data-previous-micro-usd={card.previousMicroUsd}
          >
            {card.change}
          </span>
          <span className="tm-sub">{card.sub}</span>
        </button>
      ))}
    </div>
  );
}
