import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SIZES = [16, 32, 48, 96, 128];

/** Width and height from a PNG's IHDR chunk (and that it is a PNG at all). */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('icons', () => {
  it.each(SIZES)('public/icon/%i.png is a square PNG of that size', (size) => {
    expect(pngSize(join(ROOT, 'public', 'icon', `${size}.png`))).toEqual([size, size]);
  });

  it('the generator writes exactly those sizes from the SVG source', () => {
    const script = readFileSync(join(ROOT, 'scripts', 'gen-icons.mjs'), 'utf8');
    expect(script).toContain(`ICON_SIZES = [${SIZES.join(', ')}]`);
    expect(readFileSync(join(ROOT, 'assets', 'icon.svg'), 'utf8')).toMatch(
      /^<svg [^>]*viewBox="0 0 128 128"/,
    );
  });
});
