/**
 * Usage imported from agents' local logs, aggregators' exports and providers' usage reports.
 * Pure data; the parsers in `formats/` produce it and the history stores it beside chat turns.
 */

/** Every source the importer reads, as keyed in the CLI's `bySource` and in the history. */
export const IMPORT_SOURCES = [
  'claude-code',
  'codex',
  'openclaw',
  'kimi-cli',
  'gemini-cli',
  'qwen-cli',
  'ccusage',
  'tokscale',
  'openrouter',
  'openai-org',
  'anthropic-org',
] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** What kind of spend a source reports: an agent's own log, an aggregator's report, or an API bill. */
export const SOURCE_KIND: Record<ImportSource, 'agent' | 'aggregator' | 'api'> = {
  'claude-code': 'agent',
  codex: 'agent',
  openclaw: 'agent',
  'kimi-cli': 'agent',
  'gemini-cli': 'agent',
  'qwen-cli': 'agent',
  ccusage: 'aggregator',
  tokscale: 'aggregator',
  openrouter: 'api',
  'openai-org': 'api',
  'anthropic-org': 'api',
};

/** Tokens by price class. `input` is uncached input; the classes never overlap. */
export interface ImportTokens {
  input: number;
  cacheRead: number;
  /** Cache writes with a 5-minute lifetime (and writes whose lifetime the source does not say). */
  cacheWrite5m: number;
  cacheWrite1h: number;
  /** Output without reasoning. */
  output: number;
  reasoning: number;
}

export const emptyImportTokens = (): ImportTokens => ({
  input: 0,
  cacheRead: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  output: 0,
  reasoning: 0,
});

export const totalImportTokens = (t: ImportTokens): number =>
  t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.output + t.reasoning;

/**
 * A cost the source itself states. `billed`: what was charged (OpenClaw's `cost.total`,
 * OpenRouter's `cost_total`, a provider's cost report). `estimate`: what an aggregator computed
 * from its own price list (ccusage, tokscale): kept and shown as theirs, never called billed.
 */
export interface StatedCost {
  microUsd: number;
  kind: 'billed' | 'estimate';
}

export interface ImportEvent {
  /**
   * Idempotency key, `<source>|…`: the same usage read twice (the same file, an overlapping
   * export, a resumed or forked session) gets the same key. Of two events with one key the one
   * with more tokens is kept (a streamed row grows; a later export of a day holds more).
   */
  key: string;
  source: ImportSource;
  /** The agent or app that spent it, e.g. "claude-code", "codex", an OpenRouter app name. */
  agent: string;
  /** Project: a working directory, an API key or workspace name; null when the source has none. */
  project: string | null;
  /** Session or conversation id; null when the source has none. */
  session: string | null;
  /** The model as the source names it (not resolved to the rate card); null when not named. */
  model: string | null;
  /** Epoch ms: the request's time, or the start of the period an aggregated row covers. */
  time: number;
  tokens: ImportTokens;
  /** Requests this event stands for (1 for one request; an aggregated row's count when known). */
  requests: number | null;
  cost: StatedCost | null;
  /** Set on aggregated rows: the period they cover. */
  period?: 'hour' | 'day' | 'week' | 'month' | 'session' | 'block' | 'minute';
}

/** A line, row or record the importer did not take, and why. */
export interface Refusal {
  file: string;
  /** 1-based line (JSONL, CSV) or record number (JSON documents); 0 for the whole file. */
  line: number;
  reason: string;
}
