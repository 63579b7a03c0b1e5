import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['step 3.5 flash', 'stepfun/step-3.5-flash'],
  ['step-3.5-flash', 'stepfun/step-3.5-flash'],
  ['step 3.7 flash', 'stepfun/step-3.7-flash'],
  ['step-3.7-flash', 'stepfun/step-3.7-flash'],
];
