// `npm run -s cli -- compare <file|-> [--models a,b,c] [--output-tokens N] [--json]`: what a
// prompt costs on other models, each counted with its own tokenizer family and priced on the
// bundled rate card. Counting goes through the same TokenCounter as `count` (one call per family,
// see utils/core/compare/count.ts) and pricing through the same priceUsage as `price`, so a row's
// tokens and total equal what those commands give for that model.
import { readFile } from 'node:fs/promises';
import {
  buildRows,
  countFamilies,
  DEFAULT_OUTPUT_TOKENS,
  formatFit,
  formatRatio,
  formatTier,
  provenanceMark,
  resolveDefaultModels,
  sortRows,
  type CompareRow,
} from '../../utils/core/compare/index';
import { formatMoney, getBundledCard, microsToUnits } from '../../utils/core/ratecard/index';
import { TokenCounter } from '../../utils/core/tokenize/index';
import { loadVocabFromNodeModules } from './count';

const USAGE =
  'usage: compare <file|-> [--models a,b,c] [--output-tokens N] [--current <model>] [--json]';

interface Options {
  input: string;
  models: string[] | null;
  outputTokens: number;
  current: string | null;
  json: boolean;
}

function parseArgs(args: string[]): Options | string {
  let input: string | undefined;
  let models: string[] | null = null;
  let outputTokens = DEFAULT_OUTPUT_TOKENS;
  let current: string | null = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? args[i].split(/=(.*)/s, 2) : [args[i]];
    const value = () => inline ?? args[++i];
    if (flag === '--json') json = true;
    else if (flag === '--models') {
      models = (value() ?? '')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      if (models.length === 0) return '--models needs a comma-separated list of model ids';
    } else if (flag === '--output-tokens') {
      const raw = value() ?? '';
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
        return `--output-tokens must be a whole number ≥ 0, got "${raw}"`;
      }
      outputTokens = Number(raw);
    } else if (flag === '--current') current = value() ?? null;
    else if (flag.startsWith('--')) return `unknown option ${flag}`;
    else if (input === undefined) input = args[i];
    else return `one input only (got "${input}" and "${args[i]}")`;
  }
  if (!input) return 'missing input file (or - for stdin)';
  return { input, models, outputTokens, current, json };
}

async function readInput(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The comparison the CLI prints (exported for the tests and the bench). */
export async function compareText(
  text: string,
  options: { models?: readonly string[] | null; outputTokens?: number; current?: string | null },
  counter = new TokenCounter(loadVocabFromNodeModules),
): Promise<CompareRow[]> {
  const card = getBundledCard();
  const models = options.models?.length ? options.models : resolveDefaultModels(card).ids;
  const all = options.current ? [...models, options.current] : models;
  const counts = await countFamilies(card, all, (model) => counter.count(text, model));
  const rows = buildRows({
    card,
    models,
    counts,
    output: { kind: 'tokens', tokens: options.outputTokens ?? DEFAULT_OUTPUT_TOKENS },
    currentModel: options.current,
  });
  return sortRows(rows, 'total', 'asc');
}

/** The `--json` shape: USD as numbers (from integer micro-USD), null when unpriced. */
export function toJsonRow(row: CompareRow) {
  const p = row.price.status === 'priced' ? row.price : null;
  return {
    model: row.model,
    tokens: row.tokens,
    provenance: row.provenance,
    inputCost: p ? microsToUnits(p.inputMicros) : null,
    outputCost: p ? microsToUnits(p.outputMicros) : null,
    total: p ? microsToUnits(p.totalMicros) : null,
    fitsContext: row.fitsContext,
  };
}

function toTable(rows: CompareRow[], withRatio: boolean): string {
  const money = (row: CompareRow, field: 'inputMicros' | 'outputMicros' | 'totalMicros') =>
    row.price.status === 'priced'
      ? formatMoney(row.price[field], 'USD')
      : row.price.status === 'unpriced'
        ? 'unpriced'
        : 'error';
  const header = ['model', 'tokens', 'provenance', 'family', 'input', 'output', 'total'];
  if (withRatio) header.push('ratio');
  header.push('context', 'tier');
  const lines = rows.map((r) => {
    const cells = [
      r.model + (r.current ? ' (current)' : ''),
      r.tokens === null ? 'error' : `${provenanceMark(r)}${r.tokens.toLocaleString('en-US')}`,
      r.provenance,
      r.family,
      money(r, 'inputMicros'),
      money(r, 'outputMicros'),
      money(r, 'totalMicros'),
    ];
    if (withRatio) cells.push(formatRatio(r.ratio));
    cells.push(formatFit(r), formatTier(r));
    return cells;
  });
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((l) => l[i].length)));
  const right = new Set([1, 4, 5, 6, 7]);
  return all
    .map((l) =>
      l
        .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function run(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(JSON.stringify({ error: `${options}\n${USAGE}` }) + '\n');
    return 2;
  }
  let text: string;
  try {
    text = await readInput(options.input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      JSON.stringify({ error: `cannot read ${options.input}: ${reason}` }) + '\n',
    );
    return 1;
  }
  const rows = await compareText(text, options);
  if (options.json) {
    process.stdout.write(JSON.stringify(rows.map(toJsonRow), null, 2) + '\n');
  } else {
    const notes = [
      `Expected reply: ${options.outputTokens} tokens. Prices: bundled rate card ${getBundledCard().createdAt}, USD.`,
      '≈ estimate (no public tokenizer), ~ related vocabulary; context: prompt ≤ window.',
    ];
    process.stdout.write(`${toTable(rows, options.current !== null)}\n\n${notes.join('\n')}\n`);
  }
  return 0;
}
