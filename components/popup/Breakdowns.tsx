import type { Slice } from '@/utils/core/aggregate';
import type { ConversationSlice } from '@/utils/db/queries';
import { t } from '@/utils/i18n';
import { formatTokensShort, type Money } from './money';
import { siteLabel } from './site-label';

function Row(props: { label: string; slice: Slice; max: number; money: Money; testid: string }) {
  const { label, slice, max, money, testid } = props;
  const unpriced = slice.totals.events - slice.totals.pricedEvents;
  const share = max > 0 ? slice.totals.costMicroUsd / max : 0;
  return (
    <li data-testid={testid} data-key={slice.key} data-micro-usd={slice.totals.costMicroUsd}>
      <span className="tm-row-label" title={slice.key || t('popup.modelNotRecognised')}>
        {label}
      </span>
      <span className="tm-row-bar" style={{ width: `${Math.round(share * 100)}%` }} />
      <span
        className="tm-row-value"
        title={unpriced > 0 ? t('popup.unpricedNotIncluded', { count: unpriced }) : undefined}
      >
        {slice.totals.pricedEvents === 0
          ? t('common.unpriced')
          : `${unpriced > 0 ? '≥' : ''}${money.format(slice.totals.costMicroUsd)}`}
      </span>
      <span className="tm-row-tokens">
        {t('popup.tokShort', {
          tokens: formatTokensShort(
            slice.totals.input + slice.totals.output + slice.totals.reasoning,
          ),
        })}
      </span>
    </li>
  );
}

export function Breakdown(props: {
  title: string;
  slices: Slice[];
  money: Money;
  labelOf(key: string): string;
  testid: string;
  limit?: number;
}) {
  const { title, slices, money, labelOf, testid, limit = 6 } = props;
  const max = Math.max(0, ...slices.map((s) => s.totals.costMicroUsd));
  return (
    <section className="tm-section">
      <h2>{title}</h2>
      {slices.length === 0 ? (
        <p className="tm-empty">{t('popup.nothingYet')}</p>
      ) : (
        <ul className="tm-rows">
          {slices.slice(0, limit).map((s) => (
            <Row
              key={s.key}
              label={labelOf(s.key)}
              slice={s}
              max={max}
              money={money}
              testid={testid}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

export const modelLabel = (key: string) =>
  key === '' ? t('popup.unrecognisedModel') : key.split('/').pop()!;

export function TopConversations(props: { slices: ConversationSlice[]; money: Money }) {
  const { slices, money } = props;
  return (
    <Breakdown
      title={t('popup.topConversations')}
      slices={slices}
      money={money}
      testid="top-conversation"
      labelOf={(key) => {
        const c = slices.find((s) => s.key === key)?.conversation;
        const [site, ...rest] = key.split('|');
        return `${siteLabel(site)} · ${c?.title ?? rest.join('|').slice(0, 24)}`;
      }}
    />
  );
}
