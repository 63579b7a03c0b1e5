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
  hiddenContext,
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

  it('splits an output that holds the reasoning, never adds to it (z.ai: 165 = thinking + answer)', () => {
    // Counted on screen: 147 of thinking, 15 of answer (the capture's texts); the site: 165.
    const shown = { input: ours(30), output: ours(15), reasoning: ours(147) };
    const out = withSiteUsage(
      shown,
      report(0, { input: 39, output: 165, outputIncludesReasoning: true }),
    );
    expect(out.output.tokens + out.reasoning.tokens).toBe(165);
    expect(out.reasoning).toEqual({ tokens: 150, provenance: 'site', family: 'site:zai' });
    expect(out.output.tokens).toBe(15);
    // No reasoning shown: the whole output stays output, the reasoning unknown.
    const none = { ...shown, reasoning: { tokens: 0, provenance: 'unknown' as const, family: '' } };
    const hidden = withSiteUsage(none, report(0, { output: 165, outputIncludesReasoning: true }));
    expect(hidden.output.tokens).toBe(165);
    expect(hidden.reasoning.provenance).toBe('unknown');
    // The site's own reasoning figure wins over the split.
    const told = withSiteUsage(
      shown,
      report(0, { output: 165, reasoning: 100, outputIncludesReasoning: true }),
    );
    expect([told.output.tokens, told.reasoning.tokens]).toEqual([65, 100]);
  });

  it('DeepSeek: an input below the opening running count fails the cross-check', () => {
    const ds = (opening: number) =>
      withSiteUsage(counts, report(0, { format: 'deepseek', total: 603, opening }));
    // 603 − 40 − 10 = 553 ≥ 513: the site's.
    expect(ds(513).input).toEqual({ tokens: 553, provenance: 'site', family: 'site:deepseek' });
    // 553 < 560: our count of the reply cannot be right; our numbers stay.
    expect(ds(560).input).toBe(counts.input);
  });

  it('keeps our counts for a report with no numbers (a model or limits only)', () => {
    const out = withSiteUsage(counts, report(0, { format: 'claude', model: 'claude-sonnet-5' }));
    expect(out).toEqual(counts);
  });
});

describe('hiddenContext', () => {
  it('is the site input beyond the visible conversation', () => {
    const recorded = withSiteUsage(
      { input: ours(2000), output: ours(46), reasoning: ours(0, 'unknown') },
      report(0, { format: 'qwen', input: 2646, output: 46 }),
    );
    expect(hiddenContext(ours(2000), recorded)).toBe(646);
    expect(hiddenContext(ours(3000), recorded)).toBeNull();
    expect(hiddenContext(ours(2000), { ...recorded, input: ours(2646) })).toBeNull();
  });
});
