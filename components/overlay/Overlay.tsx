import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { MeterView } from '@/utils/overlay/types';
import { formatNumber, t } from '@/utils/i18n';
import {
  formatTokenCount,
  describeProvenance,
  noteText,
  figureSources,
  figureSourcesShort,
  figureSourcesText,
  formatCostShort,
  localMoneyNote,
} from './format';
import { PALETTES, meterColor } from './palette';
import { Panel, buttonStyle, type ModelChoice } from './Panel';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline';

export interface OverlayProps {
  status: ConnectionStatus;
  view: MeterView | null;
  theme: 'light' | 'dark';
  /**
   * Where the badge's bottom-right corner sits (px from the viewport's right and bottom edges),
   * so the panel opens upwards from it; null = the viewport's bottom-right corner.
   */
  position: { right: number; bottom: number } | null;
  collapsed: boolean;
  models: ModelChoice[] | null;
  override: string | null;
  onPickModel?: (id: string | null) => void;
  onCollapse?: (collapsed: boolean) => void;
  /** Called once at the end of a drag with the distance moved. */
  onMoved?: (dx: number, dy: number) => void;
  onOpenPanel?: () => void;
  onCompare?: (scope: 'draft' | 'conversation') => void;
}

/**
 * Dragging the badge by its handle: the distance so far while dragging (drawn as an offset), and
 * `onMoved` once at the end with the whole distance.
 */
function useDrag(onMoved: OverlayProps['onMoved']) {
  const [drag, setDrag] = useState<{ dx: number; dy: number } | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const handle = {
    onPointerDown: (e: ReactPointerEvent) => {
      start.current = { x: e.clientX, y: e.clientY };
      (e.target as Element).setPointerCapture?.(e.pointerId);
      setDrag({ dx: 0, dy: 0 });
    },
    onPointerMove: (e: ReactPointerEvent) => {
      if (!start.current) return;
      setDrag({ dx: e.clientX - start.current.x, dy: e.clientY - start.current.y });
    },
    onPointerUp: () => {
      if (start.current && drag && (drag.dx !== 0 || drag.dy !== 0)) onMoved?.(drag.dx, drag.dy);
      start.current = null;
      setDrag(null);
    },
  };
  return { drag, handle };
}

type Palette = (typeof PALETTES)['light'];

/** The collapsed badge: a small "TM" (in the UI's language) that shows the badge again. */
function CollapsedBadge(props: OverlayProps & { palette: Palette }) {
  const { palette } = props;
  return (
    <button
      type="button"
      data-testid="tm-badge"
      data-status={props.status}
      data-collapsed="true"
      title={t('overlay.show')}
      aria-label={t('overlay.show')}
      onClick={() => props.onCollapse?.(false)}
      style={{
        ...buttonStyle(palette),
        background: palette.bg,
        border: `1px solid ${palette.border}`,
        borderRadius: 10,
        padding: '1px 6px',
      }}
    >
      {t('overlay.showShort')}
    </button>
  );
}

/** The fixed box holding the badge (and the panel above it), moved while dragged. */
function shellStyle(
  position: OverlayProps['position'],
  drag: { dx: number; dy: number } | null,
  palette: Palette,
): React.CSSProperties {
  const corner = position ?? { right: 16, bottom: 16 };
  return {
    position: 'fixed',
    right: corner.right - (drag?.dx ?? 0),
    bottom: corner.bottom - (drag?.dy ?? 0),
    zIndex: 2147483646,
    font: '12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif',
    color: palette.fg,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-end',
  };
}

/** The in-page badge: draft tokens and cost, the conversation's cost, the context meter. */
export function Overlay(props: OverlayProps) {
  const { status, view, theme, position, collapsed } = props;
  const palette = PALETTES[theme];
  const [open, setOpen] = useState(false);
  const { drag, handle } = useDrag(props.onMoved);

  const shell = shellStyle(position, drag, palette);

  if (collapsed) {
    return (
      <div style={shell}>
        <CollapsedBadge {...props} palette={palette} />
      </div>
    );
  }

  return (
    <div style={shell}>
      {open && view ? (
        <Panel
          view={view}
          palette={palette}
          models={props.models}
          override={props.override}
          onPickModel={(id) => props.onPickModel?.(id)}
          onClose={() => setOpen(false)}
          onCompare={props.onCompare}
        />
      ) : null}
      <div
        data-testid="tm-badge"
        data-status={status}
        data-health={view?.health ?? 'loading'}
        data-theme={theme}
        style={{
          background: palette.bg,
          border: `1px solid ${palette.border}`,
          borderRadius: 8,
          padding: '4px 6px',
          boxShadow: '0 2px 8px rgba(0,0,0,.15)',
          display: 'flex',
          alignItems: 'center',
          gap: 6,
          minWidth: 150,
        }}
      >
        <span
          title={t('overlay.drag')}
          aria-hidden="true"
          {...handle}
          style={{ cursor: 'grab', color: palette.muted, userSelect: 'none', touchAction: 'none' }}
        >
          ⠿
        </span>
        <button
          type="button"
          data-testid="tm-open"
          onClick={() => {
            setOpen(!open);
            props.onOpenPanel?.();
          }}
          style={{ ...buttonStyle(palette), textAlign: 'left', flex: 1, padding: 0 }}
        >
          <OverlayBody status={status} view={view} palette={palette} />
        </button>
        <button
          type="button"
          aria-label={t('overlay.hide')}
          title={t('overlay.collapse')}
          onClick={() => props.onCollapse?.(true)}
          style={{ ...buttonStyle(palette), color: palette.muted }}
        >
          –
        </button>
      </div>
    </div>
  );
}

