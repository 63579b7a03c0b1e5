import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildRows,
  compareTextOf,
  countFamilies,
  DEFAULT_MODELS,
  familiesOf,
  filterRows,
  formatFit,
  formatRatio,
  formatTier,
  outputRatioOf,
  resolveDefaultModels,
  searchModels,
  sortRows,
  type CompareRow,
  type FamilyState,
} from '@/utils/core/compare';
import {
  findModel,
  getBundledCard,
  listModels,
  priceUsage,
  resolveModelId,
} from '@/utils/core/ratecard';
import { TokenCounter, tokenizerForModel, type VocabId } from '@/utils/core/tokenize';
import { loadVocabFromNodeModules } from '../../../../scripts/cli/count';

const card = getBundledCard();
const SAMPLES = join(process.cwd(), 'tests/fixtures/tokenize/samples');
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

// Vocabularies parsed once per file; each model below still gets a counter of its own.
const parsed = new Map<VocabId, ReturnType<typeof loadVocabFromNodeModules>>();
const loadOnce = (id: VocabId) => {
  if (!parsed.has(id)) parsed.set(id, loadVocabFromNodeModules(id));
  return parsed.get(id)!;
};

const done = (tokens: number): FamilyState => ({ status: 'done', tokens });
const priced = (row: CompareRow) => {
  if (row.price.status !== 'priced') throw new Error(`${row.model}: ${row.price.status}`);
  return row.price;
};

describe('default model list', () => {
  it('resolves every entry of DEFAULT_MODELS on the bundled card, each to a priced model', () => {
    const { ids, missing } = resolveDefaultModels(card);
    expect(missing).toEqual([]);
    expect(ids).toHaveLength(DEFAULT_MODELS.length);
    for (const entry of DEFAULT_MODELS) {
      const id = resolveModelId(card, entry.query);
      expect(id, entry.label).not.toBeNull();
      expect(priceUsage(card, id!, { input: 1000, output: 1000 }).priced, entry.label).toBe(true);
    }
  });

  it('resolves each entry to the model it names', () => {
    const names = resolveDefaultModels(card).ids.map((id) => findModel(card, id)!.name);
    expect(names).toEqual([
      'Qwen3.6 Plus',
      'MiMo-V2-Pro',
      'Step 3.5 Flash',
      'MiniMax-M2.7',
      'DeepSeek V3.2',
      'GLM-5-Turbo',
      'Kimi K2.6',
      'GPT-5.5',
      'GPT-5.4',
      'Claude Sonnet 4.6',
      'Claude Opus 4.8',
      'Gemini 3 Pro Preview',
      'Gemini 3 Flash Preview',
      'Grok 4',
    ]);
  });

  it('spans several tokenizer families, counted once each', () => {
    const { ids } = resolveDefaultModels(card);
    const families = familiesOf(card, ids);
    expect(families.size).toBeGreaterThanOrEqual(10);
    expect(families.size).toBeLessThan(ids.length);
  });
});

describe('a sample prompt compared on the default models', () => {
  it('equals, model by model, a separate count times the card’s prices', async () => {
    const text = sample('english.txt') + sample('zh-cn.txt');
    const { ids } = resolveDefaultModels(card);
    const shared = new TokenCounter(loadOnce);
    const calls: string[] = [];
    const counts = await countFamilies(card, ids, (model) => {
      calls.push(model);
      return shared.count(text, model);
    });
    expect(calls).toHaveLength(familiesOf(card, ids).size);
    const rows = buildRows({ card, models: ids, counts, output: { kind: 'tokens', tokens: 500 } });
    expect(rows.map((r) => r.model)).toEqual(ids);

    for (const row of rows) {
      // Independent count: a fresh counter for this model alone.
      const alone = await new TokenCounter(loadOnce).count(text, row.model);
      expect(row.tokens, row.model).toBe(alone.tokens);
      expect(row.provenance, row.model).toBe(alone.provenance);
      expect(row.family, row.model).toBe(alone.family);
      // Independent price: tokens × USD per 1M tokens is micro-USD (a short prompt: base rate).
      const offer =
        findModel(card, row.model)!.offers.default ??
        findModel(card, row.model)!.offers.openrouter!;
      const p = priced(row);
      expect(p.inputMicros, row.model).toBe(Math.round(alone.tokens * offer.prices.input));
      expect(p.outputMicros, row.model).toBe(Math.round(500 * offer.prices.output));
      expect(p.totalMicros, row.model).toBe(p.inputMicros + p.outputMicros);
      expect(p.tierAbove).toBeNull();
    }
  }, 60_000);

  it('scales the expected reply per model with a ratio', () => {
    const rows = buildRows({
      card,
      models: ['openai/gpt-5.5', 'anthropic/claude-sonnet-4-6'],
      counts: { o200k_base: done(1000), 'estimate:claude': done(1150) },
      output: { kind: 'ratio', ratio: 0.35 },
    });
    expect(rows.map((r) => r.outputTokens)).toEqual([350, 403]);
    expect(priced(rows[1]).outputMicros).toBe(403 * 15);
  });
});

