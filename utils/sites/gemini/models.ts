import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['fast', 'google/gemini-2.5-flash'],
  ['thinking', 'google/gemini-3-pro-preview'],
  ['pro', 'google/gemini-3-pro-preview'],
  ['3 pro', 'google/gemini-3-pro-preview'],
];
