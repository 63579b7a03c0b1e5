// Finds a Chromium to drive with Playwright. Test tools cannot download browsers here, so we use
// the system's (Debian: `apt-get install chromium`), or CHROMIUM_PATH if set.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const INSTALL_HINT =
  'Chromium was not found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/** Flags that load the unpacked extension; both are needed because Playwright disables extensions. */
export function extensionArgs(extensionDir) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}
