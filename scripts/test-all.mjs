// `npm test`: everything CI runs, in order. Each step's outcome is printed; unit and e2e counts
// come from vitest's JSON reporter, and the last line is `N passed, M failed` summed over unit
// tests, e2e tests and the non-test steps (a failed build or lint counts as one failure).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(name, cmd, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const ok = r.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function step(name, cmd, args) {
  if (run(name, cmd, args)) passed += 1;
  else failed += 1;
}

function vitest(name, config) {
  const out = join(reports, `${name}.json`);
  const ok = run(name, 'npx', [
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A suite that failed to load reports no failed test: count it so it cannot pass silently.
    if (!ok && report.numFailedTests === 0) failed += 1;
  } catch {
    failed += 1;
  }
}

step('check', 'npm', ['run', '-s', 'check']);
vitest('unit', 'vitest.config.ts');
step('build chrome', 'npx', ['wxt', 'build']);
step('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
step('web-ext lint (firefox)', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  '.output/firefox-mv3',
  '--no-config-discovery',
  '--output',
  'text',
]);
vitest('e2e', 'vitest.e2e.config.ts');

console.log(`\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
