// The repository root, found from this module's location: the nearest folder above it with a
// package.json. Not a fixed `..`: the CLI also runs from its prebuilt bundle in `.output/cli/`
// (scripts/cli-bundle.ts), one folder deeper, where a relative path would miss.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
