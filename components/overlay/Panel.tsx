import { memo } from 'react';
import type { TokenCount } from '@/utils/core/types';
import type { MeterView, TurnRow } from '@/utils/overlay/types';
import { describeProvenance, formatUsdShort, formatTokenCount, provenanceTag } from './format';
import type { Palette } from './palette';

/**
 * Rows listed: the most recent replies. A 10,000-turn page has 5,000 of them, and rendering
 * (and laying out) them all on every update took the page's thread for hundreds of ms; the
 * totals above the table still include every row.
 */
export const MAX_PANEL_ROWS = 200;

export interface ModelChoice {
  id: string;
  name: string;
  provider: string;
}

interface PanelProps {
  view: MeterView;
  palette: Palette;
  models: ModelChoice[] | null;
  override: string | null;
  onPickModel: (id: string | null) => void;
  onClose: () => void;
  /** Open the compare page on the draft or the whole conversation ("Compare on other models"). */
  onCompare?: (scope: 'draft' | 'conversation') => void;
}

function Cell({
  row,
  field,
  palette,
}: {
  row: TurnRow;
  field: 'input' | 'output' | 'reasoning';
  palette: Palette;
}) {
  const count = row[field];
  return (
    <td title={describeProvenance(count)} style={{ textAlign: 'right', padding: '2px 6px' }}>
      {formatTokenCount(count)}
      <span style={{ color: palette.muted, fontSize: 10, marginLeft: 3 }}>
        {provenanceTag(count)}
      </span>
    </td>
  );
}

const sameCount = (a: TokenCount | null, b: TokenCount | null) =>
  a === b ||
  (!!a && !!b && a.tokens === b.tokens && a.provenance === b.provenance && a.family === b.family);

/** A row re-renders only when what it shows changed (the meter rebuilds row objects). */
const Row = memo(
  function Row({ row, palette }: { row: TurnRow; palette: Palette }) {
    return (
      <tr data-testid="tm-turn-row" data-recorded={row.recorded} data-exact={row.exact}>
        <td
          style={{ padding: '2px 6px' }}
          title={row.exact ? "numbers from the site's own stream" : ''}
        >
          {row.turnIndex + 1}
          {row.exact ? ' ✓' : ''}
          {row.regenerated ? ' ↻' : ''}
          {row.recorded === 'saved' ? ' ●' : row.recorded === 'failed' ? ' (not saved)' : ''}
        </td>
        <Cell row={row} field="input" palette={palette} />
        <Cell row={row} field="output" palette={palette} />
        <Cell row={row} field="reasoning" palette={palette} />
        <td
          style={{ textAlign: 'right', padding: '2px 6px' }}
          title={row.recorded === 'saved' ? 'saved to history' : row.recorded}
        >
          {row.costMicros !== null ? formatUsdShort(row.costMicros) : (row.costNote ?? '…')}
        </td>
      </tr>
    );
  },
  (a, b) =>
    a.palette === b.palette &&
    a.row.turnIndex === b.row.turnIndex &&
    a.row.recorded === b.row.recorded &&
    a.row.exact === b.row.exact &&
    a.row.regenerated === b.row.regenerated &&
    a.row.costMicros === b.row.costMicros &&
    a.row.costNote === b.row.costNote &&
    sameCount(a.row.input, b.row.input) &&
    sameCount(a.row.output, b.row.output) &&
    sameCount(a.row.reasoning, b.row.reasoning),
);

const SOURCE_NAMES: Record<MeterView['model']['source'], string> = {
  override: 'your choice',
  stream: "the site's stream",
  label: 'the model label',
  none: '—',
};

