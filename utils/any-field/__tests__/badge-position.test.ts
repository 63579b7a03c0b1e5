// Where a field's count badge goes: its lower right corner, kept on screen; none when off screen.
import { describe, expect, it } from 'vitest';
import { fieldBadgePosition, fieldInView } from '@/utils/any-field/layer';

const viewport = { width: 800, height: 600 };
const rect = (left: number, top: number, right: number, bottom: number) => ({
  left,
  top,
  right,
  bottom,
  width: right - left,
});

describe('field badge placement', () => {
  it('sits inside the field’s lower right corner', () => {
    expect(fieldBadgePosition(rect(100, 100, 500, 300), 110, viewport)).toEqual({
      left: 386,
      top: 280,
    });
  });

  it('stays on screen for a field wider or lower than the viewport', () => {
    expect(fieldBadgePosition(rect(0, 0, 2000, 2000), 110, viewport)).toEqual({
      left: 690,
      top: 580,
    });
    expect(fieldBadgePosition(rect(-500, -500, 50, 10), 110, viewport)).toEqual({
      left: 0,
      top: 0,
    });
  });

  it('a field scrolled away, or hidden (no width), is not in view', () => {
    expect(fieldInView(rect(100, 100, 500, 300), viewport)).toBe(true);
    expect(fieldInView(rect(100, 700, 500, 900), viewport)).toBe(false);
    expect(fieldInView(rect(100, -300, 500, -10), viewport)).toBe(false);
    expect(fieldInView(rect(100, 100, 100, 300), viewport)).toBe(false);
  });
});
