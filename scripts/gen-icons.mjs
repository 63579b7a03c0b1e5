// `npm run icons`: the PNG icons (public/icon/<size>.png, which WXT puts in the manifest) drawn
// from assets/icon.svg by Chromium, at the sizes the stores and browsers ask for: 16 and 32
// (toolbar), 48 (extensions page, AMO), 96 (Firefox), 128 (Chrome Web Store, install dialog).
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, INSTALL_HINT } from './chromium.mjs';

export const ICON_SIZES = [16, 32, 48, 96, 128];
const root = resolve(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'assets', 'icon.svg'), 'utf8');
const executablePath = findChromium();
if (!executablePath) throw new Error(INSTALL_HINT);

const browser = await chromium.launch({ executablePath, headless: true });
try {
  const page = await browser.newPage();
  mkdirSync(join(root, 'public', 'icon'), { recursive: true });
  for (const size of ICON_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="128" height="128"', `width="${size}" height="${size}"`);
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`,
    );
    await page.screenshot({
      path: join(root, 'public', 'icon', `${size}.png`),
      omitBackground: true,
    });
  }
  console.log(`Wrote public/icon/{${ICON_SIZES.join(',')}}.png`);
} finally {
  await browser.close();
}
