/** Importing usage from agents' logs, aggregators' reports and provider exports (pure, streamed). */
export * from './types';
export { FileImport } from './file-import';
export type { FileCheckpoint, FileResult, FileSink } from './file-import';
export { ImportTally, replaces, addTokens, emptyTokenTotals, MAX_LISTED_REFUSALS } from './tally';
export type { ImportSummary, SourceTotals, TokenTotals } from './tally';
export { sniffEncoding } from './lines';
export { importEventSchema } from './schema';

/** Files a folder walk picks up: JSONL (and OpenClaw's archived `.jsonl.deleted.*`/`.jsonl.reset.*`), JSON, CSV. */
export const isImportableName = (name: string): boolean =>
  /\.(jsonl|json|csv)$|\.jsonl\.(deleted|reset)\.[^/\\]+$/i.test(name);
