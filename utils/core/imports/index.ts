/** Importing usage from agents' logs, aggregators' reports and provider exports (pure, streamed). */
export * from './types';
export { FileImport } from './file-import';
export type { FileResult, FileSink } from './file-import';
export { ImportTally, replaces, addTokens, emptyTokenTotals, MAX_LISTED_REFUSALS } from './tally';
export type { ImportSummary, SourceTotals, TokenTotals } from './tally';
export { sniffEncoding } from './lines';
export { importEventSchema } from './schema';
