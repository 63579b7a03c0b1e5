import type { AliasTable } from '../models';

/** Model labels only this site shows (mode names, short names) → rate-card ids. */
export const MODELS: AliasTable = [
  ['mimo-v2-flash', 'xiaomi/mimo-v2-flash'],
  // The studio's own id for it, as its request body names it (public API docs, 2026-01).
  ['mimo-v2-flash-studio', 'xiaomi/mimo-v2-flash'],
  ['mimo-v2-pro', 'xiaomi/mimo-v2-pro'],
  ['mimo-v2-omni', 'xiaomi/mimo-v2-omni'],
  ['mimo-v2.5', 'xiaomi/mimo-v2.5'],
  ['mimo-v2.5-pro', 'xiaomi/mimo-v2.5-pro'],
];
