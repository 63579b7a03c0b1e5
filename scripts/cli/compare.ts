// `npm run -s cli -- compare <file|-> [--models a,b,c] [--output-tokens N] [--currency <code>]
// [--sync] [--json]`: what a
// prompt costs on other models, each counted with its own tokenizer family and priced on the
// bundled rate card. Counting goes through the same TokenCounter as `count` (one call per family,
// see utils/core/compare/count.ts) and pricing through the same priceUsage as `price`, so a row's
// tokens and total equal what those commands give for that model. --currency adds each row's
// figures in that currency (the lab's list price where the card has one, else converted at the
// bundled dated rate), beside the USD ones, which stay as they were. --sync prices on the feeds'
// card and converts at today's rate, as `price --sync` does (each failure warns on stderr and the
// bundled data is used).
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
import {
  formatMoney,
  getBundledCard,
  isCurrencyCode,
  microsToUnits,
  rateFor,
  type ExchangeRate,
  type RateCard,
} from '../../utils/core/ratecard/index';
import { TokenCounter } from '../../utils/core/tokenize/index';
import { loadVocabFromNodeModules } from './count';
import { loadPricing } from './price';

const USAGE =
  'usage: compare <file|-> [--models a,b,c] [--output-tokens N] [--current <model>] [--currency <code>] [--sync] [--json]';

interface Options {
  input: string;
  models: string[] | null;
  outputTokens: number;
  current: string | null;
  /** Also price in this currency (null: USD only). */
  currency: string | null;
  /** Price on the feeds' card and today's exchange rates. */
  sync: boolean;
  json: boolean;
}

function parseArgs(args: string[]): Options | string {
  let input: string | undefined;
  let models: string[] | null = null;
  let outputTokens = DEFAULT_OUTPUT_TOKENS;
  let current: string | null = null;
  let currency: string | null = null;
  let json = false;
  let sync = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? args[i].split(/=(.*)/s, 2) : [args[i]];
    const value = () => inline ?? args[++i];
    if (flag === '--json') json = true;
    else if (flag === '--sync') sync = true;
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
    else if (flag === '--currency') {
      const code = (value() ?? '').toUpperCase();
      if (!isCurrencyCode(code))
        return `--currency needs an ISO 4217 code (CNY, EUR), got "${code}"`;
      currency = code === 'USD' ? null : code;
    } else if (flag.startsWith('--')) return `unknown option ${flag}`;
    else if (input === undefined) input = args[i];
    else return `one input only (got "${input}" and "${args[i]}")`;
  }
  if (!input) return 'missing input file (or - for stdin)';
  return { input, models, outputTokens, current, currency, sync, json };
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
  options: {
    models?: readonly string[] | null;
    outputTokens?: number;
    current?: string | null;
    currency?: string | null;
    /** The card to price on (default: the bundled one) and synced rates over the bundled ones. */
    card?: RateCard;
    rates?: Record<string, ExchangeRate>;
  },
  counter = new TokenCounter(loadVocabFromNodeModules),
): Promise<CompareRow[]> {
  const card = options.card ?? getBundledCard();
  const models = options.models?.length ? options.models : resolveDefaultModels(card).ids;
  const all = options.current ? [...models, options.current] : models;
  const counts = await countFamilies(card, all, (model) => counter.count(text, model));
  const rows = buildRows({
    card,
    models,
    counts,
    output: { kind: 'tokens', tokens: options.outputTokens ?? DEFAULT_OUTPUT_TOKENS },
    currentModel: options.current,
    priceOptions: options.currency
      ? { currency: options.currency, rates: options.rates }
      : undefined,
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
    // With --currency only: the same figures in it, and where they came from.
    ...(p?.local
      ? {
          local: {
            currency: p.local.currency,
            inputCost: microsToUnits(p.local.inputMicros),
            outputCost: microsToUnits(p.local.outputMicros),
            total: microsToUnits(p.local.totalMicros),
            basis: p.local.basis,
            source: p.local.source,
          },
        }
      : {}),
  };
}

function toTable(rows: CompareRow[], withRatio: boolean, currency: string | null): string {
  const money = (row: CompareRow, field: 'inputMicros' | 'outputMicros' | 'totalMicros') =>
    row.price.status === 'priced'
      ? formatMoney(row.price[field], 'USD')
      : row.price.status === 'unpriced'
        ? 'unpriced'
        : 'error';
  const header = ['model', 'tokens', 'provenance', 'family', 'input', 'output', 'total'];
  if (currency) header.push(`total ${currency}`);
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
    if (currency) cells.push(localTotal(r));
    if (withRatio) cells.push(formatRatio(r.ratio));
    cells.push(formatFit(r), formatTier(r));
    return cells;
  });
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((l) => l[i].length)));
  const right = new Set(currency ? [1, 4, 5, 6, 7, 8] : [1, 4, 5, 6, 7]);
  return all
    .map((l) =>
      l
        .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A row's total in the asked currency; ◆ marks the lab's own list price (not converted). */
function localTotal(r: CompareRow): string {
  if (r.price.status !== 'priced') return r.price.status === 'unpriced' ? 'unpriced' : 'error';
  const l = r.price.local;
  if (!l) return 'no rate';
  return formatMoney(l.totalMicros, l.currency) + (l.basis === 'list price' ? ' ◆' : '');
}

function noRate(currency: string): number {
  process.stderr.write(
    JSON.stringify({
      error: `--currency ${currency}: no exchange rate for ${currency}\n${USAGE}`,
    }) + '\n',
  );
  return 2;
}

export async function run(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(JSON.stringify({ error: `${options}\n${USAGE}` }) + '\n');
    return 2;
  }
  // Before the sync: an unreadable file or a bad flag costs no request.
  if (options.currency && !options.sync && !rateFor(options.currency)) {
    return noRate(options.currency);
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
  const { card, rates } = options.sync
    ? await loadPricing({ sync: true, currency: options.currency ?? undefined })
    : { card: getBundledCard(), rates: undefined };
  const rate = options.currency ? rateFor(options.currency, {}, rates) : null;
  if (options.currency && !rate) return noRate(options.currency);
  const rows = await compareText(text, { ...options, card, rates });
  if (options.json) {
    process.stdout.write(JSON.stringify(rows.map(toJsonRow), null, 2) + '\n');
  } else {
    const notes = [
      `Expected reply: ${options.outputTokens} tokens. Prices: ${options.sync ? 'synced' : 'bundled'} rate card ${card.createdAt}, USD.`,
      '≈ estimate (no public tokenizer), ~ related vocabulary; context: prompt ≤ window.',
    ];
    if (rate) {
      notes.push(
        `${options.currency}: ◆ the lab's own list price; others converted at ${rate.perUsd} ${rate.currency}/USD of ${rate.date} (${rate.source}).`,
      );
    }
    const table = toTable(rows, options.current !== null, options.currency);
    process.stdout.write(`${table}\n\n${notes.join('\n')}\n`);
  }
  return 0;
}
