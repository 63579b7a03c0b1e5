import type { AliasTable } from '../models';

/**
 * Model labels only this site shows (mode names, short names) → rate-card ids. The upstream ids
 * its completion request names (`model`) are listed too, as public z.ai clients' model tables of
 * 2025–2026 give them (GLM-4.6 is "GLM-4-6-API-V1", GLM-4.5 "0727-360B-API", GLM-4.5-Air
 * "0727-106B-API"); newer ones ("glm-4.7", "glm-5") resolve by their version number.
 */
export const MODELS: AliasTable = [
  ['glm-4.6 thinking', 'zai/glm-4.6'],
  ['glm-4-6-api-v1', 'zai/glm-4.6'],
  ['0727-360b-api', 'zai/glm-4.5'],
  ['0727-106b-api', 'zai/glm-4.5-air'],
];