describe('ratio to the current model', () => {
  it('is each total over the current model’s total, and 1 for the current model', () => {
    const rows = buildRows({
      card,
      models: ['deepseek/deepseek-v3.2', 'openai/gpt-5.5'],
      counts: { o200k_base: done(10_000), 'deepseek-v3': done(9_000) },
      output: { kind: 'tokens', tokens: 500 },
      currentModel: 'gpt-5.5',
    });
    const [deepseek, gpt] = rows;
    expect(gpt.current).toBe(true);
    expect(gpt.ratio).toBe(1);
    expect(deepseek.ratio).toBeCloseTo(priced(deepseek).totalMicros / priced(gpt).totalMicros, 12);
    // By hand: 9000 × $0.28 + 500 × $0.42 per 1M (DeepSeek's V3.2 list price) = 2520 + 210 µ$;
    // 10000 × $5 + 500 × $30 = 65000 µ$.
    expect(priced(deepseek).totalMicros).toBe(2730);
    expect(priced(gpt).totalMicros).toBe(65_000);
    expect(formatRatio(deepseek.ratio)).toBe('0.04x');
    expect(formatRatio(gpt.ratio)).toBe('1.00x');
    expect(formatRatio(0.0912)).toBe('0.09x');
    expect(formatRatio(12.4)).toBe('12x');
    expect(formatRatio(0.004)).toBe('<0.01x');
    expect(formatRatio(null)).toBe('—');
  });

  it('adds the current model when the list lacks it; none without a priced current model', () => {
    const rows = buildRows({
      card,
      models: ['openai/gpt-5.5'],
      counts: { o200k_base: done(100), 'estimate:default': done(100) },
      output: { kind: 'tokens', tokens: 0 },
      currentModel: 'made-up-model-9',
    });
    expect(rows.map((r) => r.model)).toEqual(['openai/gpt-5.5', 'made-up-model-9']);
    expect(rows[1].price).toEqual({ status: 'unpriced', reason: 'not in the rate card' });
    expect(rows.every((r) => r.ratio === null)).toBe(true);
  });
});

describe('context window', () => {
  const id = 'deepseek/deepseek-v3.2';
  const window = findModel(card, id)!.contextWindow;
  const row = (tokens: number, output = 0) =>
    buildRows({
      card,
      models: [id],
      counts: { 'deepseek-v3': done(tokens) },
      output: { kind: 'tokens', tokens: output },
    })[0];

  it('a prompt exactly at the window fits; one token over does not', () => {
    expect(window).toBeGreaterThan(0);
    expect(row(window).fitsContext).toBe(true);
    expect(formatFit(row(window))).toBe('fits');
    expect(row(window + 1).fitsContext).toBe(false);
    expect(formatFit(row(window + 1))).toBe('too long');
  });

  it('says when the prompt fits but the expected reply does not', () => {
    expect(row(window - 500, 500).fitsWithReply).toBe(true);
    expect(row(window - 499, 500).fitsWithReply).toBe(false);
    expect(formatFit(row(window - 499, 500))).toBe('no room for the reply');
  });

  it('shows the long-context tier a prompt falls in, at the tier’s edge', () => {
    const qwen = 'alibaba/qwen3.6-plus';
    const above = findModel(card, qwen)!.offers.default!.tiers[0].above;
    const at = (tokens: number) =>
      buildRows({
        card,
        models: [qwen],
        counts: { qwen3: done(tokens) },
        output: { kind: 'tokens', tokens: 0 },
      })[0];
    expect(priced(at(above)).tierAbove).toBeNull();
    expect(formatTier(at(above))).toBe('≤ 256K');
    expect(priced(at(above + 1)).tierAbove).toBe(above);
    expect(formatTier(at(above + 1))).toBe('> 256K');
    expect(formatTier(row(1000))).toBe('flat');
  });
});

