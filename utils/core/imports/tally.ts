/**
 * The whole-import view the CLI prints (and tests compare the history against): events kept
 * across all files by key (of two with one key, the one with more tokens; on a tie the first),
 * duplicates, refusals, and token and cost totals by source.
 */
import {
  IMPORT_SOURCES,
  totalImportTokens,
  type ImportEvent,
  type ImportSource,
  type Refusal,
} from './types';
import type { FileResult } from './file-import';

/** Token totals as the CLI prints them (`cacheWrite` = 5-minute + 1-hour writes). */
export interface TokenTotals {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

export interface SourceTotals {
  events: number;
  tokens: TokenTotals;
  billedUsd: number;
  /** Cost the source computed from its own price list (ccusage, tokscale). */
  sourceEstimateUsd: number;
}

export interface ImportSummary {
  events: number;
  duplicates: number;
  refused: number;
  /** Rows that hold no usage of their own (OpenClaw delivery mirrors, ccusage gap blocks, fork replays' baseline). */
  skipped: number;
  tokens: TokenTotals;
  billedUsd: number;
  sourceEstimateUsd: number;
  bySource: Record<ImportSource, SourceTotals>;
  /** Date-times without a zone, read as UTC. */
  timestampsWithoutZone: number;
  files: FileResult[];
  /** The first refusals, each with its file, line and reason (`refused` counts them all). */
  refusals: Refusal[];
}

export const MAX_LISTED_REFUSALS = 100;

export const emptyTokenTotals = (): TokenTotals => ({
  input: 0,
  cacheRead: 0,
  cacheWrite: 0,
  output: 0,
  reasoning: 0,
});

export function addTokens(into: TokenTotals, e: ImportEvent, sign: 1 | -1 = 1): void {
  into.input += sign * e.tokens.input;
  into.cacheRead += sign * e.tokens.cacheRead;
  into.cacheWrite += sign * (e.tokens.cacheWrite5m + e.tokens.cacheWrite1h);
  into.output += sign * e.tokens.output;
  into.reasoning += sign * e.tokens.reasoning;
}

/** Of two events with one key, does `next` replace `kept`? */
export function replaces(kept: ImportEvent, next: ImportEvent): boolean {
  return totalImportTokens(next.tokens) > totalImportTokens(kept.tokens);
}

export class ImportTally {
  private readonly kept = new Map<string, ImportEvent>();
  private duplicates = 0;
  private readonly files: FileResult[] = [];
  private readonly refusals: Refusal[] = [];
  private refusedTotal = 0;

  /** Add one event; returns whether it was new. */
  add(e: ImportEvent): boolean {
    const prior = this.kept.get(e.key);
    if (!prior) {
      this.kept.set(e.key, e);
      return true;
    }
    this.duplicates++;
    if (replaces(prior, e)) this.kept.set(e.key, e);
    return false;
  }

  refusal(r: Refusal): void {
    this.refusedTotal++;
    if (this.refusals.length < MAX_LISTED_REFUSALS) this.refusals.push(r);
  }

  file(result: FileResult): void {
    this.files.push(result);
  }

  events(): IterableIterator<ImportEvent> {
    return this.kept.values();
  }

  summary(): ImportSummary {
    const bySource = Object.fromEntries(
      IMPORT_SOURCES.map((s) => [
        s,
        { events: 0, tokens: emptyTokenTotals(), billedUsd: 0, sourceEstimateUsd: 0 },
      ]),
    ) as Record<ImportSource, SourceTotals>;
    const tokens = emptyTokenTotals();
    const billed = new Map<string, number>();
    const estimate = new Map<string, number>();
    let billedAll = 0;
    let estimateAll = 0;
    for (const e of this.kept.values()) {
      const s = bySource[e.source];
      s.events++;
      addTokens(s.tokens, e);
      addTokens(tokens, e);
      if (e.cost?.kind === 'billed') {
        billed.set(e.source, (billed.get(e.source) ?? 0) + e.cost.microUsd);
        billedAll += e.cost.microUsd;
      } else if (e.cost?.kind === 'estimate') {
        estimate.set(e.source, (estimate.get(e.source) ?? 0) + e.cost.microUsd);
        estimateAll += e.cost.microUsd;
      }
    }
    for (const [s, m] of billed) bySource[s as ImportSource].billedUsd = m / 1e6;
    for (const [s, m] of estimate) bySource[s as ImportSource].sourceEstimateUsd = m / 1e6;
    let fileDuplicates = 0;
    let skipped = 0;
    let noZone = 0;
    for (const f of this.files) {
      fileDuplicates += f.duplicates;
      skipped += f.skipped;
      noZone += f.noZone;
    }
    return {
      events: this.kept.size,
      duplicates: this.duplicates + fileDuplicates,
      refused: this.refusedTotal,
      skipped,
      tokens,
      billedUsd: billedAll / 1e6,
      sourceEstimateUsd: estimateAll / 1e6,
      bySource,
      timestampsWithoutZone: noZone,
      files: this.files,
      refusals: this.refusals,
    };
  }
}
