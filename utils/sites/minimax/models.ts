import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['minimax-m2', 'minimax/minimax-m2'],
  ['minimax-m2.5', 'minimax/minimax-m2.5'],
  ['minimax-m2.7', 'minimax/minimax-m2.7'],
  ['minimax-m3', 'minimax/minimax-m3'],
];