describe('states while counting, and unknown models', () => {
  it('a family not counted yet gives a counting row, never a zero', () => {
    const [r] = buildRows({
      card,
      models: ['moonshotai/kimi-k2.6'],
      counts: {},
      output: { kind: 'tokens', tokens: 500 },
    });
    expect(r.tokens).toBeNull();
    expect(r.price).toEqual({ status: 'counting' });
    expect(r.fitsContext).toBeNull();
  });

  it('a family that failed to load marks its rows with the reason', async () => {
    const counts = await countFamilies(card, ['openai/gpt-5.5', 'deepseek/deepseek-v3.2'], (m) =>
      tokenizerForModel(m).family.id === 'deepseek-v3'
        ? Promise.reject(new Error('vocabulary failed to load'))
        : Promise.resolve({ tokens: 7, provenance: 'exact', family: 'o200k_base' }),
    );
    expect(counts).toEqual({
      o200k_base: { status: 'done', tokens: 7 },
      'deepseek-v3': { status: 'error', message: 'vocabulary failed to load' },
    });
    const rows = buildRows({
      card,
      models: ['openai/gpt-5.5', 'deepseek/deepseek-v3.2'],
      counts,
      output: { kind: 'tokens', tokens: 1 },
    });
    expect(rows[1].price).toEqual({ status: 'error', message: 'vocabulary failed to load' });
    expect(rows[0].price.status).toBe('priced');
  });

  it('an unknown model is counted with the default estimate and stays unpriced', () => {
    const [r] = buildRows({
      card,
      models: ['acme/unreleased-1'],
      counts: { 'estimate:default': done(40) },
      output: { kind: 'tokens', tokens: 500 },
    });
    expect(r).toMatchObject({
      tokens: 40,
      provenance: 'estimate',
      provider: 'acme',
      region: 'other',
    });
    expect(r.price.status).toBe('unpriced');
  });

  it('rejects a negative expected reply', () => {
    expect(() =>
      buildRows({
        card,
        models: ['openai/gpt-5.5'],
        counts: { o200k_base: done(10) },
        output: { kind: 'tokens', tokens: -1 },
      }),
    ).toThrow(/≥ 0/);
  });
});

