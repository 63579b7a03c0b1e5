import { memo } from 'react';
import type { TokenCount } from '@/utils/core/types';
import type { MeterView, TurnRow } from '@/utils/overlay/types';
import { formatNumber, t } from '@/utils/i18n';
import {
  describeProvenance,
  figureSources,
  figureSourcesText,
  formatCostShort,
  localMoneyNote,
  formatTokenCount,
  noteText,
  provenanceTag,
} from './format';
import { quotaLine } from './quota';
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
        <td style={{ padding: '2px 6px' }} title={row.exact ? t('overlay.panel.exactRow') : ''}>
          {row.turnIndex + 1}
          {row.exact ? ' ✓' : ''}
          {row.regenerated ? ' ↻' : ''}
          {row.recorded === 'saved'
            ? ' ●'
            : row.recorded === 'failed'
              ? t('overlay.panel.notSaved')
              : ''}
        </td>
        <Cell row={row} field="input" palette={palette} />
        <Cell row={row} field="output" palette={palette} />
        <Cell row={row} field="reasoning" palette={palette} />
        <td style={{ textAlign: 'right', padding: '2px 6px' }} title={recordedTitle(row.recorded)}>
          {row.costMicros !== null
            ? formatCostShort(row.costMicros, row.local)
            : (noteText(row.costNote) ?? '…')}
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
    a.row.local?.micros === b.row.local?.micros &&
    a.row.local?.currency === b.row.local?.currency &&
    a.row.costNote === b.row.costNote &&
    sameCount(a.row.input, b.row.input) &&
    sameCount(a.row.output, b.row.output) &&
    sameCount(a.row.reasoning, b.row.reasoning),
);

function recordedTitle(recorded: TurnRow['recorded']): string {
  if (recorded === 'saved') return t('overlay.panel.saved');
  if (recorded === 'failed') return t('overlay.panel.failed');
  if (recorded === 'pending') return t('overlay.panel.recording');
  return '';
}

function sourceName(source: MeterView['model']['source']): string {
  return source === 'none' ? '—' : t(`overlay.source.${source}`);
}

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
        <span style={{ color: palette.muted }}>{t('overlay.model')} </span>
        <select
          data-testid="tm-model-select"
          value={override ?? ''}
          onChange={(e) => onPickModel(e.target.value || null)}
          style={{ maxWidth: 300, font: 'inherit', background: palette.bg, color: palette.fg }}
        >
          <option value="">
            {model.source !== 'override' && model.info
              ? t('overlay.detected', { model: model.info.name })
              : model.label
                ? t('overlay.detectedLabel', { label: model.label })
                : t('overlay.notDetectedPick')}
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
          ? t('overlay.modelFrom', {
              name: model.info.name,
              id: model.info.id,
              source: sourceName(model.source),
            }) +
            (model.info.contextWindow
              ? t('overlay.window', { count: model.info.contextWindow })
              : '')
          : model.status === 'unpriced'
            ? t('overlay.notInCard', { model: model.named ?? model.candidate ?? '' })
            : t('overlay.unknownModel')}
      </div>
    </>
  );
}

function NextRequest({ next }: { next: NonNullable<MeterView['nextRequest']> }) {
  return (
    <div style={{ marginBottom: 6 }} data-testid="tm-next-request">
      {t('overlay.next', {
        count: next.inputTokens,
        cost:
          next.costMicros !== null
            ? formatCostShort(next.costMicros, next.local)
            : (noteText(next.note) ?? '…'),
      })}
    </div>
  );
}

/** The site's own count of the prompt (AI Studio's), labelled as the site's, beside ours. */
function SiteTokensLine({
  site,
  ours,
}: {
  site: NonNullable<MeterView['siteTokens']>;
  ours: number | null;
}) {
  return (
    <div
      style={{ marginBottom: 6 }}
      data-testid="tm-site-tokens"
      data-tokens={site.tokens}
      data-by={site.by}
    >
      {t('overlay.siteTokens', { by: site.by, count: site.tokens })}
      {ours !== null ? ` ${t('overlay.siteTokensOurs', { ours })}` : null}
    </div>
  );
}

/**
 * Where the figures in the user's currency come from (the lab's list price, or the rate and its
 * day, "stale" when old), or why they are in USD (no rate for the currency asked).
 */
function MoneyLine({ view, palette }: { view: MeterView; palette: Palette }) {
  const local = view.conversation.local ?? view.draft?.local ?? view.nextRequest?.local;
  if (!local && !view.localError) return null;
  return (
    <div
      style={{ marginBottom: 6, color: palette.muted, fontSize: 11 }}
      data-testid="tm-money"
      data-currency={local?.currency ?? 'USD'}
      data-basis={local?.basis ?? ''}
    >
      {local ? localMoneyNote(local) : t('overlay.money.noRate', { error: view.localError ?? '' })}
    </div>
  );
}

