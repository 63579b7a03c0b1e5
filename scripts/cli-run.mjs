// `npm run -s cli -- <command> [args]`: runs scripts/cli.ts from a prebuilt bundle under the build
// output (`.output/cli/<key>/cli.mjs`, made by esbuild, one chunk per command so `count` loads
// only what it needs), because starting it through tsx costs ~0.4 s of transpiling on every run
// before any work. The bundle is keyed on its sources: the key hashes esbuild's version, the
// options below and the content of every file the last build read (its metafile's inputs); any
// change rebuilds it (~0.2 s), so an edited source is never run stale. Builds go to a temporary
// folder renamed into place, so parallel runs (test workers) never load half a bundle. If the
// bundle cannot be built (esbuild missing), the CLI runs through tsx as before.
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
export const CLI_BUNDLE_DIR = join(ROOT, '.output', 'cli');
const ENTRY = join(ROOT, 'scripts', 'cli.ts');
const INPUTS = join(CLI_BUNDLE_DIR, 'inputs.json');

/** esbuild's options (part of the key). */
const OPTIONS = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  logLevel: 'silent',
};

function esbuildVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8'))
    .version;
}

/**
 * The key of a bundle made from `inputs` (paths relative to the root), or null if one is gone:
 * a hash of their content, and the size and modification time each had when hashed.
 */
export async function bundleKey(inputs) {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion()}\n`);
  hash.update(JSON.stringify(OPTIONS));
  const stamps = [];
  try {
    for (const input of inputs) {
      const path = join(ROOT, input);
      stamps.push(stamp(path));
      hash.update(`\n${input}\n`).update(readFileSync(path));
    }
  } catch {
    return null;
  }
  return { key: hash.digest('hex').slice(0, 16), inputs, stamps };
}

function stamp(path) {
  const { size, mtimeMs } = statSync(path);
  return `${size}:${mtimeMs}`;
}

/**
 * Path of the fresh bundle's entry, or null when there is none for the current sources. Files
 * whose size and time are as recorded are not read again (hashing all ~150 of them costs ~70 ms
 * on a busy machine, a quarter of the budget); any other difference rehashes them all.
 */
export async function freshBundle() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(INPUTS, 'utf8'));
  } catch {
    return null;
  }
  let key = recorded.key;
  try {
    // `${ROOT}/${input}`, not join(): esbuild's inputs are normalized relative paths, and
    // normalizing ~150 of them again was a few ms of every start.
    if (recorded.inputs.some((input, i) => stamp(`${ROOT}/${input}`) !== recorded.stamps[i])) {
      key = null;
    }
  } catch {
    key = null;
  }
  if (key === null) {
    const current = await bundleKey(recorded.inputs);
    if (!current) return null;
    key = current.key;
    if (exists(join(CLI_BUNDLE_DIR, key, 'cli.mjs'))) record(current);
  }
  const entry = join(CLI_BUNDLE_DIR, key, 'cli.mjs');
  return exists(entry) ? entry : null;
}

function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes what the current bundle was made from (atomically: parallel runs read it). */
function record(current) {
  const tmp = `${INPUTS}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(current));
  renameSync(tmp, INPUTS);
}

/** Builds the bundle now; returns its entry. */
export async function buildBundle() {
  const esbuild = await import('esbuild');
  const tmp = join(CLI_BUNDLE_DIR, `tmp-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    ...OPTIONS,
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outdir: tmp,
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const current = await bundleKey(inputs);
  if (!current) throw new Error('a source file went missing during the build');
  const dir = join(CLI_BUNDLE_DIR, current.key);
  try {
    renameSync(tmp, dir);
  } catch {
    // Another process put the same bundle there first: use that one.
    rmSync(tmp, { recursive: true, force: true });
  }
  record(current);
  pruneOld(current.key);
  return join(dir, 'cli.mjs');
}

/** Bundles of older sources, left from earlier builds (an hour old: none still running). */
function pruneOld(keep) {
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(CLI_BUNDLE_DIR)) {
    if (name === keep || name === 'inputs.json') continue;
    const path = join(CLI_BUNDLE_DIR, name);
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/** The bundle's entry, built first if missing or stale; null if it cannot be built. */
export async function cliBundle() {
  const fresh = await freshBundle();
  if (fresh) return fresh;
  try {
    return await buildBundle();
  } catch (error) {
    process.stderr.write(`cli bundle not built (running through tsx): ${error}\n`);
    return null;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const entry = await cliBundle();
  if (entry) {
    await import(pathToFileURL(entry).href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(ENTRY).href);
  }
}
