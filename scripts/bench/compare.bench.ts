// Compare: one 10k-token prompt across 30 models of several tokenizer families, vocabularies
// already loaded (parsed once, outside the timing; every run gets new encoders, so no count is
// cached from an earlier run). Baseline in the same run: each model counted on its own, without
// sharing a family's count (what a naive "count every model" loop does).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildRows,
  countFamilies,
  familiesOf,
  resolveDefaultModels,
  sortRows,
} from '../../utils/core/compare/index';
import { getBundledCard, priceUsage, resolveModelId } from '../../utils/core/ratecard/index';
import {
  TokenCounter,
  VOCABS,
  type VocabId,
  type Vocabulary,
} from '../../utils/core/tokenize/index';
import { loadVocabFromNodeModules } from '../cli/count';
import type { BenchSuite } from './types';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLES = join(ROOT, 'tests/fixtures/tokenize/samples');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 16 models beyond the default 14: more of the same families, plus Llama 3 and Mistral. */
const EXTRA = [
  'openai/gpt-5.4-mini',
  'openai/gpt-5-mini',
  'deepseek/deepseek-chat',
  'alibaba/qwen3.5-plus',
  'alibaba/qwen3.6-flash',
  'moonshotai/kimi-k2.5',
  'zai/glm-5.1',
  'minimax/minimax-m2.5',
  'anthropic/claude-sonnet-4-5',
  'anthropic/claude-opus-4-7',
  'google/gemini-3.1-pro-preview',
  'google/gemini-3.5-flash',
  'xai/grok-4.3',
  'xiaomi/mimo-v2.5-pro',
  'meta-llama/llama-3.3-70b-instruct',
  'mistral/mistral-large-latest',
];

const suite: BenchSuite = {
  title: 'Compare: one prompt on 30 models',
  async run() {
    const card = getBundledCard();
    const models = [...resolveDefaultModels(card).ids, ...EXTRA];
    const missing = models.filter((m) => !resolveModelId(card, m));
    if (missing.length || models.length !== 30) {
      throw new Error(`bench model list: ${models.length} models, unknown: ${missing.join(', ')}`);
    }
    const vocabs = new Map<VocabId, Vocabulary>();
    for (const id of Object.keys(VOCABS) as VocabId[]) {
      vocabs.set(id, await loadVocabFromNodeModules(id));
    }
    const preloaded = async (id: VocabId) => vocabs.get(id)!;

    // About 10k o200k tokens of mixed prose, Chinese and code.
    const parts = ['english.txt', 'zh-cn.txt', 'code-ts.txt', 'ja.txt'].map((f) =>
      readFileSync(join(SAMPLES, f), 'utf8'),
    );
    let text = '';
    const probe = new TokenCounter(preloaded);
    for (let i = 0; (await probe.count(text, 'openai/gpt-5')).tokens < 10_000; i++) {
      text += parts[i % parts.length] + '\n';
    }
    const tokens = (await probe.count(text, 'openai/gpt-5')).tokens;
    const families = familiesOf(card, models).size;
    const output = { kind: 'tokens', tokens: 500 } as const;

    const compare = async () => {
      const counter = new TokenCounter(preloaded);
      const counts = await countFamilies(card, models, (m) => counter.count(text, m));
      return sortRows(buildRows({ card, models, counts, output }), 'total', 'asc');
    };
    const separately = async () => {
      const totals: number[] = [];
      for (const model of models) {
        const counter = new TokenCounter(preloaded);
        const { tokens: n } = await counter.count(text, model);
        const priced = priceUsage(card, model, { input: n, output: 500 });
        totals.push(priced.priced ? priced.costMicros : -1);
      }
      return totals;
    };
    const timeAsync = async (fn: () => Promise<unknown>, runs: number) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
      return median(samples);
    };

    // Same answers both ways, or the figure means nothing.
    const rows = await compare();
    const alone = await separately();
    for (const [i, model] of models.entries()) {
      const id = resolveModelId(card, model)!;
      const row = rows.find((r) => r.model === id)!;
      const total = row.price.status === 'priced' ? row.price.totalMicros : -1;
      if (total !== alone[i]) throw new Error(`${model}: compare ${total} ≠ alone ${alone[i]}`);
    }

    await compare(); // warm up the JIT
    const shared = await timeAsync(compare, 7);
    const baseline = await timeAsync(separately, 3);
    const counts = await countFamilies(card, models, (m) =>
      new TokenCounter(preloaded).count(text, m),
    );
    const reprice = await timeAsync(
      async () => buildRows({ card, models, counts, output: { kind: 'tokens', tokens: 900 } }),
      21,
    );
    return [
      {
        name: `compare ${tokens.toLocaleString('en-US')}-token prompt, 30 models, ${families} families (cold caches)`,
        value: shared,
        unit: 'ms',
        baseline: { label: 'each model counted alone', value: baseline },
        target: '< 300 ms',
        met: shared < 300,
      },
      {
        name: 'reprice 30 rows for a new reply length (counts kept)',
        value: reprice,
        unit: 'ms',
        target: '< 16 ms (one frame)',
        met: reprice < 16,
      },
    ];
  },
};
export default suite;
