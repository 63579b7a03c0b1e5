/**
 * The adapter registry: every site adapter, once. The content script picks the first whose
 * match patterns include the page URL; the meta-test (tests/unit/adapters/registry.test.ts)
 * checks ids are unique, patterns are valid and covered by SITE_MATCHES, and every adapter
 * has a fixture.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import chatgpt from './chatgpt';
import claude from './claude';
import deepseek from './deepseek';
import demo from './demo';
import gemini from './gemini';
import grok from './grok';
import kimi from './kimi';
import qwen from './qwen';
import zai from './zai';
// Tier-2 chat sites (issue 7).
import doubao from './doubao';
import mimo from './mimo';
import minimax from './minimax';
import mistral from './mistral';
import openrouter from './openrouter';
import perplexity from './perplexity';
import poe from './poe';
import stepfun from './stepfun';
// API playgrounds (issue 7): the page shows API ids, a system prompt and a max-output setting.
import aistudio from './playground-aistudio';
import anthropicWorkbench from './playground-anthropic';
import openaiPlayground from './playground-openai';
import openrouterPlayground from './playground-openrouter';
import type { SiteAdapter } from './types';

export type { SiteAdapter, Turn, TurnNode, TurnText, Role } from './types';

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
