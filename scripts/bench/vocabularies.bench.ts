// Kimi K2 and Mistral Tekken next to OpenAI's own tiktoken (Rust, as WebAssembly: the npm
// `tiktoken` package) with the same ranks and pattern, measured in the same run; and the `count`
// CLI on every vocabulary family, as a process, next to the CLI's `version` command (the
// runtime's own start: node and the prebuilt bundle) and, for Gemma 3, next to the same count with the
// vocabulary cache turned off (the file rebuilt from its npm package, as every run did before).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Tiktoken } from 'tiktoken/lite';
import {
  Encoder,
  FAMILIES,
  FamilyCounter,
  parseVocabulary,
  VOCABS,
} from '../../utils/core/tokenize';
import { loadVocabFromNodeModules } from '../cli/count';
import { pythonEncodeSlices } from '../gen-token-refs';
import { shippedVocabText } from '../vocab-cache';
import { chineseMegabyte, draft, keystrokes } from './tokenizer.bench';
import { median, p95, timeMedian } from './stats';
import type { BenchRow, BenchSuite } from './types';

const ROOT = join(import.meta.dirname, '..', '..');
const NEW = ['kimi-k2', 'tekken'] as const;

async function vocabularyRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const zh = chineseMegabyte();
  const o200k = new Encoder(await loadVocabFromNodeModules('o200k_base'));
  const text10k = draft(10_000, o200k);
  // o200k in the same run, for scale on a busy machine (its targets are in the tokenizer suite).
  const o200kRaw = await shippedVocabText('o200k_base');
  rows.push({
    name: 'cold load o200k_base, same run (for scale)',
    value: timeMedian(3, () => new Encoder(parseVocabulary('o200k_base', JSON.parse(o200kRaw)))),
    unit: 'ms',
  });
  const o200kVocab = parseVocabulary('o200k_base', JSON.parse(o200kRaw));
  rows.push({
    name: 'count 1 MB Chinese, o200k_base, same run (for scale)',
    value: timeMedian(3, () => new Encoder(o200kVocab).count(zh)),
    unit: 'ms',
  });
  for (const id of NEW) {
    const raw = await shippedVocabText(id);
    const ranks = JSON.parse(raw) as { pat_str: string; bpe_ranks: string };
    const load = () => new Encoder(parseVocabulary(id, JSON.parse(raw)));
    const cold = timeMedian(3, load);
    const refs: Tiktoken[] = [];
    const coldRef = timeMedian(3, () =>
      refs.push(new Tiktoken(ranks.bpe_ranks, {}, ranks.pat_str)),
    );
    const ref = refs[0];
    rows.push({
      name: `cold load ${id} (shipped file text → ready)`,
      value: cold,
      unit: 'ms',
      baseline: { label: 'Rust tiktoken (wasm), same ranks', value: coldRef },
      target: '< 200 ms',
      met: cold < 200,
    });
    // The reference cuts the text as the model's encoder does (Kimi: runs of 25,000 characters).
    const limits = VOCABS[id].limits;
    const refCount = (text: string) =>
      (limits ? pythonEncodeSlices(text, limits) : [text]).reduce(
        (sum, slice) => sum + ref.encode_ordinary(slice).length,
        0,
      );
    const engineCount = load().count(zh);
    const expected = refCount(zh);
    if (engineCount !== expected)
      throw new Error(`${id} 1 MB Chinese: ${engineCount} ≠ ${expected}`);
    const paste = timeMedian(3, () => load().count(zh));
    rows.push({
      name: `count 1 MB Chinese, ${id} (${engineCount} tokens, same as the reference)`,
      value: paste,
      unit: 'ms',
      baseline: { label: 'Rust tiktoken (wasm), 1 run', value: timeMedian(1, () => refCount(zh)) },
      target: '< 500 ms',
      met: paste < 500,
    });
    const counter = new FamilyCounter(FAMILIES[id], load());
    counter.count(text10k);
    const keystroke = p95(keystrokes(text10k, 200, (t) => counter.count(t)));
    rows.push({
      name: `keystroke → count p95, 10k-token draft (${id})`,
      value: keystroke,
      unit: 'ms',
      baseline: {
        label: 'Rust tiktoken (wasm) full recount',
        value: p95(keystrokes(text10k, 10, (t) => refCount(t))),
      },
      target: '< 16 ms',
      met: keystroke < 16,
    });
    const encoder = load();
    for (const [label, text, target] of [
      ['200k × "a"', 'a'.repeat(200_000), 500],
      ['200k spaces', ' '.repeat(200_000), 500],
      ['200k × "中"', '中'.repeat(200_000), 500],
      ['200k × emoji', '😀'.repeat(200_000), 500],
      [
        '5 M characters of mixed text',
        (zh.slice(0, 300_000) + text10k).repeat(20).slice(0, 5e6),
        5000,
      ],
    ] as const) {
      const ms = timeMedian(1, () => encoder.count(text));
      rows.push({
        name: `count ${label}, ${id}`,
        value: ms,
        unit: 'ms',
        baseline: {
          label: 'Rust tiktoken (wasm) on its first 20k characters',
          value: timeMedian(1, () => refCount(text.slice(0, 20_000))),
        },
        target: `< ${target} ms`,
        met: ms < target,
      });
    }
    for (const r of refs) r.free();
  }
  return rows;
}

