import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleKey, cliBundle, freshBundle } from '../cli-run.mjs';
import { cachedBundledCard, cachedModelId, cardCacheKey } from '../cli/card-cache';
import { getBundledCard } from '../../utils/core/ratecard/bundled';
import { resolveModelId } from '../../utils/core/ratecard/resolve';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRATCH = join('.output', `cli-run-test-${process.pid}`);

afterAll(() => rmSync(join(ROOT, SCRATCH), { recursive: true, force: true }));

/** The bundle files `file` loads before it runs: its static imports, followed. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(
    /^(?:import|export)\b[^;]*?from\s+"(\.\/[^"]+)"|^import\s+"(\.\/[^"]+)"/gm,
  )) {
    staticGraph(join(dirname(file), m[1] ?? m[2]), seen);
  }
  return seen;
}

describe('the CLI bundle (scripts/cli-run.mjs)', () => {
  it('is keyed on the content of its sources: an edit changes the key, a missing file has none', async () => {
    mkdirSync(join(ROOT, SCRATCH), { recursive: true });
    const file = join(SCRATCH, 'source.ts');
    writeFileSync(join(ROOT, file), 'export const a = 1;\n');
    const first = await bundleKey(['scripts/cli.ts', file]);
    expect(first?.key).toMatch(/^[0-9a-f]{16}$/);
    expect((await bundleKey(['scripts/cli.ts', file]))?.key).toBe(first?.key);
    writeFileSync(join(ROOT, file), 'export const a = 2;\n');
    expect((await bundleKey(['scripts/cli.ts', file]))?.key).not.toBe(first?.key);
    rmSync(join(ROOT, file));
    expect(await bundleKey(['scripts/cli.ts', file])).toBeNull();
  });

  it('is built from scripts/cli.ts, found fresh afterwards, and `count` loads neither zod nor the card', async () => {
    const entry = await cliBundle();
    expect(entry).not.toBeNull();
    expect(await freshBundle()).toBe(entry);
    const recorded = JSON.parse(
      readFileSync(join(dirname(dirname(entry!)), 'inputs.json'), 'utf8'),
    ) as { key: string; inputs: string[] };
    expect(basename(dirname(entry!))).toBe(recorded.key);
    expect(recorded.inputs).toEqual(
      expect.arrayContaining(['scripts/cli.ts', 'scripts/cli/count.ts']),
    );
    const cli = readFileSync(entry!, 'utf8');
    const count = /import\("\.\/(count-[A-Z0-9]+\.mjs)"\)/.exec(cli)?.[1];
    expect(count).toBeDefined();
    const loaded = [...staticGraph(join(dirname(entry!), count!))].map((f) =>
      readFileSync(f, 'utf8'),
    );
    expect(loaded.some((code) => code.includes('from "zod"'))).toBe(false);
    // esbuild heads each module it bundles with a `// <path>` line.
    const snapshot = /^\/\/ utils\/core\/ratecard\/snapshot\.json$/m;
    expect(loaded.some((code) => snapshot.test(code))).toBe(false);
    // The price command does load them: the check above can see them.
    const price = /import\("\.\/(price-[A-Z0-9]+\.mjs)"\)/.exec(cli)?.[1];
    const priceCode = [...staticGraph(join(dirname(entry!), price!))].map((f) =>
      readFileSync(f, 'utf8'),
    );
    expect(priceCode.some((code) => code.includes('from "zod"'))).toBe(true);
    expect(priceCode.some((code) => snapshot.test(code))).toBe(true);
  });
});

describe('the validated bundled card, cached for the CLI', () => {
  it('is the card getBundledCard() gives, read back from the cache on the next call', async () => {
    const card = await cachedBundledCard();
    expect(card).toEqual(getBundledCard());
    const file = join(ROOT, '.output', 'card-cache', 'bundled-card.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
    expect(stored.key).toBe(cardCacheKey());
    expect(await cachedBundledCard()).toEqual(card);
  });
});

describe('model ids resolved on the bundled card, remembered for the CLI', () => {
  it('answers as resolveModelId does, from the file once an id was asked', async () => {
    const ids = ['openai/gpt-5', 'gpt-5', 'Claude Sonnet 4.5', 'x-ai/grok-4', 'no-such/model-9'];
    const card = getBundledCard();
    for (const id of ids) expect(await cachedModelId(id)).toBe(resolveModelId(card, id));
    const file = join(ROOT, '.output', 'card-cache', 'resolved-ids.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { ids: Record<string, unknown> };
    for (const id of ids) expect(Object.hasOwn(stored.ids, id)).toBe(true);
    expect(stored.ids['no-such/model-9']).toBeNull();
    for (const id of ids) expect(await cachedModelId(id)).toBe(resolveModelId(card, id));
  });
});