/** The model picker (the card's models by provider) and where the model in use came from. */
function ModelPicker({
  model,
  palette,
  models,
  override,
  onPickModel,
}: Pick<PanelProps, 'palette' | 'models' | 'override' | 'onPickModel'> & {
  model: MeterView['model'];
}) {
  const groups = new Map<string, ModelChoice[]>();
  for (const m of models ?? []) {
    const list = groups.get(m.provider) ?? [];
    list.push(m);
    groups.set(m.provider, list);
  }
  return (
    <>
      <label style={{ display: 'block', marginBottom: 8 }}>
        <span style={{ color: palette.muted }}>Model </span>
        <select
          data-testid="tm-model-select"
          value={override ?? ''}
          onChange={(e) => onPickModel(e.target.value || null)}
          style={{ maxWidth: 300, font: 'inherit', background: palette.bg, color: palette.fg }}
        >
          <option value="">
            {model.source !== 'override' && model.info
              ? `Detected: ${model.info.name}`
              : model.label
                ? `Detected label "${model.label}" (unknown)`
                : 'Not detected: pick one'}
          </option>
          {[...groups].map(([provider, list]) => (
            <optgroup key={provider} label={provider}>
              {list.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <div style={{ color: palette.muted, marginBottom: 6 }} data-testid="tm-model-source">
        {model.info
          ? `${model.info.name} (${model.info.id}) from ${SOURCE_NAMES[model.source]}${model.info.contextWindow ? ` · ${model.info.contextWindow.toLocaleString('en-US')}-token window` : ''}`
          : model.status === 'unpriced'
            ? `${model.candidate} is not in the rate card: unpriced`
            : 'unknown model: pick one'}
      </div>
    </>
  );
}

function NextRequest({ next }: { next: NonNullable<MeterView['nextRequest']> }) {
  return (
    <div style={{ marginBottom: 6 }} data-testid="tm-next-request">
      Sending the draft now: {next.inputTokens.toLocaleString('en-US')} input tokens (conversation +
      draft) · {next.costMicros !== null ? formatUsdShort(next.costMicros) : (next.note ?? '…')}{' '}
      before the reply
    </div>
  );
}

/** One row per reply (the last MAX_PANEL_ROWS), or a line saying there is none yet. */
function TurnsTable({ view, palette }: { view: MeterView; palette: Palette }) {
  if (view.rows.length === 0)
    return <div style={{ color: palette.muted }}>No replies on this page yet.</div>;
  const rows = view.rows.length > MAX_PANEL_ROWS ? view.rows.slice(-MAX_PANEL_ROWS) : view.rows;
  return (
    <>
      <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="tm-turns">
        <thead>
          <tr style={{ color: palette.muted, textAlign: 'right' }}>
            <th style={{ textAlign: 'left', padding: '2px 6px' }}>#</th>
            <th title="All earlier turns + the prompt (chat UIs resend the history)">input</th>
            <th>output</th>
            <th title="Reasoning shown on screen or reported by the site; ? when hidden">
              reasoning
            </th>
            <th>cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.turnIndex} row={row} palette={palette} />
          ))}
        </tbody>
      </table>
      {rows.length < view.rows.length ? (
        <div style={{ color: palette.muted, marginTop: 4 }} data-testid="tm-rows-hidden">
          The last {rows.length} of {view.rows.length.toLocaleString('en-US')} replies are listed;
          the totals include them all.
        </div>
      ) : null}
    </>
  );
}

function CompareLinks({
  view,
  palette,
  onCompare,
}: {
  view: MeterView;
  palette: Palette;
  onCompare: NonNullable<PanelProps['onCompare']>;
}) {
  const link = { ...buttonStyle(palette), textDecoration: 'underline' };
  return (
    <div style={{ marginTop: 8 }} data-testid="tm-compare">
      Compare on other models:{' '}
      <button
        type="button"
        data-testid="tm-compare-draft"
        disabled={!view.draft?.chars}
        onClick={() => onCompare('draft')}
        style={link}
      >
        this draft
      </button>{' '}
      ·{' '}
      <button
        type="button"
        data-testid="tm-compare-conversation"
        onClick={() => onCompare('conversation')}
        style={link}
      >
        whole conversation
      </button>
    </div>
  );
}

/** What the marks mean, and the last usage the site's stream reported. */
function Legend({ view, palette }: { view: MeterView; palette: Palette }) {
  return (
    <div style={{ color: palette.muted, marginTop: 8, fontSize: 11 }}>
      site = the site's own usage numbers · exact = the model's tokenizer · vocab = a related
      vocabulary · ≈ = estimate · ? = hidden. ✓ exact usage · ↻ regenerated · ● saved to history.
      {view.lastUsage
        ? ` Last stream: ${view.lastUsage.format}${view.lastUsage.total ? `, total ${view.lastUsage.total}` : ''}.`
        : ''}
    </div>
  );
}

export function Panel(props: PanelProps) {
  const { view, palette, onClose, onCompare } = props;
  return (
    <div
      data-testid="tm-panel"
      style={{
        marginBottom: 6,
        width: 380,
        maxHeight: 420,
        overflow: 'auto',
        background: palette.bg,
        color: palette.fg,
        border: `1px solid ${palette.border}`,
        borderRadius: 8,
        boxShadow: '0 8px 24px rgba(0,0,0,.25)',
        padding: 10,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', marginBottom: 6 }}>
        <strong style={{ flex: 1 }}>
          {view.site.label} · {view.conversation.turns} turns
        </strong>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close panel"
          style={buttonStyle(palette)}
        >
          ×
        </button>
      </div>
      <ModelPicker {...props} model={view.model} />
      {view.nextRequest ? <NextRequest next={view.nextRequest} /> : null}
      <TurnsTable view={view} palette={palette} />
      {onCompare ? <CompareLinks view={view} palette={palette} onCompare={onCompare} /> : null}
      <Legend view={view} palette={palette} />
    </div>
  );
}

export function buttonStyle(palette: Palette) {
  return {
    background: 'transparent',
    color: palette.fg,
    border: 'none',
    cursor: 'pointer',
    font: 'inherit',
    padding: '0 4px',
  } as const;
}
