/**
 * Daily spend as bars (uPlot: ~50 KB, canvas, no dependencies). Values arrive as micro-USD per
 * day and are drawn in the display currency. uPlot is loaded after the numbers are on screen
 * (its own chunk): the popup's first paint does not wait for the chart's code. The box keeps its
 * height meanwhile, so nothing moves when the bars appear.
 */
import { useEffect, useRef } from 'react';
import type uPlotType from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { parseDayKey, isoWeekday } from '@/utils/core/aggregate';
import { t } from '@/utils/i18n';
import type { Money } from './money';
import { labelWidth } from '@/components/chart/axis';

function dayLabel(day: string, short: boolean): string {
  const d = parseDayKey(day);
  return short ? (t('popup.weekdays').split(',')[isoWeekday(d) - 1] ?? '') : String(d.day);
}

interface ChartData {
  days: string[];
  valuesMicroUsd: number[];
  money: Money;
  width: number;
  height: number;
}

/** Bars of the daily spend in the display currency; weekday labels for a week, dates else. */
function drawChart(uPlot: typeof uPlotType, target: HTMLDivElement, data: ChartData): uPlotType {
  const { days, valuesMicroUsd, money, width, height } = data;
  const week = days.length <= 7;
  const xs = days.map((_, i) => i);
  const ys = valuesMicroUsd.map((v) => (v / 1e6) * money.perUsd);
  return new uPlot(
    {
      width,
      height,
      legend: { show: false },
      cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: [-0.6, days.length - 0.4] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          stroke: '#64748b',
          grid: { show: false },
          ticks: { show: false },
          size: 22,
          space: week ? 20 : 14,
          incrs: [1, 2, 5, 7],
          values: (_u, splits) =>
            splits.map((i) => (Number.isInteger(i) && days[i] ? dayLabel(days[i], week) : '')),
        },
        {
          stroke: '#64748b',
          size: labelWidth,
          grid: { stroke: '#e2e8f0', width: 1 },
          ticks: { show: false },
          values: (_u, splits) =>
            splits.map((v) => money.format(Math.round((v / money.perUsd) * 1e6))),
        },
      ],
      series: [
        {},
        {
          label: 'spend',
          fill: '#3b82f6',
          stroke: '#2563eb',
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars!({ size: [0.7, 40], align: 0 }),
        },
      ],
    },
    [xs, ys],
    target,
  );
}

export function DailyChart(props: {
  days: string[];
  valuesMicroUsd: number[];
  money: Money;
  width?: number;
  height?: number;
}) {
  const { days, valuesMicroUsd, money, width = 336, height = 130 } = props;
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: uPlotType | undefined;
    let live = true;
    import('uplot').then(
      ({ default: uPlot }) => {
        if (!live || !host.current) return;
        plot = drawChart(uPlot, host.current, { days, valuesMicroUsd, money, width, height });
      },
      (e: unknown) => console.warn('[popup] chart not loaded', e),
    );
    return () => {
      live = false;
      plot?.destroy();
    };
  }, [days, valuesMicroUsd, money, width, height]);
  return (
    <div
      ref={host}
      style={{ minHeight: height }}
      data-testid="daily-chart"
      aria-label={t('popup.chartLabel', {
        days: days.map((d, i) => `${d} ${money.format(valuesMicroUsd[i])}`).join(', '),
      })}
      role="img"
    />
  );
}
