/**
 * Model labels as the chat sites show them → canonical rate-card ids (models.dev's
 * `provider/model` form; OpenRouter's id where models.dev has no first-party entry).
 *
 * Pure data plus one small lookup. A label is normalised (case, spacing, punctuation other than
 * dots) and matched exactly, then by the longest alias that starts the label on a word boundary
 * ("Claude Sonnet 4.5 (new)" → "claude sonnet 4.5"). A site's own table (its folder's
 * `models.ts`, carried by its adapter) is tried before the shared one, so "Thinking" on Gemini and
 * "Thinking" on ChatGPT can mean different models. An unmatched label returns null: the overlay
 * then says "unknown model: pick one", never guesses a price. The registry's `resolveSiteModel`
 * looks a site's table up by id.
 *
 * A label no table lists exactly is tried against version patterns (`VERSION_PATTERNS`) before
 * the prefixes, so a release the tables do not list yet resolves by its number ("Opus 4.8" is
 * not "Opus").
 *
 * Labels were gathered from the sites' model pickers as public userscripts and screenshots show
 * them (mid-2026); ids from the bundled rate card's sources (models.dev, OpenRouter).
 */

export type AliasTable = readonly (readonly [label: string, modelId: string])[];

/** Aliases that mean the same model on any site (the model's own public name). */
export const SHARED_ALIASES: AliasTable = [
  ['gpt-5', 'openai/gpt-5'],
  ['gpt-5 thinking', 'openai/gpt-5'],
  ['gpt-5 instant', 'openai/gpt-5-chat-latest'],
  ['gpt-5 pro', 'openai/gpt-5-pro'],
  ['gpt-5 mini', 'openai/gpt-5-mini'],
  ['gpt-5 thinking mini', 'openai/gpt-5-mini'],
  ['gpt-5.1', 'openai/gpt-5.1'],
  ['gpt-5.1 thinking', 'openai/gpt-5.1'],
  ['gpt-5.1 instant', 'openai/gpt-5.1-chat-latest'],
  ['gpt-5.2', 'openai/gpt-5.2'],
  ['gpt-5.2 thinking', 'openai/gpt-5.2'],
  ['gpt-5.2 instant', 'openai/gpt-5.2-chat-latest'],
  ['gpt-4o', 'openai/gpt-4o'],
  ['gpt-4.1', 'openai/gpt-4.1'],
  ['o3', 'openai/o3'],
  ['o4-mini', 'openai/o4-mini'],
  ['claude sonnet 4.5', 'anthropic/claude-sonnet-4-5'],
  ['sonnet 4.5', 'anthropic/claude-sonnet-4-5'],
  ['claude sonnet 4.6', 'anthropic/claude-sonnet-4-6'],
  ['sonnet 4.6', 'anthropic/claude-sonnet-4-6'],
  ['claude sonnet 4', 'anthropic/claude-sonnet-4-0'],
  ['sonnet 4', 'anthropic/claude-sonnet-4-0'],
  ['claude opus 4.1', 'anthropic/claude-opus-4-1'],
  ['opus 4.1', 'anthropic/claude-opus-4-1'],
  ['claude opus 4.5', 'anthropic/claude-opus-4-5'],
  ['opus 4.5', 'anthropic/claude-opus-4-5'],
  ['claude opus 4.6', 'anthropic/claude-opus-4-6'],
  ['opus 4.6', 'anthropic/claude-opus-4-6'],
  ['claude haiku 4.5', 'anthropic/claude-haiku-4-5'],
  ['haiku 4.5', 'anthropic/claude-haiku-4-5'],
  ['gemini 3 pro', 'google/gemini-3-pro-preview'],
  ['gemini 3 flash', 'google/gemini-3-flash-preview'],
  ['gemini 2.5 pro', 'google/gemini-2.5-pro'],
  ['gemini 2.5 flash', 'google/gemini-2.5-flash'],
  ['2.5 pro', 'google/gemini-2.5-pro'],
  ['2.5 flash', 'google/gemini-2.5-flash'],
  ['3 pro', 'google/gemini-3-pro-preview'],
  ['deepseek v3.2', 'deepseek/deepseek-v3.2'],
  ['deepseek-chat', 'deepseek/deepseek-chat'],
  ['deepseek-reasoner', 'deepseek/deepseek-reasoner'],
  ['qwen3-max', 'alibaba/qwen3-max'],
  ['qwen3.5-plus', 'alibaba/qwen3.5-plus'],
  ['qwen3.6 plus', 'alibaba/qwen3.6-plus'],
  ['qwen3.6-plus', 'alibaba/qwen3.6-plus'],
  ['qwen3-235b-a22b', 'alibaba/qwen3-235b-a22b'],
  ['qwen3-235b-a22b-2507', 'alibaba/qwen3-235b-a22b'],
  ['qwen3-coder', 'alibaba/qwen3-coder-plus'],
  ['kimi k2', 'moonshotai/kimi-k2-0905-preview'],
  ['kimi k2 thinking', 'moonshotai/kimi-k2-thinking'],
  ['kimi k2.5', 'moonshotai/kimi-k2.5'],
  ['kimi k2.6', 'moonshotai/kimi-k2.6'],
  ['glm-4.5', 'zai/glm-4.5'],
  ['glm-4.5-air', 'zai/glm-4.5-air'],
  ['glm-4.6', 'zai/glm-4.6'],
  ['glm-4.7', 'zai/glm-4.7'],
  ['glm-5', 'zai/glm-5'],
  ['glm-5-turbo', 'zai/glm-5-turbo'],
  ['grok 4', 'x-ai/grok-4'],
  ['grok 4 fast', 'x-ai/grok-4-fast'],
  ['grok 4.1 fast', 'x-ai/grok-4.1-fast'],
  ['grok 3', 'x-ai/grok-3'],
];

