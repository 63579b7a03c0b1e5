/**
 * Models the bundled card must price (the compare view's defaults and the other current models
 * of the same labs): checked by `npm run ratecard:build` (printed) and by the
 * unit tests (asserted). Each seed is looked up through the resolver, as a site would.
 */
export interface Seed {
  label: string;
  /** Ids to resolve; every one must resolve. */
  ids: string[];
}

export const SEED_MODELS: Seed[] = [
  { label: 'Qwen3.6 Plus', ids: ['qwen3.6-plus', 'qwen/qwen3.6-plus'] },
  { label: 'MiMo-V2-Pro', ids: ['mimo-v2-pro', 'xiaomi/mimo-v2-pro'] },
  { label: 'Step 3.5 Flash', ids: ['step-3.5-flash', 'stepfun/step-3.5-flash'] },
  { label: 'MiniMax M2.5', ids: ['MiniMax-M2.5', 'minimax/minimax-m2.5'] },
  { label: 'MiniMax M2.7', ids: ['MiniMax-M2.7', 'minimax/minimax-m2.7'] },
  { label: 'DeepSeek V3.2', ids: ['deepseek/deepseek-v3.2', 'deepseek-v3.2'] },
  { label: 'GLM 5', ids: ['glm-5', 'z-ai/glm-5'] },
  { label: 'GLM 5 Turbo', ids: ['glm-5-turbo', 'z-ai/glm-5-turbo'] },
  { label: 'Kimi K2.5', ids: ['kimi-k2.5', 'moonshotai/kimi-k2.5'] },
  { label: 'Kimi K2.6', ids: ['kimi-k2.6', 'moonshotai/kimi-k2.6'] },
  { label: 'GPT-5', ids: ['gpt-5', 'openai/gpt-5'] },
  { label: 'GPT-5.1', ids: ['gpt-5.1'] },
  { label: 'GPT-5.2', ids: ['gpt-5.2'] },
  { label: 'GPT-5.4', ids: ['gpt-5.4'] },
  { label: 'GPT-5.5', ids: ['gpt-5.5'] },
  { label: 'Claude Sonnet 4.5', ids: ['claude-sonnet-4-5', 'anthropic/claude-sonnet-4.5'] },
  { label: 'Claude Sonnet 4.6', ids: ['claude-sonnet-4-6'] },
  { label: 'Claude Opus 4.1', ids: ['claude-opus-4-1'] },
  { label: 'Claude Opus 4.7', ids: ['claude-opus-4-7'] },
  { label: 'Claude Haiku 4.5', ids: ['claude-haiku-4-5'] },
  { label: 'Gemini 2.5 Pro', ids: ['gemini-2.5-pro', 'google/gemini-2.5-pro'] },
  { label: 'Gemini 2.5 Flash', ids: ['gemini-2.5-flash'] },
  { label: 'Gemini 3 Pro', ids: ['gemini-3-pro-preview'] },
  { label: 'Gemini 3 Flash', ids: ['gemini-3-flash-preview'] },
  { label: 'Grok 4', ids: ['grok-4', 'x-ai/grok-4'] },
  { label: 'Mistral Large', ids: ['mistral-large-latest', 'mistral-large-2512'] },
];
