// `npm start`: build the Chrome extension, serve the offline demo chat page on 127.0.0.1 and open
// Chromium with the extension loaded on it. Without a display it prints what to open instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, INSTALL_HINT, extensionArgs } from './chromium.mjs';
import { startDemoServer } from './demo-server.mjs';

const root = resolve(import.meta.dirname, '..');
const extensionDir = join(root, '.output', 'chrome-mv3');

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });

const demo = await startDemoServer(Number(process.env.PORT ?? 5317));
const hasDisplay =
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const chromiumPath = findChromium();

function printManualSteps(reason) {
  console.log(`\n${reason}`);
  console.log(`  Extension (load unpacked): ${extensionDir}`);
  console.log(`  Demo chat page:            ${demo.url}`);
  console.log(
    '  In Chromium: chrome://extensions → Developer mode → Load unpacked → pick the folder above.',
  );
  console.log('\nServing the demo page until you press Ctrl-C.');
}

if (!chromiumPath) {
  printManualSteps(INSTALL_HINT);
} else if (!hasDisplay) {
  printManualSteps('No display found (DISPLAY is not set), so no browser window can open here.');
} else {
  const profile = mkdtempSync(join(tmpdir(), 'token-meter-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: false,
    viewport: null,
    args: extensionArgs(extensionDir),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demo.url);
  console.log(
    `\nChromium is open on ${demo.url} with Token Meter loaded. Close the window to stop.`,
  );
  context.on('close', () => {
    demo.close();
    process.exit(0);
  });
}
