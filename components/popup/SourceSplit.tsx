/**
 * One line under the period cards: the period's spend by kind (chat / agents / API), and the
 * week's top agent and project, with a link to the dashboard. Shown only when some spend is
 * imported (a chat-only history already has it all in "by site"). The top agent and project
 * come from the importDays rollup, read after the numbers are on screen (the database code is
 * loaded then, not before).
 */
import { useEffect, useState } from 'react';
import type { Period, Totals } from '@/utils/core/aggregate';
import { t } from '@/utils/i18n';
import type { SpendKind } from '@/utils/db/spend-kind';
import type { Money } from './money';
import { hasImported, topImported, type TopImported } from './source-split';

function amount(totals: Totals, money: Money): string {
  if (totals.events > 0 && totals.pricedEvents === 0) return t('common.unpriced');
  const unpriced = totals.events - totals.pricedEvents;
  return `${unpriced > 0 ? '≥' : ''}${money.format(totals.costMicroUsd)}`;
}

function useWeekTop(week: Period, revision: number): TopImported | null {
  const [top, setTop] = useState<TopImported | null>(null);
  const [first, last] = [week.days[0], week.days[week.days.length - 1]];
  useEffect(() => {
    let live = true;
    import('@/utils/db/schema')
      .then(({ historyDb }) =>
        historyDb().importDays.where('day').between(first, last, true, true).toArray(),
      )
      .then(
        (rows) => live && setTop(topImported(rows)),
        (e: unknown) => console.warn('[popup] top agent not read', e),
      );
    return () => {
      live = false;
    };
  }, [first, last, revision]);
  return top;
}

const pricedOf = (r: { billedMicroUsd: number; apiMicroUsd: number; estimateMicroUsd: number }) =>
  r.billedMicroUsd + r.apiMicroUsd + r.estimateMicroUsd;

export function SourceSplit(props: {
  split: Record<SpendKind, Totals>;
  week: Period;
  revision: number;
  money: Money;
  dashboardUrl: string;
}) {
  const { split, money } = props;
  const top = useWeekTop(props.week, props.revision);
  if (!hasImported(split)) return null;
  const kinds = (['chat', 'agent', 'api'] as const).filter((k) => split[k].events > 0);
  return (
    <section className="tm-section tm-split" data-testid="source-split">
      <p>
        {kinds.map((k, i) => (
          <span key={k} data-testid={`split-${k}`} data-micro-usd={split[k].costMicroUsd}>
            {i > 0 ? ' · ' : ''}
            {t(`dashboard.kind.${k}`)} {amount(split[k], money)}
          </span>
        ))}{' '}
        <a href={props.dashboardUrl} target="_blank" rel="noreferrer">
          {t('popup.allSpendLink')}
        </a>
      </p>
      {top?.agent ? (
        <p className="tm-split-top" data-testid="week-top">
          {t('popup.weekTopAgent', {
            agent: top.agent.key,
            amount: money.format(pricedOf(top.agent)),
          })}
          {top.project
            ? ` · ${t('popup.weekTopProject', {
                project: top.project.key.split(/[\\/]/).pop() || top.project.key,
                amount: money.format(pricedOf(top.project)),
              })}`
            : ''}
        </p>
      ) : null}
    </section>
  );
}
