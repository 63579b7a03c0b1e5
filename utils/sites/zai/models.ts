import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [['glm-4.6 thinking', 'zai/glm-4.6']];
