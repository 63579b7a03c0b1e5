import type { AliasTable } from '../models';

/** The demo page's model picker labels → rate-card ids. */
export const MODELS: AliasTable = [['deepseek v3.2', 'deepseek/deepseek-v3.2']];
