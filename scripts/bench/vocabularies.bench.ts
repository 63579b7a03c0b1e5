// Kimi K2 and Mistral Tekken next to OpenAI's own tiktoken (Rust, as WebAssembly: the npm
// `tiktoken` package) with the same ranks and pattern, measured in the same run. The `count`
// CLI per family is in vocabularies-cli.bench.ts (`npm run bench -- vocabularies` runs both).
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
import { p95, timeMedian } from './stats';
import type { BenchRow, BenchSuite } from './types';

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

const suite: BenchSuite = {
  title: 'Kimi K2 and Mistral Tekken (next to Rust tiktoken)',
  async run() {
    return vocabularyRows();
  },
};

export default suite;
