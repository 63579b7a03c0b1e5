/**
 * "This week on another model": what the same usage would have cost on a model the user picks.
 *
 * The prompt text is not stored (unless the user opted in), so the usage cannot be re-tokenized.
 * Instead each count is scaled by the ratio of the two tokenizer families' tokens for the same
 * text, measured against o200k (TOKENIZERS.md, "Tokens per Chinese character" and the English
 * figures): target tokens = stored tokens × ratio(target) / ratio(stored family). The ratio
 * depends on the language, so the user picks a text profile (Latin script or Chinese); the
 * result is an estimate and is shown as one ("≈").
 */
import type { Usage } from '../types';
import type { Tokens } from './rollup';

export type TextProfile = 'latin' | 'cjk';

export interface FamilyRatio {
  /** Tokens relative to o200k on English/Latin-script prose. */
  latin: number;
  /** Tokens relative to o200k on Chinese text. */
  cjk: number;
  /** Where the figures come from (shown on screen). */
  basis: string;
}

// Chinese figures: tokens per Chinese character divided by o200k's 0.78. Latin figures: every
// measured family is within ±5% of o200k on English prose, so 1.0 unless a figure was published.
export const FAMILY_RATIOS: Record<string, FamilyRatio> = {
  o200k_base: { latin: 1, cjk: 1, basis: 'o200k reference (0.78 tokens per Chinese character)' },
  cl100k_base: { latin: 1, cjk: 1.08 / 0.78, basis: 'cl100k: 1.08 tokens per Chinese character' },
  'deepseek-v3': { latin: 1, cjk: 0.61 / 0.78, basis: 'DeepSeek V3: 0.61 per Chinese character' },
  qwen3: { latin: 1, cjk: 0.68 / 0.78, basis: 'Qwen3: 0.68 per Chinese character' },
  gemma3: {
    latin: 1.05,
    cjk: 0.87,
    basis: 'Gemini via Gemma 3: o200k × 1.05 English, × 0.87 Chinese',
  },
  llama3: { latin: 1, cjk: 0.82 / 0.78, basis: 'Llama 3: 0.82 per Chinese character' },
  'mistral-tekken': { latin: 1, cjk: 1.02 / 0.78, basis: 'Mistral tekken: 1.02 per Chinese char' },
  claude: {
    latin: 1.15,
    cjk: 0.98 / 0.78,
    basis:
      'Claude 3–4.x: o200k × 1.15 English (published counts); Chinese from the legacy vocabulary (0.98)',
  },
  kimi: { latin: 1, cjk: 0.68 / 0.78, basis: 'Kimi: ≈ o200k on Latin text, Qwen3-like on Chinese' },
  glm: { latin: 1, cjk: 0.68 / 0.78, basis: 'GLM: ≈ o200k on Latin text, Qwen3-like on Chinese' },
  minimax: {
    latin: 1,
    cjk: 0.68 / 0.78,
    basis: 'MiniMax: ≈ o200k on Latin text, Qwen3-like on Chinese',
  },
  grok: { latin: 1, cjk: 1, basis: 'Grok: ≈ o200k' },
};

