import {
  formatFit,
  formatRatio,
  formatTier,
  formatWindow,
  REGION_LABELS,
  type CompareRow,
  type SortDir,
  type SortKey,
} from '@/utils/core/compare';

interface Column {
  key: SortKey;
  label: string;
  title: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Model', title: 'Model, provider and region', numeric: false },
  {
    key: 'tokens',
    label: 'Tokens',
    title: "The prompt's tokens with this model's tokenizer (≈ estimate, ~ related vocabulary)",
    numeric: true,
  },
  { key: 'input', label: 'Input', title: 'Cost of the prompt', numeric: true },
  {
    key: 'output',
    label: 'Output',
    title: 'Cost of the expected reply (its length in tokens below)',
    numeric: true,
  },
  { key: 'total', label: 'Total', title: 'Input + output for one request', numeric: true },
  { key: 'ratio', label: 'Ratio', title: 'Total relative to the current model', numeric: true },
  {
    key: 'context',
    label: 'Context',
    title: 'Context window; whether the prompt (and the reply) fit',
    numeric: true,
  },
  { key: 'tier', label: 'Tier', title: 'Price tier the prompt falls in', numeric: false },
];

const PROVENANCE_TEXT = {
  site: 'reported by the site',
  exact: "exact: the model's own tokenizer",
  vocab: 'a closely related vocabulary',
  estimate: 'estimate',
  unknown: 'unknown',
} as const;

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
          <th aria-label="Pinned" />
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              title={c.title}
              className={c.numeric ? 'num' : undefined}
              aria-sort={
                sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
              }
            >
              <button type="button" data-testid={`sort-${c.key}`} onClick={() => onSort(c.key)}>
                {c.label}
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
  if (p.status === 'priced') return <>{money(p[field])}</>;
  if (p.status === 'counting') return <span className="muted">…</span>;
  if (p.status === 'unpriced')
    return (
      <span className="muted" title={p.reason}>
        unpriced
      </span>
    );
  return (
    <span className="bad" title={p.message}>
      error
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
          <span className="tag">current</span>
        ) : (
          <button
            type="button"
            className="link small"
            data-testid="make-current"
            title="Compare the others against this model"
            onClick={() => onMakeCurrent(row.model)}
          >
            set current
          </button>
        )}
      </div>
      <div className="muted small">
        {row.model} · {REGION_LABELS[row.region]}
      </div>
    </td>
  );
}

/** The prompt's tokens on this model (marked ≈ estimate, ~ related vocabulary). */
function TokensCell({ row }: { row: CompareRow }) {
  const p = row.price;
  const title =
    `${PROVENANCE_TEXT[row.provenance]} · ${row.familyLabel}` +
    (row.expectedError
      ? ` · expected error ${row.expectedError.other} (CJK ${row.expectedError.cjk})`
      : '');
  return (
    <td className="num" title={title} data-testid="tokens">
      {row.tokens === null ? (
        p.status === 'error' ? (
          <span className="bad" title={p.message}>
            failed
          </span>
        ) : (
          <span className="muted">counting…</span>
        )
      ) : (
        <>
          {row.provenance === 'estimate' ? '≈' : row.provenance === 'vocab' ? '~' : ''}
          {row.tokens.toLocaleString('en-US')}
          <div className="muted small">{row.provenance}</div>
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
          title={pinned ? 'Unpin' : 'Pin: keep this model in the table'}
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
          <div className="muted small">{row.outputTokens.toLocaleString('en-US')} tok</div>
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
          {fit}
        </div>
      </td>
      <td>{formatTier(row)}</td>
    </tr>
  );
}
