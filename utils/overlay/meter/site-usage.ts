/**
 * The site's own usage (what the MAIN-world hook read from the site's network stream): the last
 * reports, the model they name, and the exact numbers they give a recorded reply in place of our
 * counts. Pure functions over a short list.
 */
import type { TokenCount } from '@/utils/core/types';
import { splitSiteOutput } from '@/utils/sites/stream-types';
import type { UsageReport } from '../types';

/** Reports kept: enough for the replies settling at one time, bounded on a busy page. */
export const MAX_USAGE_REPORTS = 20;

/** The list with `report` added at the end, the oldest dropped beyond the bound. */
export function addReport(reports: readonly UsageReport[], report: UsageReport): UsageReport[] {
  return [...reports, report].slice(-MAX_USAGE_REPORTS);
}

/** The model the most recent report that names one names (the stream knows the model used). */
export function streamModel(reports: readonly UsageReport[]): string | null {
  return [...reports].reverse().find((r) => r.model)?.model ?? null;
}

/**
 * The report of the stream that produced a reply which began streaming at `startedAt` (the
 * first one that ended after it began, 5 s of clock skew allowed), and the reports left once it
 * is taken: a report belongs to one reply only.
 */
export function takeUsage(
  reports: readonly UsageReport[],
  startedAt: number,
): { match: UsageReport | null; rest: readonly UsageReport[] } {
  const match = reports.find((r) => r.at >= startedAt - 5000);
  if (!match) return { match: null, rest: reports };
  return { match, rest: reports.filter((r) => r !== match) };
}

/** A count the site reported (provenance 'site': exact by definition). */
export function siteCount(tokens: number, format: string): TokenCount {
  return { tokens, provenance: 'site', family: `site:${format}` };
}

export interface ReplyCounts {
  input: TokenCount;
  output: TokenCount;
  reasoning: TokenCount;
}

/**
 * A reply's counts with the site's numbers where it reported them: the site's totals are the
 * authority, our counts only split a total the site gives, never add to it.
 * - an output that holds the reasoning (z.ai, Qwen) is split between reasoning and answer in
 *   proportion to our counts of the two texts (all of it stays output when no reasoning shows);
 * - a site that reports only a total (DeepSeek) gives input = its total minus our count of what
 *   the reply produced.
 */
export function withSiteUsage(counts: ReplyCounts, usage: UsageReport | null): ReplyCounts {
  if (!usage) return counts;
  let { input, output, reasoning } = counts;
  if (usage.input !== undefined) input = siteCount(usage.input, usage.format);
  if (usage.output !== undefined) {
    const shown = reasoning.provenance === 'unknown' ? 0 : reasoning.tokens;
    if (usage.outputIncludesReasoning && usage.reasoning !== undefined) {
      output = siteCount(Math.max(0, usage.output - usage.reasoning), usage.format);
      reasoning = siteCount(Math.min(usage.reasoning, usage.output), usage.format);
    } else if (usage.outputIncludesReasoning) {
      const split = splitSiteOutput(usage.output, output.tokens, shown);
      output = siteCount(split.answer, usage.format);
      if (shown > 0) reasoning = siteCount(split.reasoning, usage.format);
    } else {
      output = siteCount(usage.output, usage.format);
      if (usage.reasoning !== undefined) reasoning = siteCount(usage.reasoning, usage.format);
    }
  } else if (usage.reasoning !== undefined) {
    reasoning = siteCount(usage.reasoning, usage.format);
  }
  if (usage.input === undefined && usage.total !== undefined) {
    const produced = output.tokens + (reasoning.provenance === 'unknown' ? 0 : reasoning.tokens);
    // The cross-check: this request resends the whole conversation so far, so its input is at
    // least the running count the reply began at (DeepSeek's opening value). Less means our
    // count of the reply is off: keep our numbers rather than record a wrong one as the site's.
    const floor = usage.opening ?? 0;
    if (usage.total >= produced && usage.total - produced >= floor)
      input = siteCount(usage.total - produced, usage.format);
  }
  return { input, output, reasoning };
}

/**
 * Context the site counted and the page does not show (system prompt, memory, tools, search
 * results): the site's exact input minus our count of the visible conversation before the
 * reply. Null unless the site gave the input (or a total) and the difference is positive.
 */
export function hiddenContext(counted: TokenCount | null, recorded: ReplyCounts): number | null {
  if (!counted || recorded.input.provenance !== 'site' || counted.provenance === 'site')
    return null;
  const diff = recorded.input.tokens - counted.tokens;
  return diff > 0 ? diff : null;
}

export type UsageLog = ReturnType<typeof createUsageLog>;

/** The page's recent usage reports, and the last one (shown in the panel). */
export function createUsageLog() {
  let reports: readonly UsageReport[] = [];
  let last: UsageReport | null = null;
  return {
    add(report: UsageReport): void {
      reports = addReport(reports, report);
      last = report;
    },
    /** The model the site's stream last named. */
    model: (): string | null => streamModel(reports),
    /** The report for a reply that began streaming at `startedAt`, taken off the list. */
    take(startedAt: number): UsageReport | null {
      const { match, rest } = takeUsage(reports, startedAt);
      reports = rest;
      return match;
    },
    last: (): UsageReport | null => last,
    /** Another conversation: the reports are not its replies' (the last one stays on show). */
    reset(): void {
      reports = [];
    },
  };
}
