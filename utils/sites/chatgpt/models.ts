import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['chatgpt', 'openai/gpt-5'],
  ['chatgpt 5', 'openai/gpt-5'],
  ['chatgpt 5 thinking', 'openai/gpt-5'],
  ['chatgpt 5 instant', 'openai/gpt-5-chat-latest'],
  ['chatgpt 5 pro', 'openai/gpt-5-pro'],
  ['chatgpt auto', 'openai/gpt-5'],
  ['auto', 'openai/gpt-5'],
  ['thinking', 'openai/gpt-5'],
  ['instant', 'openai/gpt-5-chat-latest'],
  ['pro', 'openai/gpt-5-pro'],
];
