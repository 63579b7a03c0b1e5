import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [['qwen3-max-thinking', 'alibaba/qwen3-max']];
