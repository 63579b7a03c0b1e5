// The `count` CLI (`npm run -s cli -- count`) on every vocabulary family, each a whole process
// from spawn to exit, next to Rust tiktoken counting the same file in a process with the same
// shipped ranks (tiktoken vocabularies) and to the CLI's `version` (node and the prebuilt bundle,
// no vocabulary); and, for Gemma 3, the same count with the vocabulary cache turned off (the
// file rebuilt from its npm package, as every run did before the cache).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { familyById, VOCABS } from '../../utils/core/tokenize';
import { VOCAB_CACHE_DIR } from '../vocab-cache';
import { median } from './stats';
import type { BenchRow, BenchSuite } from './types';

const ROOT = join(import.meta.dirname, '..', '..');

interface ProcessStats {
  /** Wall time from spawn to exit, as the bench sees it. */
  ms: number;
  maxRssMb: number;
  stdout: string;
}

/** One process; its peak memory from scripts/bench/exit-stats.mjs, reported from inside it. */
function spawnTimed(args: string[], env: Record<string, string> = {}): ProcessStats {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', './scripts/bench/exit-stats.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  const line = r.stderr.split('\n').find((l) => l.startsWith('{"exitStats"'));
  return {
    ms,
    maxRssMb: (JSON.parse(line!).exitStats as { maxRssMb: number }).maxRssMb,
    stdout: r.stdout,
  };
}

function medianRun(runs: number, args: string[], env?: Record<string, string>): ProcessStats {
  const all = Array.from({ length: runs }, () => spawnTimed(args, env));
  return {
    ms: median(all.map((s) => s.ms)),
    maxRssMb: median(all.map((s) => s.maxRssMb)),
    stdout: all[0].stdout,
  };
}

const cli = (runs: number, args: string[], env?: Record<string, string>) =>
  medianRun(runs, ['scripts/cli-run.mjs', ...args], env);

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

const TIKTOKEN_FORMATS = new Set(['tiktoken', 'tekken', 'tiktoken-model']);
const RUNS = 5;

/**
 * The `count` CLI per family, each a whole process (spawn to exit) as a user or script meets
 * it. Baseline: Rust tiktoken counting the same file in a process with the same shipped ranks
 * (tiktoken vocabularies), else the CLI's `version` (node start and the bundle, no vocabulary).
 */
async function cliRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const file = join('tests', 'fixtures', 'tokenize', 'samples', 'zh-cn.txt');
  cli(1, ['version']); // builds the CLI bundle if it is missing or stale (scripts/cli-run.mjs)
  const runtime = cli(RUNS, ['version']);
  rows.push({
    name: 'CLI `version` process, spawn → exit (node + the prebuilt bundle, no vocabulary)',
    value: runtime.ms,
    unit: 'ms',
  });
  for (const model of MODELS) {
    cli(1, ['count', '--model', model, file]); // makes the vocabulary's cached forms if missing
    const run = cli(RUNS, ['count', '--model', model, file]);
    const out = JSON.parse(run.stdout) as { family: string; tokens: number };
    const vocab = familyById(out.family)!.vocab;
    let baseline = { label: '`version`', value: runtime.ms };
    if (TIKTOKEN_FORMATS.has(VOCABS[vocab].format)) {
      const ranks = join(VOCAB_CACHE_DIR, VOCABS[vocab].file);
      const ref = medianRun(3, ['scripts/bench/tiktoken-count.mjs', ranks, file]);
      // An estimate family scales its vocabulary's count; an exact one must equal tiktoken's.
      const refTokens = (JSON.parse(ref.stdout) as { tokens: number }).tokens;
      if (out.family === vocab && out.tokens !== refTokens) {
        throw new Error(`${model}: CLI ${out.tokens} tokens ≠ tiktoken ${refTokens}`);
      }
      baseline = { label: `Rust tiktoken process, ${vocab}`, value: ref.ms };
    }
    rows.push({
      name: `CLI \`count\` ${model} (${out.family}): process, spawn → exit (${(run.ms - runtime.ms).toFixed(0)} ms more than \`version\`)`,
      value: run.ms,
      unit: 'ms',
      baseline,
      target: '< 300 ms',
      met: run.ms < 300,
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
  const uncached = cli(1, ['count', '--model', 'google/gemini-2.5-pro', file], {
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
  title: 'The count CLI per vocabulary family (whole process, next to Rust tiktoken and `version`)',
  run: cliRows,
};

export default suite;
