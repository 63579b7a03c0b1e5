// Where the badge sits: above the composer's top-right corner, moved by the user, in the viewport.
import { describe, expect, it } from 'vitest';
import { badgePosition } from '@/utils/overlay/mount/placement';

const viewport = { width: 1000, height: 800 };

describe('badgePosition', () => {
  it('puts the badge’s bottom-right corner just above the composer’s top-right corner', () => {
    expect(badgePosition({ right: 900, top: 700 }, { x: 0, y: 0 }, viewport)).toEqual({
      right: 100,
      bottom: 106,
    });
  });

  it('moves it by the user’s offset (dragged right and down = smaller distances to the edges)', () => {
    expect(badgePosition({ right: 900, top: 700 }, { x: 30, y: 40 }, viewport)).toEqual({
      right: 70,
      bottom: 66,
    });
  });

  it('uses the viewport’s corner without a composer', () => {
    expect(badgePosition(null, { x: 0, y: 0 }, viewport)).toEqual({ right: 16, bottom: 16 });
    expect(badgePosition(null, { x: -4, y: 6 }, viewport)).toEqual({ right: 20, bottom: 10 });
  });

  it('keeps the badge inside the viewport however far it was dragged', () => {
    expect(badgePosition(null, { x: 5000, y: 5000 }, viewport)).toEqual({ right: 0, bottom: 0 });
    expect(badgePosition(null, { x: -5000, y: -5000 }, viewport)).toEqual({
      right: 940,
      bottom: 770,
    });
    // A composer scrolled out above the viewport.
    expect(badgePosition({ right: 900, top: -300 }, { x: 0, y: 0 }, viewport).bottom).toBe(770);
  });
});
