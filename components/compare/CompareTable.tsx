import {
  formatFit,
  formatRatio,
  formatTier,
  formatWindow,
  type CompareRow,
  type SortDir,
  type SortKey,
} from '@/utils/core/compare';
import { formatNumber, intlLocale, t, type MessageKey } from '@/utils/i18n';
import { formatMoney } from '@/utils/core/ratecard/currency';

type ColumnKey = 'name' | 'tokens' | 'input' | 'output' | 'total' | 'ratio' | 'context' | 'tier';

interface Column {
  key: ColumnKey & SortKey;
  numeric: boolean;
}

/** Labels and titles are `compare.col.<key>` and `compare.col.<key>.title`. */
const COLUMNS: Column[] = [
  { key: 'name', numeric: false },
  { key: 'tokens', numeric: true },
  { key: 'input', numeric: true },
  { key: 'output', numeric: true },
  { key: 'total', numeric: true },
  { key: 'ratio', numeric: true },
  { key: 'context', numeric: true },
  { key: 'tier', numeric: false },
];

/** formatFit's words (core stays free of UI text) → the UI's. */
const FIT_KEYS: Record<string, MessageKey> = {
  fits: 'compare.fit.fits',
  'too long': 'compare.fit.tooLong',
  'no room for the reply': 'compare.fit.noRoom',
};

function tierText(row: CompareRow): string {
  const tier = formatTier(row);
  return tier === 'flat' ? t('compare.tier.flat') : tier;
}

interface Props {
  rows: CompareRow[];
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
  pins: string[];
  onTogglePin: (model: string) => void;
  onMakeCurrent: (model: string) => void;
  money: (micros: number) => string;
}

export function CompareTable({
  rows,
  sort,
  onSort,
  pins,
  onTogglePin,
  onMakeCurrent,
  money,
}: Props) {
  return (
    <table className="tm-table" data-testid="compare-table">
      <thead>
        <tr>
          <th aria-label={t('compare.pinned')} />
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              title={t(`compare.col.${c.key}.title`)}
              className={c.numeric ? 'num' : undefined}
              aria-sort={
                sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
              }
            >
              <button type="button" data-testid={`sort-${c.key}`} onClick={() => onSort(c.key)}>
                {t(`compare.col.${c.key}`)}
                {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row
            key={row.model}
            row={row}
            pinned={pins.includes(row.model)}
            onTogglePin={onTogglePin}
            onMakeCurrent={onMakeCurrent}
            money={money}
          />
        ))}
      </tbody>
    </table>
  );
}

type RowProps = {
  row: CompareRow;
  pinned: boolean;
  onTogglePin: (model: string) => void;
  onMakeCurrent: (model: string) => void;
  money: (micros: number) => string;
};

/** A cost cell's content: the amount, or why there is none. */
function Cost({
  price: p,
  field,
  money,
}: {
  price: CompareRow['price'];
  field: 'inputMicros' | 'outputMicros' | 'totalMicros';
  money: (micros: number) => string;
}) {
  if (p.status === 'priced') {
    // The row's own figure in the user's currency (a lab's list price says so), else converted.
    if (p.local) {
      return (
        <span
          data-currency={p.local.currency}
          data-basis={p.local.basis}
          title={
            p.local.basis === 'list price'
              ? t('compare.listPrice', { source: p.local.source })
              : p.local.source
          }
        >
          {formatMoney(p.local[field], p.local.currency, intlLocale())}
          {p.local.basis === 'list price' && field === 'totalMicros' ? ' ◆' : ''}
        </span>
      );
    }
    return <>{money(p[field])}</>;
  }
  if (p.status === 'counting') return <span className="muted">…</span>;
  if (p.status === 'unpriced')
    return (
      <span className="muted" title={p.reason}>
        {t('compare.unpriced')}
      </span>
    );
  return (
    <span className="bad" title={p.message}>
      {t('compare.error')}
    </span>
  );
}

/** The model's name, id and region, and "set current" (or the current model's tag). */
function NameCell({ row, onMakeCurrent }: Pick<RowProps, 'row' | 'onMakeCurrent'>) {
  return (
    <td>
      <div className="name">
        {row.name}
        {row.current ? (
          <span className="tag">{t('compare.current')}</span>
        ) : (
          <button
            type="button"
            className="link small"
            data-testid="make-current"
            title={t('compare.setCurrent.title')}
            onClick={() => onMakeCurrent(row.model)}
          >
            {t('compare.setCurrent')}
          </button>
        )}
      </div>
      <div className="muted small">
        {row.model} · {t(`compare.region.${row.region}`)}
      </div>
    </td>
  );
}

/** The prompt's tokens on this model (marked ≈ estimate, ~ related vocabulary). */
function TokensCell({ row }: { row: CompareRow }) {
  const p = row.price;
  const title =
    `${t(`compare.provenance.${row.provenance}`)} · ${row.familyLabel}` +
    (row.expectedError
      ? t('compare.expectedError', {
          other: row.expectedError.other,
          cjk: row.expectedError.cjk,
        })
      : '');
  return (
    <td className="num" title={title} data-testid="tokens">
      {row.tokens === null ? (
        p.status === 'error' ? (
          <span className="bad" title={p.message}>
            {t('compare.failed')}
          </span>
        ) : (
          <span className="muted">{t('compare.counting')}</span>
        )
      ) : (
        <>
          {row.provenance === 'estimate' ? '≈' : row.provenance === 'vocab' ? '~' : ''}
          {formatNumber(row.tokens)}
          <div className="muted small">{t(`compare.provenanceShort.${row.provenance}`)}</div>
        </>
      )}
    </td>
  );
}

function Row({ row, pinned, onTogglePin, onMakeCurrent, money }: RowProps) {
  const p = row.price;
  const fit = formatFit(row);
  return (
    <tr
      data-testid="compare-row"
      data-model={row.model}
      data-pinned={pinned}
      data-tokens={row.tokens ?? ''}
      data-total-micro-usd={p.status === 'priced' ? p.totalMicros : ''}
      className={row.current ? 'current' : undefined}
    >
      <td>
        <button
          type="button"
          className="pin"
          data-testid="pin"
          aria-pressed={pinned}
          title={pinned ? t('compare.unpin') : t('compare.pinTitle')}
          onClick={() => onTogglePin(row.model)}
        >
          {pinned ? '★' : '☆'}
        </button>
      </td>
      <NameCell row={row} onMakeCurrent={onMakeCurrent} />
      <TokensCell row={row} />
      <td className="num">
        <Cost price={p} field="inputMicros" money={money} />
      </td>
      <td className="num">
        <Cost price={p} field="outputMicros" money={money} />
        {row.outputTokens !== null && (
          <div className="muted small">{t('compare.tok', { count: row.outputTokens })}</div>
        )}
      </td>
      <td className="num strong" data-testid="total">
        <Cost price={p} field="totalMicros" money={money} />
      </td>
      <td className="num" data-testid="ratio">
        {formatRatio(row.ratio)}
      </td>
      <td className="num">
        {row.contextWindow === null ? '?' : formatWindow(row.contextWindow)}
        <div className={`small ${fit === 'fits' ? 'ok' : fit === '…' ? 'muted' : 'bad'}`}>
          {FIT_KEYS[fit] ? t(FIT_KEYS[fit]) : fit}
        </div>
      </td>
      <td>{tierText(row)}</td>
    </tr>
  );
}
