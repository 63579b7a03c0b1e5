import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  // The web app serves the lab's current chat model; the API aliases track the same model.
  ['deepseek', 'deepseek/deepseek-chat'],
  ['default', 'deepseek/deepseek-chat'],
  ['deepthink', 'deepseek/deepseek-reasoner'],
  ['deepthink (r1)', 'deepseek/deepseek-reasoner'],
  ['thinking', 'deepseek/deepseek-reasoner'],
  ['深度思考', 'deepseek/deepseek-reasoner'],
];