/** One row per reply (the last MAX_PANEL_ROWS), or a line saying there is none yet. */
function TurnsTable({ view, palette }: { view: MeterView; palette: Palette }) {
  if (view.rows.length === 0)
    return <div style={{ color: palette.muted }}>{t('overlay.noReplies')}</div>;
  const rows = view.rows.length > MAX_PANEL_ROWS ? view.rows.slice(-MAX_PANEL_ROWS) : view.rows;
  return (
    <>
      <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="tm-turns">
        <thead>
          <tr style={{ color: palette.muted, textAlign: 'right' }}>
            <th style={{ textAlign: 'left', padding: '2px 6px' }}>#</th>
            <th title={t('overlay.col.input.title')}>{t('overlay.col.input')}</th>
            <th>{t('overlay.col.output')}</th>
            <th title={t('overlay.col.reasoning.title')}>{t('overlay.col.reasoning')}</th>
            <th>{t('overlay.col.cost')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.turnIndex} row={row} palette={palette} />
          ))}
        </tbody>
      </table>
      <FiguresLine view={view} palette={palette} />
      {rows.length < view.rows.length ? (
        <div style={{ color: palette.muted, marginTop: 4 }} data-testid="tm-rows-hidden">
          {t('overlay.rowsHidden', { shown: rows.length, total: view.rows.length })}
        </div>
      ) : null}
    </>
  );
}

/** Which replies carry the site's own numbers and which were counted here. */
function FiguresLine({ view, palette }: { view: MeterView; palette: Palette }) {
  const f = figureSources(view.rows);
  return (
    <div
      style={{ color: palette.muted, marginTop: 4, fontSize: 11 }}
      data-testid="tm-figures"
      data-site={f.site}
      data-counted={f.counted}
    >
      {figureSourcesText(f)}
    </div>
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
      {t('overlay.compare')}{' '}
      <button
        type="button"
        data-testid="tm-compare-draft"
        disabled={!view.draft?.chars}
        onClick={() => onCompare('draft')}
        style={link}
      >
        {t('overlay.compareDraft')}
      </button>{' '}
      ·{' '}
      <button
        type="button"
        data-testid="tm-compare-conversation"
        onClick={() => onCompare('conversation')}
        style={link}
      >
        {t('overlay.compareConversation')}
      </button>
    </div>
  );
}

/**
 * What the site's own stream said beyond the counts: the input it counted that the page does not
 * show (the last reply that has one), its quota windows and its notices (latest values).
 */
function SiteFigures({ view, palette }: { view: MeterView; palette: Palette }) {
  const hidden = [...view.rows].reverse().find((r) => r.hiddenContext)?.hiddenContext;
  const limits = view.lastUsage?.limits ?? [];
  const notice = view.lastUsage?.notice;
  if (!hidden && limits.length === 0 && !notice) return null;
  return (
    <div style={{ marginTop: 8, fontSize: 11 }} data-testid="tm-site-figures">
      {hidden ? (
        <div data-testid="tm-hidden-context" title={t('overlay.hiddenContextTitle')}>
          {t('overlay.hiddenContext', { tokens: formatNumber(hidden) })}
        </div>
      ) : null}
      {limits.length > 0 ? (
        <div
          data-testid="tm-quota"
          title={t('overlay.quotaTitle')}
          style={{ color: palette.muted }}
        >
          {limits.map((w) => quotaLine(w)).join(' · ')}
        </div>
      ) : null}
      {notice ? (
        <div data-testid="tm-site-notice" style={{ color: palette.muted }}>
          {t('overlay.siteNotice', { notice })}
        </div>
      ) : null}
    </div>
  );
}

/** What the marks mean, and the last usage the site's stream reported. */
function Legend({ view, palette }: { view: MeterView; palette: Palette }) {
  return (
    <div style={{ color: palette.muted, marginTop: 8, fontSize: 11 }}>
      {t('overlay.legend')}
      {view.lastUsage
        ? view.lastUsage.total
          ? t('overlay.lastStreamTotal', {
              format: view.lastUsage.format,
              total: view.lastUsage.total,
            })
          : t('overlay.lastStream', { format: view.lastUsage.format })
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
          {view.site.label} · {t('overlay.turns', { count: view.conversation.turns })}
        </strong>
        <button
          type="button"
          onClick={onClose}
          aria-label={t('overlay.closePanel')}
          style={buttonStyle(palette)}
        >
          ×
        </button>
      </div>
      <ModelPicker {...props} model={view.model} />
      {view.nextRequest ? <NextRequest next={view.nextRequest} /> : null}
      <MoneyLine view={view} palette={palette} />
      {view.siteTokens ? (
        <SiteTokensLine site={view.siteTokens} ours={view.nextRequest?.inputTokens ?? null} />
      ) : null}
      <TurnsTable view={view} palette={palette} />
      {onCompare ? <CompareLinks view={view} palette={palette} onCompare={onCompare} /> : null}
      <SiteFigures view={view} palette={palette} />
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
