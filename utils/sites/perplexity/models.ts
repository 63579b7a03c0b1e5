import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['sonar', 'perplexity/sonar'],
  ['sonar pro', 'perplexity/sonar-pro'],
  ['sonar reasoning pro', 'perplexity/sonar-reasoning-pro'],
  ['sonar deep research', 'perplexity/sonar-deep-research'],
  ['research', 'perplexity/sonar-deep-research'],
];
