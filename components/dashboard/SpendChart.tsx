/**
 * Spend per day, stacked by kind (chat sites, agents, API keys), with uPlot (loaded after the
 * numbers are on screen). Values arrive as micro-USD and are drawn in the display currency.
 */
import { useEffect, useRef } from 'react';
import type uPlotType from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '@/utils/i18n';
import type { SpendKind } from '@/utils/db/spend';
import type { Money } from '@/components/popup/money';
import { labelWidth } from '@/components/chart/axis';

export const KIND_COLOURS: Record<SpendKind, string> = {
  chat: '#3b82f6',
  agent: '#f59e0b',
  api: '#10b981',
};

/** Stacked sums, bottom first: chat, chat + agents, chat + agents + API. */
export function stack(daily: Record<SpendKind, number[]>, perUsd: number): number[][] {
  const order: SpendKind[] = ['chat', 'agent', 'api'];
  const out: number[][] = [];
  let below = daily.chat.map(() => 0);
  for (const kind of order) {
    below = below.map((v, i) => v + (daily[kind][i] / 1e6) * perUsd);
    out.push(below);
  }
  return out;
}

function draw(
  uPlot: typeof uPlotType,
  target: HTMLDivElement,
  days: string[],
  daily: Record<SpendKind, number[]>,
  money: Money,
  width: number,
): uPlotType {
  const [chat, agent, api] = stack(daily, money.perUsd);
  const xs = days.map((_, i) => i);
  const bars = uPlot.paths.bars!({ size: [0.8, 24], align: 0 });
  // The tallest stack first, each lower one drawn over it: stacked bars without a plugin.
  const series = (label: string, kind: SpendKind) => ({
    label,
    fill: KIND_COLOURS[kind],
    stroke: KIND_COLOURS[kind],
    width: 0,
    points: { show: false },
    paths: bars,
    value: (_u: uPlotType, v: number | null) =>
      v === null ? '' : money.format(Math.round((v / money.perUsd) * 1e6)),
  });
  return new uPlot(
    {
      width,
      height: 220,
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: [-0.6, Math.max(days.length, 1) - 0.4] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          stroke: '#64748b',
          grid: { show: false },
          size: 28,
          space: 40,
          values: (_u, splits) =>
            splits.map((i) =>
              Number.isInteger(i) && days[i]
                ? days.length > 180
                  ? days[i].slice(0, 7)
                  : days[i].slice(5)
                : '',
            ),
        },
        {
          stroke: '#64748b',
          size: labelWidth,
          grid: { stroke: '#e2e8f033', width: 1 },
          values: (_u, splits) =>
            splits.map((v) => money.format(Math.round((v / money.perUsd) * 1e6))),
        },
      ],
      series: [
        {},
        series(t('dashboard.kind.api'), 'api'),
        series(t('dashboard.kind.agent'), 'agent'),
        series(t('dashboard.kind.chat'), 'chat'),
      ],
    },
    [xs, api, agent, chat],
    target,
  );
}

export function SpendChart(props: {
  days: string[];
  daily: Record<SpendKind, number[]>;
  money: Money;
}) {
  const { days, daily, money } = props;
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: uPlotType | undefined;
    let live = true;
    import('uplot').then(
      ({ default: uPlot }) => {
        if (!live || !host.current) return;
        const width = Math.max(320, Math.min(1100, host.current.clientWidth || 900));
        plot = draw(uPlot, host.current, days, daily, money, width);
      },
      (e: unknown) => console.warn('[dashboard] chart not loaded', e),
    );
    return () => {
      live = false;
      plot?.destroy();
    };
  }, [days, daily, money]);
  const total = (i: number) => daily.chat[i] + daily.agent[i] + daily.api[i];
  return (
    <div
      ref={host}
      className="tm-dash-chart"
      data-testid="spend-chart"
      role="img"
      aria-label={t('dashboard.chartLabel', {
        days: days
          .map((d, i) => [d, total(i)] as const)
          .filter(([, v]) => v > 0)
          .map(([d, v]) => `${d} ${money.format(v)}`)
          .join(', '),
      })}
    />
  );
}
