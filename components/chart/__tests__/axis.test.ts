import type uPlotType from 'uplot';
import { describe, expect, it } from 'vitest';
import { labelWidth } from '../axis';

/** A uPlot stand-in whose canvas measures 7 px per character, at the given device pixel ratio. */
function fakePlot(font: unknown) {
  const ctx = { font: '', measureText: (s: string) => ({ width: s.length * 7 }) };
  return {
    u: { axes: [{}, { font, ticks: { size: 10 }, gap: 5 }], ctx } as unknown as uPlotType,
    ctx,
  };
}

describe('the y axis width', () => {
  it('grows with the longest money label, so none is clipped', () => {
    const { u, ctx } = fakePlot(['12px system-ui', 12]);
    const short = labelWidth(u, ['$0', '$1'], 1);
    const long = labelWidth(u, ['$0.0000', '$0.4000', '$0.8000'], 1);
    expect(long - short).toBe(5 * 7);
    expect(long).toBeGreaterThanOrEqual('$0.4000'.length * 7 + 10 + 5);
    expect(ctx.font).toBe('12px system-ui');
  });

  it('leaves out hidden ticks (the popup draws none)', () => {
    const { u } = fakePlot(['12px system-ui', 12]);
    (u.axes[1] as { ticks: { show: boolean; size: number } }).ticks = { show: false, size: 10 };
    expect(labelWidth(u, ['US$1.00'], 1)).toBe(5 + 8 + 7 * 7);
  });

  it('gives the ticks and gap alone when there are no labels yet', () => {
    const { u } = fakePlot(undefined);
    expect(labelWidth(u, null, 1)).toBe(10 + 5 + 8);
  });
});
