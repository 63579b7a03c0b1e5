import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['mistral medium 3', 'mistral/mistral-medium-2505'],
  ['mistral medium 3.1', 'mistral/mistral-medium-2508'],
  ['mistral medium 3.5', 'mistral/mistral-medium-2604'],
  ['mistral large 3', 'mistral/mistral-large-2512'],
  ['mistral small 3.2', 'mistral/mistral-small-2506'],
  ['mistral small 4', 'mistral/mistral-small-2603'],
  ['magistral medium', 'mistral/magistral-medium-latest'],
  ['magistral small', 'mistral/magistral-small'],
];