/** Lowercase, spaces collapsed, punctuation other than `.`, `-` and CJK removed. */
export function normalizeLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[^\p{L}\p{N}.\-() ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SiteModelMatch {
  model: string;
  /** The alias that matched (normalised), for the panel's "why this model". */
  alias: string;
}

function lookup(table: AliasTable, label: string): SiteModelMatch | null {
  let best: SiteModelMatch | null = null;
  for (const [alias, model] of table) {
    const a = normalizeLabel(alias);
    // A prefix only counts when the label goes on with a new word ("gpt-5 thinking" must not
    // match "gpt-5.1 thinking").
    if (label.startsWith(a) && /[\s(]/.test(label.charAt(a.length))) {
      if (!best || a.length > best.alias.length) best = { model, alias: a };
    }
  }
  return best;
}

/**
 * Version patterns: a model's public name with its version as a number, so a new release
 * resolves without a row of its own ("gpt-5-6" and "GPT-5.6 Thinking" → openai/gpt-5.6,
 * "claude-sonnet-5" → anthropic/claude-sonnet-5, "3.6 Flash" → google/gemini-3.6-flash,
 * "K2.6 Instant" → moonshotai/kimi-k2.6). Tried after the tables' exact rows, on the normalised label. The
 * id may not be on the card: the overlay then shows it as the site named it, unpriced, with a
 * pick. Each rule: the pattern and the id built from its groups (a version's `-` read as `.`
 * where the lab writes dots).
 */
const dotted = (v: string) => v.replace(/-/g, '.');
export const VERSION_PATTERNS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [
    /^(?:chat)?gpt[- ]?(\d+(?:[.-]\d{1,2})?)(?:[- ](mini|nano|pro))?(?:[- ](thinking|instant|auto|t-mini))?$/,
    (m) =>
      `openai/gpt-${dotted(m[1])}${m[2] ? `-${m[2]}` : ''}${m[3] === 'instant' ? '-chat-latest' : ''}`,
  ],
  [
    /^(?:claude[- ])?(opus|sonnet|haiku)[- ](\d+)(?:[.-](\d{1,2}))?(?:[- ](?:thinking|extended|\d{8}))*$/,
    (m) => `anthropic/claude-${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`,
  ],
  [
    /^(?:gemini[- ])?(\d+(?:\.\d+)?)[- ](pro|flash|flash[- ]lite)(?:[- ](?:thinking|preview|fast))*$/,
    (m) => `google/gemini-${m[1]}-${m[2].replace(' ', '-')}`,
  ],
  [
    /^(?:kimi[- ])?k(\d+(?:\.\d+)?)(?:[- ](?:instant|thinking|agent))?$/,
    (m) => `moonshotai/kimi-k${m[1]}`,
  ],
  [
    /^glm[- ](\d+(?:\.\d+)?)(?:[- ](air|turbo))?$/,
    (m) => `zai/glm-${m[1]}${m[2] ? `-${m[2]}` : ''}`,
  ],
  [/^qwen(\d+(?:\.\d+)?)[- ](max|plus|flash)$/, (m) => `alibaba/qwen${m[1]}-${m[2]}`],
  [/^deepseek[- ]v(\d+(?:\.\d+)?)$/, (m) => `deepseek/deepseek-v${m[1]}`],
];

/** A label's id by the version patterns; null when none fits. */
export function resolveVersionPattern(normal: string): SiteModelMatch | null {
  for (const [pattern, build] of VERSION_PATTERNS) {
    const m = pattern.exec(normal);
    if (m) return { model: build(m), alias: `pattern:${pattern.source}` };
  }
  return null;
}

/** Resolve a model label through a site's table, then the shared one; null when none matches. */
export function resolveModelLabel(
  siteTable: AliasTable,
  label: string | null,
): SiteModelMatch | null {
  if (!label) return null;
  const normal = normalizeLabel(label);
  if (normal === '') return null;
  return (
    exactIn(siteTable, normal) ??
    exactIn(SHARED_ALIASES, normal) ??
    resolveVersionPattern(normal) ??
    lookup(siteTable, normal) ??
    lookup(SHARED_ALIASES, normal)
  );
}

function exactIn(table: AliasTable, normal: string): SiteModelMatch | null {
  for (const [alias, model] of table) {
    if (normalizeLabel(alias) === normal) return { model, alias: normal };
  }
  return null;
}
