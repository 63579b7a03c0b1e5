/** One row of `npm run bench`: a figure, the baseline measured in the same run, and its target. */
export interface BenchRow {
  /** What was measured, e.g. "count 1 MB Chinese (o200k)". */
  name: string;
  value: number;
  unit: string;
  /** The same work done by the baseline (e.g. plain js-tiktoken), measured in the same run. */
  baseline?: { label: string; value: number };
  /** Human-readable target, e.g. "< 1000 ms". */
  target?: string;
  /** Whether the target is met (undefined when there is no target). */
  met?: boolean;
}

export interface BenchSuite {
  title: string;
  run(): Promise<BenchRow[]>;
}