function modelText(model: MeterView['model']): string {
  return model.status === 'ok'
    ? model.info!.name
    : model.status === 'unpriced'
      ? t('overlay.unpricedModel', { model: model.named ?? model.candidate ?? '' })
      : model.status === 'loading'
        ? '…'
        : t('overlay.unknownModel');
}

/** First line: the draft's tokens and cost, and the model. */
function DraftLine({ view, palette }: { view: MeterView; palette: Palette }) {
  const draft = view.draft;
  return (
    <span>
      <strong
        data-testid="tm-draft-tokens"
        data-tokens={draft?.tokens?.tokens ?? ''}
        title={describeProvenance(draft?.tokens)}
      >
        {draft
          ? draft.tokens
            ? formatTokenCount(draft.tokens)
            : (noteText(draft.note) ?? '…')
          : '—'}
      </strong>{' '}
      {t('overlay.tok')} ·{' '}
      <span
        data-testid="tm-draft-cost"
        data-micros={draft?.costMicros ?? ''}
        data-currency={draft?.local?.currency ?? 'USD'}
        data-local-micros={draft?.local?.micros ?? ''}
        data-assumed-output={draft?.assumedOutput ?? ''}
        title={
          [
            draft?.assumedOutput ? t('overlay.assumedOutput', { count: draft.assumedOutput }) : '',
            draft?.local ? localMoneyNote(draft.local) : '',
          ]
            .filter(Boolean)
            .join('; ') || undefined
        }
      >
        {draft?.costMicros != null
          ? formatCostShort(draft.costMicros, draft.local)
          : (noteText(draft?.note) ?? '…')}
        {draft?.assumedOutput ? t('overlay.assumedOut', { count: draft.assumedOutput }) : ''}
      </span>
      <span
        style={{ color: palette.muted }}
        data-testid="tm-model"
        data-model={view.model.info?.id ?? ''}
        data-status={view.model.status}
      >
        {' '}
        · {modelText(view.model)}
      </span>
    </span>
  );
}

/** Second line: the conversation's cost, the share of the context window, the page's health. */
function ConversationLine({ view, palette }: { view: MeterView; palette: Palette }) {
  const ratio = view.contextRatio;
  return (
    <span style={{ color: palette.muted }}>
      {t('overlay.conversation')}{' '}
      <span
        data-testid="tm-conv-cost"
        data-micros={view.conversation.costMicros ?? ''}
        data-currency={view.conversation.local?.currency ?? 'USD'}
        data-local-micros={view.conversation.local?.micros ?? ''}
        title={view.conversation.local ? localMoneyNote(view.conversation.local) : undefined}
        style={{ color: palette.fg }}
      >
        {view.conversation.costMicros !== null
          ? formatCostShort(view.conversation.costMicros, view.conversation.local)
          : (noteText(view.conversation.costNote) ?? '…')}
      </span>
      <ConversationSource view={view} />
      {ratio !== null ? (
        <>
          {' · '}
          <span
            data-testid="tm-context"
            data-ratio={ratio.toFixed(4)}
            style={{ color: meterColor(ratio, palette) }}
          >
            {t('overlay.ofWindow', {
              percent: formatNumber(ratio, {
                style: 'percent',
                maximumFractionDigits: ratio < 0.1 ? 1 : 0,
                minimumFractionDigits: ratio < 0.1 ? 1 : 0,
              }),
            })}
          </span>
        </>
      ) : null}
      {view.health === 'partial' || view.health === 'error' ? (
        <span data-testid="tm-health" title={noteText(view.healthNote)}>
          {' '}
          · {view.health === 'error' ? t('overlay.adapterError') : t('overlay.partlyDetected')}
        </span>
      ) : null}
    </span>
  );
}

/** Which of the conversation's figures are the site's own and which were counted here. */
function ConversationSource({ view }: { view: MeterView }) {
  const f = figureSources(view.rows);
  const short = figureSourcesShort(f);
  if (!short) return null;
  return (
    <span
      data-testid="tm-conv-source"
      data-site={f.site}
      data-counted={f.counted}
      title={figureSourcesText(f)}
    >
      {' '}
      ({short})
    </span>
  );
}

/** The context window's fill, as a thin bar. */
function ContextBar({ ratio, palette }: { ratio: number; palette: Palette }) {
  return (
    <span style={{ height: 3, background: palette.border, borderRadius: 2, overflow: 'hidden' }}>
      <span
        style={{
          display: 'block',
          height: '100%',
          width: `${Math.min(100, ratio * 100)}%`,
          background: meterColor(ratio, palette),
        }}
      />
    </span>
  );
}

function OverlayBody({
  status,
  view,
  palette,
}: {
  status: ConnectionStatus;
  view: MeterView | null;
  palette: Palette;
}) {
  if (!view) return <span>{t(`overlay.status.${status}`)}</span>;
  if (view.health === 'not-detected') {
    return (
      <span data-testid="tm-health">{t('overlay.notDetected', { site: view.site.label })}</span>
    );
  }
  return (
    <span style={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <DraftLine view={view} palette={palette} />
      <ConversationLine view={view} palette={palette} />
      {view.contextRatio !== null ? (
        <ContextBar ratio={view.contextRatio} palette={palette} />
      ) : null}
    </span>
  );
}
