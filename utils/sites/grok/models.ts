import type { AliasTable } from '../models';

/**
 * Model labels only this site shows → rate-card ids. The picker's modes ("Auto", "Fast",
 * "Expert", "Heavy", ChatClub 2026-08; the stream's `modeId`, grok2api 2026-08) are not here on
 * purpose: which model serves a mode changes without the label changing, so a mode is priced only
 * after the user picks a model. Named models ("Grok 4", "Grok 4 Fast") resolve through the
 * shared table.
 */
export const MODELS: AliasTable = [['grok 4.20', 'x-ai/grok-4.20']];
