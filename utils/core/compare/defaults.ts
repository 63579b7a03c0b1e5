/**
 * Data for the compare view: the models shown by default, and each provider's home region.
 *
 * DEFAULT_MODELS: the most-used models of 2026, shown beside the models the user pins. Each entry is the name the list uses and a query that the rate card's resolver maps to one model; entries are
 * resolved against the card in use at run time, so a synced card that renames an id still works,
 * and a test checks that every entry resolves on the bundled card.
 */
import { resolveModelId, type RateCard } from '../ratecard/index';

export interface DefaultModel {
  /** As the list names it. */
  label: string;
  /** Anything the card's resolver understands (canonical id, OpenRouter id, display name). */
  query: string;
}

export const DEFAULT_MODELS: readonly DefaultModel[] = [
  { label: 'Qwen3.6 Plus', query: 'Qwen3.6 Plus' },
  { label: 'MiMo-V2-Pro', query: 'MiMo-V2-Pro' },
  { label: 'Step 3.5 Flash', query: 'Step 3.5 Flash' },
  { label: 'MiniMax M2.7', query: 'MiniMax-M2.7' },
  { label: 'DeepSeek V3.2', query: 'DeepSeek V3.2' },
  { label: 'GLM 5 Turbo', query: 'GLM-5-Turbo' },
  { label: 'Kimi K2.6', query: 'Kimi K2.6' },
  // "GPT-5.x": the current flagship and the previous one, which many still use.
  { label: 'GPT-5.5', query: 'openai/gpt-5.5' },
  { label: 'GPT-5.4', query: 'openai/gpt-5.4' },
  { label: 'Claude Sonnet 4.6', query: 'Claude Sonnet 4.6' },
  { label: 'Claude Opus 4.8', query: 'Claude Opus 4.8' },
  { label: 'Gemini 3 Pro', query: 'google/gemini-3-pro-preview' },
  { label: 'Gemini 3 Flash', query: 'google/gemini-3-flash-preview' },
  { label: 'Grok 4', query: 'x-ai/grok-4' },
];

/** Canonical ids of the default list on `card` (in list order, no repeats) and what did not resolve. */
export function resolveDefaultModels(card: RateCard): { ids: string[]; missing: string[] } {
  const ids: string[] = [];
  const missing: string[] = [];
  for (const entry of DEFAULT_MODELS) {
    const id = resolveModelId(card, entry.query);
    if (!id) missing.push(entry.label);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, missing };
}

export type Region =
  'north-america' | 'europe' | 'china' | 'asia-pacific' | 'middle-east' | 'other';

export const REGION_LABELS: Record<Region, string> = {
  'north-america': 'North America',
  europe: 'Europe',
  china: 'China',
  'asia-pacific': 'Asia-Pacific (other)',
  'middle-east': 'Middle East',
  other: 'Other / unknown',
};

/**
 * Home region of a provider id as the card spells it (models.dev provider ids, or OpenRouter's
 * vendor prefix for OpenRouter-only models): where the lab is based. It is not where a request is
 * served (OpenRouter and clouds route anywhere); it answers "show me only Chinese labs' models".
 */
export const PROVIDER_REGIONS: Record<string, Region> = {
  openai: 'north-america',
  anthropic: 'north-america',
  google: 'north-america',
  xai: 'north-america',
  'x-ai': 'north-america',
  llama: 'north-america',
  'meta-llama': 'north-america',
  nvidia: 'north-america',
  amazon: 'north-america',
  nova: 'north-america',
  microsoft: 'north-america',
  perplexity: 'north-america',
  cohere: 'north-america',
  'arcee-ai': 'north-america',
  nousresearch: 'north-america',
  'ibm-granite': 'north-america',
  inflection: 'north-america',
  liquid: 'north-america',
  allenai: 'north-america',
  writer: 'north-america',
  inception: 'north-america',
  deepcogito: 'north-america',
  'prime-intellect': 'north-america',
  essentialai: 'north-america',
  poolside: 'north-america',
  morph: 'north-america',
  relace: 'north-america',
  mistral: 'europe',
  mistralai: 'europe',
  'aion-labs': 'middle-east',
  ai21: 'middle-east',
  alibaba: 'china',
  qwen: 'china',
  deepseek: 'china',
  moonshotai: 'china',
  zai: 'china',
  'z-ai': 'china',
  zhipuai: 'china',
  minimax: 'china',
  xiaomi: 'china',
  stepfun: 'china',
  'stepfun-ai': 'china',
  baidu: 'china',
  tencent: 'china',
  bytedance: 'china',
  'bytedance-seed': 'china',
  kwaipilot: 'china',
  inclusionai: 'china',
  'nex-agi': 'china',
  sakana: 'asia-pacific',
  upstage: 'asia-pacific',
  rekaai: 'north-america',
};

export function regionOf(provider: string): Region {
  return PROVIDER_REGIONS[provider] ?? 'other';
}
