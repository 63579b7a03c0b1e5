import type { AliasTable } from '../models';

/**
 * Model labels only this site shows → rate-card ids. Poe names its official bots with hyphens
 * ("Claude-Sonnet-4.5"); custom bots stay unknown.
 */
export const MODELS: AliasTable = [
  ['claude-sonnet-4.5', 'anthropic/claude-sonnet-4-5'],
  ['claude-sonnet-4', 'anthropic/claude-sonnet-4-0'],
  ['claude-opus-4.1', 'anthropic/claude-opus-4-1'],
  ['claude-opus-4.5', 'anthropic/claude-opus-4-5'],
  ['claude-haiku-4.5', 'anthropic/claude-haiku-4-5'],
  ['gpt-5-mini', 'openai/gpt-5-mini'],
  ['gpt-5-pro', 'openai/gpt-5-pro'],
  ['gemini-2.5-pro', 'google/gemini-2.5-pro'],
  ['gemini-2.5-flash', 'google/gemini-2.5-flash'],
  ['gemini-3-pro', 'google/gemini-3-pro-preview'],
  ['grok-4', 'x-ai/grok-4'],
  ['deepseek-v3.2', 'deepseek/deepseek-v3.2'],
];
