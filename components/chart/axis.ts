/** Shared by the popup's and the dashboard's uPlot charts. */
import type uPlotType from 'uplot';

/**
 * The y axis's width from its longest label, so money labels such as "$0.4000" or "¥12.50" are
 * never clipped at the chart's left edge.
 */
export function labelWidth(u: uPlotType, values: string[] | null, axisIdx: number): number {
  const axis = u.axes[axisIdx];
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  const ticks = axis.ticks?.show === false ? 0 : (axis.ticks?.size ?? 10);
  let size = ticks + (axis.gap ?? 5) + 8;
  if (longest) {
    // Once drawn, uPlot keeps an axis's font as [css font, px size] scaled to the device pixels.
    const font = axis.font as unknown as [string, number] | string | undefined;
    if (Array.isArray(font)) u.ctx.font = font[0];
    size += u.ctx.measureText(longest).width / (globalThis.devicePixelRatio || 1);
  }
  return Math.ceil(size);
}
