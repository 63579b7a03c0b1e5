// The site's own usage reports: which reply a report belongs to, and the numbers it replaces.
import { describe, expect, it } from 'vitest';
import type { TokenCount } from '@/utils/core/types';
import type { UsageReport } from '@/utils/overlay/types';
import {
  addReport,
  createUsageLog,
  MAX_USAGE_REPORTS,
  streamModel,
  takeUsage,
  withSiteUsage,
} from '@/utils/overlay/meter/site-usage';

const report = (at: number, extra: Partial<UsageReport> = {}): UsageReport => ({
  format: 'zai',
  done: true,
  at,
  ...extra,
});
const ours = (tokens: number, provenance: TokenCount['provenance'] = 'exact'): TokenCount => ({
  tokens,
  provenance,
  family: 'o200k_base',
});

describe('the report list', () => {
  it('keeps the newest reports only, without changing the list it was given', () => {
    let list: readonly UsageReport[] = [];
    for (let i = 0; i < MAX_USAGE_REPORTS + 5; i++) list = addReport(list, report(i));
    expect(list).toHaveLength(MAX_USAGE_REPORTS);
    expect(list[0].at).toBe(5);
    const before = list;
    addReport(before, report(99));
    expect(before).toHaveLength(MAX_USAGE_REPORTS);
  });

  it('names the model of the latest report that names one', () => {
    expect(streamModel([])).toBeNull();
    expect(streamModel([report(1, { model: 'old' }), report(2, { model: 'new' }), report(3)])).toBe(
      'new',
    );
  });

  it('gives a reply the first report that ended after it began (5 s of skew), and only once', () => {
    const list = [report(1_000), report(20_000), report(30_000)];
    const first = takeUsage(list, 24_000);
    expect(first.match?.at).toBe(20_000);
    expect(first.rest.map((r) => r.at)).toEqual([1_000, 30_000]);
    expect(takeUsage(first.rest, 24_000).match?.at).toBe(30_000);
    expect(takeUsage(list, 40_000).match).toBeNull();
  });

  it('a log: reset forgets the reports but keeps the last one on show', () => {
    const log = createUsageLog();
    log.add(report(1, { model: 'm' }));
    log.reset();
    expect(log.model()).toBeNull();
    expect(log.take(0)).toBeNull();
    expect(log.last()?.model).toBe('m');
  });
});

describe('withSiteUsage', () => {
  const counts = { input: ours(100), output: ours(40), reasoning: ours(10, 'vocab') };

  it('keeps our counts without a report', () => {
    expect(withSiteUsage(counts, null)).toBe(counts);
  });

  it('replaces what the site reported, marked as the site’s numbers', () => {
    const out = withSiteUsage(counts, report(0, { input: 120, output: 42 }));
    expect(out.input).toEqual({ tokens: 120, provenance: 'site', family: 'site:zai' });
    expect(out.output.tokens).toBe(42);
    expect(out.reasoning).toBe(counts.reasoning);
  });

  it('a total only: input is the total minus what the reply produced', () => {
    const out = withSiteUsage(counts, report(0, { total: 200, format: 'deepseek' }));
    expect(out.input).toEqual({ tokens: 150, provenance: 'site', family: 'site:deepseek' });
    expect(out.output).toBe(counts.output);
  });

  it('a total only: reasoning of unknown size is not subtracted; a too small total is ignored', () => {
    const hidden = { ...counts, reasoning: ours(0, 'unknown') };
    expect(withSiteUsage(hidden, report(0, { total: 200 })).input.tokens).toBe(160);
    expect(withSiteUsage(counts, report(0, { total: 30 })).input).toBe(counts.input);
  });
});
