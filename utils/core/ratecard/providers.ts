/**
 * First-party providers: the labs whose own list price is the default offer. Keys are models.dev
 * provider ids; `openrouter` lists the vendor prefixes OpenRouter uses for the same lab.
 *
 * Z.AI: models.dev lists the lab twice, `zai` (api.z.ai, international) and `zhipuai`
 * (open.bigmodel.cn); `zai` is kept because it has GLM-5-Turbo and the same USD prices.
 */
export interface FirstPartyProvider {
  openrouter: string[];
}

export const FIRST_PARTY: Record<string, FirstPartyProvider> = {
  openai: { openrouter: ['openai'] },
  anthropic: { openrouter: ['anthropic'] },
  google: { openrouter: ['google'] },
  xai: { openrouter: ['x-ai'] },
  mistral: { openrouter: ['mistralai'] },
  deepseek: { openrouter: ['deepseek'] },
  alibaba: { openrouter: ['qwen'] },
  moonshotai: { openrouter: ['moonshotai'] },
  zai: { openrouter: ['z-ai'] },
  minimax: { openrouter: ['minimax'] },
  xiaomi: { openrouter: ['xiaomi'] },
  stepfun: { openrouter: ['stepfun', 'stepfun-ai'] },
  cohere: { openrouter: ['cohere'] },
  perplexity: { openrouter: ['perplexity'] },
  llama: { openrouter: ['meta-llama'] },
  nova: { openrouter: ['amazon'] },
};

/** OpenRouter vendor prefix → models.dev provider id. */
export const OPENROUTER_VENDOR_TO_PROVIDER: Record<string, string> = Object.fromEntries(
  Object.entries(FIRST_PARTY).flatMap(([provider, p]) => p.openrouter.map((v) => [v, provider])),
);
