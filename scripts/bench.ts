// `npm run bench`: every suite in scripts/bench/*.bench.ts, printed as one table.
// Optional filter: `npm run bench -- tokenizer` runs suites whose file name contains "tokenizer".
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './bench/types';

const dir = join(import.meta.dirname, 'bench');
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const fmt = (n: number) =>
  Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
let allMet = true;
for (const file of files) {
  const suite = (await import(pathToFileURL(join(dir, file)).href)).default as BenchSuite;
  console.log(`\n## ${suite.title}`);
  let rows: BenchRow[];
  try {
    rows = await suite.run();
  } catch (error) {
    console.log(`  suite failed: ${error instanceof Error ? error.stack : String(error)}`);
    allMet = false;
    continue;
  }
  const table = rows.map((r) => ({
    measure: r.name,
    value: `${fmt(r.value)} ${r.unit}`,
    baseline: r.baseline ? `${fmt(r.baseline.value)} ${r.unit} (${r.baseline.label})` : '',
    target: r.target ?? '',
    met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  }));
  console.table(table);
  if (rows.some((r) => r.met === false)) allMet = false;
}
if (files.length === 0) console.log('No bench suites found.');
console.log(`\n${allMet ? 'All targets met.' : 'Some targets NOT met (see rows marked NO).'}`);
