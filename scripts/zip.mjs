// `npm run zip`: the store packages, Chrome Web Store and Firefox Add-ons, built in WXT mode
// `store` (no local demo page in the manifest: scripts/store-manifest.ts) into
// .output/<browser>-mv3-store and zipped beside it (the Firefox one with its sources zip).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
for (const browser of ['chrome', 'firefox']) {
  const r = spawnSync('npx', ['wxt', 'zip', '-b', browser, '--mode', 'store'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