interface ProcessStats {
  ms: number;
  maxRssMb: number;
}

/** One CLI process, with the figures scripts/bench/exit-stats.mjs reports from inside it. */
function cli(args: string[], env: Record<string, string> = {}): ProcessStats {
  const r = spawnSync(
    process.execPath,
    ['--import', './scripts/bench/exit-stats.mjs', 'scripts/cli-run.mjs', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')}: ${r.stderr}`);
  const line = r.stderr.split('\n').find((l) => l.startsWith('{"exitStats"'));
  return JSON.parse(line!).exitStats as ProcessStats;
}

function cliMedian(runs: number, args: string[], env?: Record<string, string>): ProcessStats {
  const all = Array.from({ length: runs }, () => cli(args, env));
  return { ms: median(all.map((s) => s.ms)), maxRssMb: median(all.map((s) => s.maxRssMb)) };
}

const MODELS = [
  'openai/gpt-5',
  'openai/gpt-4',
  'deepseek/deepseek-v3.2',
  'alibaba/qwen3-235b-a22b',
  'meta-llama/llama-3.3-70b-instruct',
  'google/gemini-2.5-pro',
  'moonshotai/kimi-k2.6',
  'mistral/mistral-small-2506',
  'anthropic/claude-sonnet-4-5',
];

function cliRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  const file = join('tests', 'fixtures', 'tokenize', 'samples', 'zh-cn.txt');
  cli(['version']); // builds the CLI bundle if it is missing or stale (scripts/cli-run.mjs)
  const runtime = cliMedian(3, ['version']);
  rows.push({
    name: 'CLI `version` process (node start + the prebuilt bundle, no vocabulary)',
    value: runtime.ms,
    unit: 'ms',
  });
  for (const model of MODELS) {
    const run = cliMedian(3, ['count', '--model', model, file]);
    const own = run.ms - runtime.ms;
    rows.push({
      name: `CLI \`count\` ${model}: its own time (process ${run.ms.toFixed(0)} ms − \`version\`)`,
      value: own,
      unit: 'ms',
      target: '< 300 ms',
      met: own < 300,
    });
    rows.push({
      name: `CLI \`count\` ${model}: peak memory of the process`,
      value: run.maxRssMb,
      unit: 'MB',
      baseline: { label: '`version`', value: runtime.maxRssMb },
      target: '< 150 MB',
      met: run.maxRssMb < 150,
    });
  }
  const uncached = cliMedian(1, ['count', '--model', 'google/gemini-2.5-pro', file], {
    TOKEN_METER_VOCAB_CACHE: 'off',
  });
  rows.push({
    name: 'CLI `count` google/gemini-2.5-pro without the vocabulary cache (as before it): process',
    value: uncached.ms,
    unit: 'ms',
  });
  rows.push({
    name: 'CLI `count` google/gemini-2.5-pro without the vocabulary cache: peak memory',
    value: uncached.maxRssMb,
    unit: 'MB',
  });
  return rows;
}

const suite: BenchSuite = {
  title: 'Kimi K2 and Mistral Tekken (next to Rust tiktoken), and the count CLI per family',
  async run() {
    return [...(await vocabularyRows()), ...cliRows()];
  },
};

export default suite;