// First match wins; tested against family strings and canonical model ids alike.
const FAMILY_RULES: [RegExp, string][] = [
  [/o200k/i, 'o200k_base'],
  [/cl100k/i, 'cl100k_base'],
  [/gpt-?4o|gpt-?4\.[15]|gpt-?5|(^|\/)o[1-9]|gpt-oss|chatgpt/i, 'o200k_base'],
  [/gpt-?4|gpt-?3/i, 'cl100k_base'],
  [/openai/i, 'o200k_base'],
  [/claude|anthropic/i, 'claude'],
  [/gemma|gemini|google/i, 'gemma3'],
  [/deepseek/i, 'deepseek-v3'],
  [/qwen|alibaba/i, 'qwen3'],
  [/llama|meta-llama|(^|\/)meta\//i, 'llama3'],
  [/mistral|tekken|magistral|codestral|devstral|ministral/i, 'mistral-tekken'],
  [/kimi|moonshot/i, 'kimi'],
  [/glm|zhipu|z-ai|zai/i, 'glm'],
  [/minimax/i, 'minimax'],
  [/grok|x-ai|xai/i, 'grok'],
];

/**
 * The ratio family of a tokenizer family name ("o200k_base", "estimate:claude") or a model id
 * ("deepseek/deepseek-v3.2"); null when nothing matches (then no ratio is applied, and the
 * result says the family is unknown).
 */
export function ratioFamilyOf(familyOrModel: string): string | null {
  const name = familyOrModel.replace(/^estimate:/, '');
  for (const [re, family] of FAMILY_RULES) if (re.test(name)) return family;
  return null;
}

/** Factor turning `from`-family tokens into `to`-family tokens for the same text. */
export function tokenFactor(from: string | null, to: string | null, profile: TextProfile): number {
  const a = from ? FAMILY_RATIOS[from] : undefined;
  const b = to ? FAMILY_RATIOS[to] : undefined;
  if (!a || !b) return 1;
  return b[profile] / a[profile];
}

/** One stored event's usage as the repricing needs it. */
export interface RepriceSource {
  model: string | null;
  family: string;
  tokens: Tokens;
  costMicroUsd: number | null;
}

export type PriceFn = (model: string, usage: Usage) => number | null;

export interface RepriceResult {
  targetModel: string;
  targetFamily: string | null;
  /** Sum of the target-model costs, or null when the card cannot price the target model. */
  costMicroUsd: number | null;
  /** What the same events cost as stored (priced ones only). */
  actualMicroUsd: number;
  /** Events whose stored cost was unknown (so `actual` is a lower bound). */
  actualUnpriced: number;
  events: number;
  /** Token totals before and after scaling. */
  tokens: Tokens;
  scaledTokens: Tokens;
  /** Stored families for which no ratio was known (scaled ×1). */
  unknownFamilies: string[];
}

/**
 * Re-price each event on `targetModel` (per event, so long-context tiers see each request's own
 * prompt size). `price` returns integer micro-USD or null for a model the card does not know.
 */
export function repriceEvents(
  events: Iterable<RepriceSource>,
  targetModel: string,
  profile: TextProfile,
  price: PriceFn,
): RepriceResult {
  const targetFamily = ratioFamilyOf(targetModel);
  const tokens: Tokens = { input: 0, output: 0, reasoning: 0 };
  const scaledTokens: Tokens = { input: 0, output: 0, reasoning: 0 };
  const unknown = new Set<string>();
  let cost: number | null = 0;
  let actual = 0;
  let actualUnpriced = 0;
  let count = 0;
  for (const e of events) {
    count++;
    const from = ratioFamilyOf(e.family) ?? (e.model ? ratioFamilyOf(e.model) : null);
    if (!from) unknown.add(e.family);
    const f = tokenFactor(from, targetFamily, profile);
    const scaled: Tokens = {
      input: Math.round(e.tokens.input * f),
      output: Math.round(e.tokens.output * f),
      reasoning: Math.round(e.tokens.reasoning * f),
    };
    tokens.input += e.tokens.input;
    tokens.output += e.tokens.output;
    tokens.reasoning += e.tokens.reasoning;
    scaledTokens.input += scaled.input;
    scaledTokens.output += scaled.output;
    scaledTokens.reasoning += scaled.reasoning;
    if (e.costMicroUsd === null) actualUnpriced++;
    else actual += e.costMicroUsd;
    if (cost !== null) {
      const c = price(targetModel, {
        input: scaled.input,
        output: scaled.output,
        reasoning: scaled.reasoning || undefined,
      });
      cost = c === null ? null : cost + c;
    }
  }
  return {
    targetModel,
    targetFamily,
    costMicroUsd: cost,
    actualMicroUsd: actual,
    actualUnpriced,
    events: count,
    tokens,
    scaledTokens,
    unknownFamilies: [...unknown],
  };
}

/** The method, in one sentence, for the screen. */
export function describeMethod(profile: TextProfile): string {
  return profile === 'cjk'
    ? 'Your text is not stored, so each count is scaled by the two tokenizers’ measured ratio on Chinese text (tokens per Chinese character), then priced per turn on the chosen model.'
    : 'Your text is not stored, so each count is scaled by the two tokenizers’ measured ratio on English text (within ±5% for most families; Claude +15%, Gemini +5%), then priced per turn on the chosen model.';
}
