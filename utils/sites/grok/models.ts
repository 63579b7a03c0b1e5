import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['auto', 'x-ai/grok-4'],
  ['expert', 'x-ai/grok-4'],
  ['fast', 'x-ai/grok-4-fast'],
  ['grok 4 heavy', 'x-ai/grok-4'],
];
