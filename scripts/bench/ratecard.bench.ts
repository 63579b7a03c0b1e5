import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  buildRateCard,
  getBundledCard,
  normalizeModelsDev,
  priceUsage,
  resolveModelId,
} from '../../utils/core/ratecard';
import type { BenchSuite } from './types';
import { median, timeMedian as time } from './stats';

// Input: the real, full models.dev api.json of 2026-07-02 (147 providers, 5,276 models, 2.4 MB;
// MIT), kept gzipped in tests/fixtures/ratecards/. Decompression is not timed: the sync receives
// the text already decoded.
const FULL = join(
  import.meta.dirname,
  '../../tests/fixtures/ratecards/models.dev-api.2026-07-02.full.json.gz',
);

/** Per-operation time of `fn` over a batch (ms / op), median of several batches. */
function perOp(batch: number, fn: (i: number) => unknown): number {
  const samples: number[] = [];
  for (let b = 0; b < 15; b++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn(i);
    samples.push((performance.now() - t) / batch);
  }
  return median(samples);
}

const suite: BenchSuite = {
  title: 'Rate card: parse + validate + normalize, price lookup',
  async run() {
    const text = gunzipSync(readFileSync(FULL)).toString('utf8');
    const sources = [
      {
        name: 'models.dev',
        url: 'https://models.dev/api.json',
        fetchedAt: 'bench',
        license: 'MIT',
      },
    ];
    const full = () => {
      const { lab, openrouter } = normalizeModelsDev(JSON.parse(text), { fetchedAt: 'bench' });
      return buildRateCard({ lab, openrouter, createdAt: 'bench', sources });
    };
    for (let i = 0; i < 3; i++) full(); // warm up the JIT
    const pipeline = time(15, full);
    const parseOnly = time(15, () => JSON.parse(text));

    const card = getBundledCard();
    const ids = [
      'claude-sonnet-4-5-20250929',
      'anthropic/claude-sonnet-4.5',
      'gpt-5',
      'qwen/qwen3.6-plus:thinking',
      'Gemini 2.5 Pro',
      'deepseek/deepseek-v3.2',
      'x-ai/grok-4-07-09',
      'unknown-model-xyz',
    ];
    const usage = {
      input: 180_000,
      cacheRead: 90_000,
      cacheWrite: 5_000,
      output: 2_000,
      reasoning: 8_000,
    };
    resolveModelId(card, 'gpt-5'); // build the alias index once (as the background does on first use)
    const lookup = perOp(20_000, (i) => priceUsage(card, ids[i % ids.length], usage));
    // Baseline: a bare Map lookup and float multiply-add, the least any price lookup can cost.
    const naive = new Map(card.models.map((m) => [m.id, m.offers.default ?? m.offers.openrouter!]));
    const canon = ids.map((id) => resolveModelId(card, id) ?? 'openai/gpt-5');
    const baseline = perOp(20_000, (i) => {
      const p = naive.get(canon[i % canon.length])!.prices;
      return (usage.input * p.input + usage.output * p.output) / 1e6;
    });

    const mb = (text.length / 1024 / 1024).toFixed(1);
    return [
      {
        name: `parse + validate + normalize + build the full models.dev file (${mb} MB)`,
        value: pipeline,
        unit: 'ms',
        baseline: { label: 'JSON.parse alone', value: parseOnly },
        target: '< 100 ms',
        met: pipeline < 100,
      },
      {
        name: 'one price lookup (alias resolve + tiered exact pricing)',
        value: lookup,
        unit: 'ms',
        baseline: { label: 'Map.get + float multiply', value: baseline },
        target: '< 0.05 ms',
        met: lookup < 0.05,
      },
    ];
  },
};
export default suite;
