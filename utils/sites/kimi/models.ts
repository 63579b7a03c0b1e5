import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['k2', 'moonshotai/kimi-k2-0905-preview'],
  ['k2 thinking', 'moonshotai/kimi-k2-thinking'],
  ['k2.5', 'moonshotai/kimi-k2.5'],
  ['k2.5 thinking', 'moonshotai/kimi-k2.5'],
  ['k2.6', 'moonshotai/kimi-k2.6'],
];
