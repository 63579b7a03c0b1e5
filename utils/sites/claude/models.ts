import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['sonnet', 'anthropic/claude-sonnet-4-5'],
  ['opus', 'anthropic/claude-opus-4-1'],
];