describe('sorting', () => {
  const models = [
    'openai/gpt-5.5',
    'deepseek/deepseek-v3.2',
    'anthropic/claude-opus-4-8',
    'acme/unknown-model',
    'moonshotai/kimi-k2.6',
  ];
  const rows = buildRows({
    card,
    models,
    // kimi's family is still counting; acme is unpriced.
    counts: {
      o200k_base: done(5000),
      'deepseek-v3': done(4800),
      'estimate:claude-next': done(6700),
      'estimate:default': done(5000),
    },
    output: { kind: 'tokens', tokens: 500 },
  });
  const totals = (rs: CompareRow[]) =>
    rs.map((r) => (r.price.status === 'priced' ? r.price.totalMicros : r.price.status));

  it('by total, cheapest first, rows without a total last', () => {
    const sorted = sortRows(rows, 'total', 'asc');
    expect(sorted.map((r) => r.model)).toEqual([
      'deepseek/deepseek-v3.2',
      'openai/gpt-5.5',
      'anthropic/claude-opus-4-8',
      'acme/unknown-model',
      'moonshotai/kimi-k2.6',
    ]);
    const numbers = totals(sorted).filter((t) => typeof t === 'number') as number[];
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('descending keeps rows without a value last', () => {
    const sorted = sortRows(rows, 'total', 'desc');
    expect(sorted.slice(0, 3).map((r) => r.model)).toEqual([
      'anthropic/claude-opus-4-8',
      'openai/gpt-5.5',
      'deepseek/deepseek-v3.2',
    ]);
    expect(sorted.slice(3).every((r) => r.price.status !== 'priced')).toBe(true);
  });

  it('by tokens, name, context window; does not change the input', () => {
    expect(sortRows(rows, 'tokens', 'desc').map((r) => r.tokens)).toEqual([
      6700,
      5000,
      5000,
      4800,
      null,
    ]);
    const byName = sortRows(rows, 'name', 'asc').map((r) => r.name);
    expect(byName).toEqual(
      [...byName].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    const windows = sortRows(rows, 'context', 'asc').map((r) => r.contextWindow);
    expect(windows.filter((w) => w !== null)).toEqual(
      (windows.filter((w) => w !== null) as number[]).sort((a, b) => a - b),
    );
    expect(rows.map((r) => r.model)).toEqual(models);
  });
});

describe('filtering and search', () => {
  const rows = buildRows({
    card,
    models: resolveDefaultModels(card).ids,
    counts: {},
    output: { kind: 'tokens', tokens: 500 },
    currentModel: 'openai/gpt-5.5',
  });

  it('by region (the current model always stays)', () => {
    const china = filterRows(rows, { regions: ['china'] });
    expect(
      china
        .filter((r) => !r.current)
        .map((r) => r.provider)
        .sort(),
    ).toEqual(['alibaba', 'deepseek', 'minimax', 'moonshotai', 'stepfun', 'xiaomi', 'zai'].sort());
    expect(china.some((r) => r.current)).toBe(true);
  });

  it('by provider', () => {
    const only = filterRows(rows, { providers: ['anthropic'] });
    // Filtering keeps the list order; the current model stays.
    expect(only.map((r) => r.model)).toEqual([
      'openai/gpt-5.5',
      'anthropic/claude-sonnet-4-6',
      'anthropic/claude-opus-4-8',
    ]);
    expect(filterRows(rows, {})).toHaveLength(rows.length);
  });

  it('searches any model of the card by words of its id, name or provider', () => {
    const all = listModels(card);
    expect(searchModels(all, 'glm 5.1').map((m) => m.id)).toContain('zai/glm-5.1');
    expect(searchModels(all, 'Sonnet 4.5')[0].name).toBe('Claude Sonnet 4.5');
    expect(searchModels(all, 'nothing-like-this')).toEqual([]);
    expect(searchModels(all, '   ')).toEqual([]);
    expect(searchModels(all, 'gpt', 3)).toHaveLength(3);
  });
});

describe('hand-off from the overlay', () => {
  const page = {
    draft: 'And in French?',
    turns: [{ text: 'Translate "hello".' }, { text: 'Hola.' }, { text: '' }],
  };
  it('takes the draft, or every turn and the draft in order', () => {
    expect(compareTextOf('draft', page)).toBe('And in French?');
    expect(compareTextOf('conversation', page)).toBe(
      'Translate "hello".\n\nHola.\n\nAnd in French?',
    );
    expect(compareTextOf('draft', { draft: null, turns: [] })).toBe('');
  });
  it('the conversation’s output/input ratio, as billed; null before any counted turn', () => {
    const t = (tokens: number) => ({ tokens });
    expect(
      outputRatioOf([
        { input: t(100), output: t(50) },
        { input: t(300), output: t(150) },
        { input: t(10), output: null },
      ]),
    ).toBe(0.5);
    expect(outputRatioOf([])).toBeNull();
    expect(outputRatioOf([{ input: t(0), output: t(5) }])).toBeNull();
  });
});
