/**
 * The site registry: every site adapter, once, one line each (a site is its folder,
 * `utils/sites/<id>/`; docs/adding-a-site.md has the steps). The content script picks the first
 * adapter whose match patterns include the page URL. Everything else is derived from this list:
 * the manifest's match lists (./matches.ts), the model-label lookup below, docs/sites.md and the
 * manifest test's lists. The meta-test (./__tests__/registry.test.ts) checks ids, patterns, each
 * site's folder, fixtures, test and docs row.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import { resolveModelLabel, type AliasTable, type SiteModelMatch } from './models';
import type { SiteAdapter } from './types';
import chatgpt from './chatgpt/adapter';
import claude from './claude/adapter';
import gemini from './gemini/adapter';
import deepseek from './deepseek/adapter';
import qwen from './qwen/adapter';
import kimi from './kimi/adapter';
import zai from './zai/adapter';
import grok from './grok/adapter';
import doubao from './doubao/adapter';
import mistral from './mistral/adapter';
import perplexity from './perplexity/adapter';
import poe from './poe/adapter';
import openrouter from './openrouter/adapter';
import minimax from './minimax/adapter';
import mimo from './mimo/adapter';
import stepfun from './stepfun/adapter';
import openaiPlayground from './openai-playground/adapter';
import anthropicWorkbench from './anthropic-workbench/adapter';
import aistudio from './aistudio/adapter';
import openrouterPlayground from './openrouter-playground/adapter';
import demo from './demo/adapter';

export type { SiteAdapter, Turn, TurnNode, TurnText, Role } from './types';

/** In the order of docs/sites.md: chat sites, then API playgrounds, then the local demo page. */
export const ADAPTERS: readonly SiteAdapter[] = [
  chatgpt,
  claude,
  gemini,
  deepseek,
  qwen,
  kimi,
  zai,
  grok,
  doubao,
  mistral,
  perplexity,
  poe,
  openrouter,
  minimax,
  mimo,
  stepfun,
  openaiPlayground,
  anthropicWorkbench,
  aistudio,
  openrouterPlayground,
  demo,
];

const compiled = ADAPTERS.map((adapter) => ({
  adapter,
  patterns: adapter.matches.map((m) => new MatchPattern(m)),
}));

/** The adapter for a page URL, or null (the content script then does nothing). */
export function findAdapter(url: string | URL): SiteAdapter | null {
  for (const { adapter, patterns } of compiled) {
    if (patterns.some((p) => p.includes(url))) return adapter;
  }
  return null;
}

export function getAdapter(id: string): SiteAdapter | null {
  return ADAPTERS.find((a) => a.id === id) ?? null;
}

/** Every site's own model-label table, by site id (sites without one are absent). */
export const SITE_ALIASES: Readonly<Record<string, AliasTable>> = Object.fromEntries(
  ADAPTERS.filter((a) => a.models.length > 0).map((a) => [a.id, a.models]),
);

/** Resolve a site's model label to a canonical id; null when no alias matches. */
export function resolveSiteModel(site: string, label: string | null): SiteModelMatch | null {
  return resolveModelLabel(SITE_ALIASES[site] ?? [], label);
}
