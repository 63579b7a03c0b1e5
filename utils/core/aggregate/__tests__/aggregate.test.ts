import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES, type TokenizerFamily } from '@/utils/core/tokenize/families';
import {
  breakdown,
  dailyCosts,
  dayKey,
  foldEvents,
  localDateOf,
  makeDayKeyer,
  periodContaining,
  previousPeriod,
  repriceEvents,
  storedFamilyOf,
  familyRatio,
  VOCAB_RATIOS,
  startOfLocalDay,
  summarize,
  tokenFactor,
  topConversations,
  weekStartForLocale,
  type DayConversation,
  type DayTotal,
  type RollupSource,
} from '@/utils/core/aggregate';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('periods in the user time zone', () => {
  const ny = { timeZone: 'America/New_York', weekStart: 1 as const };

  it('puts Sunday 23:30 in New York (Monday 04:30 UTC) in the week that started on Monday', () => {
    // 2026-03-15 is a Sunday; 23:30 EDT = 03:30 UTC on Monday 16th.
    const t = Date.UTC(2026, 2, 16, 3, 30);
    const week = periodContaining('week', t, ny);
    expect(week.days[0]).toBe('2026-03-09');
    expect(week.days).toHaveLength(7);
    expect(week.days[6]).toBe('2026-03-15');
    expect(iso(week.end)).toBe('2026-03-16T04:00:00.000Z');
    expect(t).toBeLessThan(week.end);
  });

  it('starts weeks on Sunday when asked', () => {
    const t = Date.UTC(2026, 2, 16, 3, 30); // Sunday 15th local
    const week = periodContaining('week', t, { ...ny, weekStart: 7 });
    expect(week.days[0]).toBe('2026-03-15');
    expect(week.days[6]).toBe('2026-03-21');
  });

  it('starts weeks on Saturday for a Saturday-start locale', () => {
    const t = Date.UTC(2026, 2, 16, 12); // Monday
    const week = periodContaining('week', t, { timeZone: 'Africa/Cairo', weekStart: 6 });
    expect(week.days[0]).toBe('2026-03-14');
  });

  it('has a 167-hour week and a 23-hour day across spring-forward (New York)', () => {
    const t = Date.UTC(2026, 2, 8, 15); // Sunday 8 March 2026, DST began 02:00 local
    const day = periodContaining('day', t, ny);
    expect(day.days).toEqual(['2026-03-08']);
    expect(day.end - day.start).toBe(23 * HOUR);
    expect(iso(day.start)).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(day.end)).toBe('2026-03-09T04:00:00.000Z');
    const week = periodContaining('week', t, ny); // Monday 2 March … Sunday 8 March
    expect(week.end - week.start).toBe(167 * HOUR);
  });

  it('has a 25-hour day across fall-back (Berlin)', () => {
    const t = Date.UTC(2026, 9, 25, 12); // Sunday 25 Oct 2026
    const day = periodContaining('day', t, { timeZone: 'Europe/Berlin', weekStart: 1 });
    expect(day.end - day.start).toBe(25 * HOUR);
  });

  it('starts a day whose midnight is skipped at the end of the gap (Santiago)', () => {
    // Chile moves clocks from 00:00 to 01:00 on Sunday 6 Sept 2026.
    const d = { year: 2026, month: 9, day: 6 };
    const start = startOfLocalDay(d, 'America/Santiago');
    expect(dayKey(localDateOf(start, 'America/Santiago'))).toBe('2026-09-06');
    expect(dayKey(localDateOf(start - 1, 'America/Santiago'))).toBe('2026-09-05');
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/Santiago',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(start);
    expect(local).toBe('01:00');
  });

  it('handles half-hour zones (India) and far-east zones', () => {
    const t = Date.UTC(2026, 0, 1, 18, 29); // 23:59 IST
    expect(periodContaining('day', t, { timeZone: 'Asia/Kolkata', weekStart: 1 }).days).toEqual([
      '2026-01-01',
    ]);
    const t2 = Date.UTC(2026, 0, 1, 18, 31); // 00:01 IST on the 2nd
    expect(periodContaining('day', t2, { timeZone: 'Asia/Kolkata', weekStart: 1 }).days).toEqual([
      '2026-01-02',
    ]);
    const kiribati = periodContaining('day', Date.UTC(2026, 0, 1, 11), {
      timeZone: 'Pacific/Kiritimati',
      weekStart: 1,
    });
    expect(kiribati.days).toEqual(['2026-01-02']); // UTC+14
  });

  it('months: previous of March is February; of January is last December', () => {
    const opts = { timeZone: 'Asia/Shanghai', weekStart: 1 as const };
    const march = periodContaining('month', Date.UTC(2026, 2, 31, 10), opts);
    expect(march.days).toHaveLength(31);
    const feb = previousPeriod(march, opts);
    expect(feb.days[0]).toBe('2026-02-01');
    expect(feb.days).toHaveLength(28);
    expect(feb.end).toBe(march.start);
    const jan = periodContaining('month', Date.UTC(2026, 0, 5), opts);
    expect(previousPeriod(jan, opts).days[0]).toBe('2025-12-01');
  });

  it('property: every instant lies in its day, week and month, and periods tile time', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/Santiago',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        fc.constantFrom(1, 6, 7),
        fc.constantFrom('day', 'week', 'month'),
        (t, timeZone, weekStart, kind) => {
          const opts = { timeZone, weekStart: weekStart as 1 | 6 | 7 };
          const p = periodContaining(kind as 'day' | 'week' | 'month', t, opts);
          expect(t).toBeGreaterThanOrEqual(p.start);
          expect(t).toBeLessThan(p.end);
          expect(previousPeriod(p, opts).end).toBe(p.start);
          expect(dayKey(localDateOf(p.start, timeZone))).toBe(p.days[0]);
          expect(dayKey(localDateOf(p.start - 1, timeZone)) < p.days[0]).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('week start by locale', () => {
  it.each([
    ['en-US', 7],
    ['de-DE', 1],
    ['en-GB', 1],
    ['fr-FR', 1],
    ['zh-CN', 1],
    ['ja-JP', 7],
    ['ar-EG', 6],
    ['pt-BR', 7],
  ])('%s starts on ISO day %i', (locale, day) => {
    expect(weekStartForLocale(locale)).toBe(day);
  });

  it('falls back to Monday for an invalid tag', () => {
    expect(weekStartForLocale('not a locale!')).toBe(1);
  });
});

describe('day keyer', () => {
  it('agrees with the direct computation on every hour of a DST year', () => {
    const keyer = makeDayKeyer('Europe/Berlin');
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += HOUR + 7 * 60_000) {
      expect(keyer(t)).toBe(dayKey(localDateOf(t, 'Europe/Berlin')));
    }
  });
});

const count = (tokens: number, family = 'o200k_base') => ({
  tokens,
  provenance: 'exact' as const,
  family,
});

function source(partial: Partial<RollupSource> & { cost: number | null }): RollupSource {
  return {
    site: partial.site ?? 'chatgpt',
    conversationId: partial.conversationId ?? 'c1',
    model: partial.model === undefined ? 'openai/gpt-5' : partial.model,
    input: partial.input ?? count(100),
    output: partial.output ?? count(50),
    reasoning: partial.reasoning ?? { tokens: 0, provenance: 'unknown', family: 'o200k_base' },
    costMicroUsd: partial.cost,
  };
}

describe('rollups and summaries', () => {
  const opts = { timeZone: 'America/New_York', weekStart: 1 as const };
  const now = Date.UTC(2026, 2, 18, 16); // Wednesday 18 March 2026, 12:00 EDT
  const keyer = makeDayKeyer(opts.timeZone);
  const events = [
    { t: Date.UTC(2026, 2, 18, 15), s: source({ cost: 1_000 }) },
    {
      t: Date.UTC(2026, 2, 17, 15),
      s: source({ cost: 2_000, site: 'claude', model: 'anthropic/claude-sonnet-4-5' }),
    },
    { t: Date.UTC(2026, 2, 17, 16), s: source({ cost: null, model: null, conversationId: 'c2' }) },
    // Sunday 15 March 23:30 EDT: last week, although it is Monday in UTC.
    { t: Date.UTC(2026, 2, 16, 3, 30), s: source({ cost: 4_000 }) },
    { t: Date.UTC(2026, 1, 20, 12), s: source({ cost: 8_000 }) }, // February
  ];
  const { totals, conversations } = foldEvents(
    events.map((e) => ({ source: e.s, day: keyer(e.t) })),
    new Map(),
    new Map(),
  );
  const rows: DayTotal[] = [...totals.values()];
  const convRows: DayConversation[] = [...conversations.values()];

  it('sums the week and compares with the previous week', () => {
    const week = periodContaining('week', now, opts);
    const s = summarize(rows, week, previousPeriod(week, opts));
    expect(s.totals.costMicroUsd).toBe(3_000);
    expect(s.totals.events).toBe(3);
    expect(s.totals.pricedEvents).toBe(2);
    expect(s.previous.costMicroUsd).toBe(4_000);
    expect(s.change).toEqual({ deltaMicroUsd: -1_000, ratio: -0.25 });
  });

  it('has no ratio when the previous period cost nothing', () => {
    const day = periodContaining('day', now, opts);
    const s = summarize(rows, day, previousPeriod(day, opts));
    expect(s.totals.costMicroUsd).toBe(1_000);
    expect(s.previous.costMicroUsd).toBe(2_000);
    const month = periodContaining('month', Date.UTC(2026, 0, 10), opts);
    expect(summarize(rows, month, previousPeriod(month, opts)).change.ratio).toBeNull();
  });

  it('gives daily costs aligned with the days of the week', () => {
    const week = periodContaining('week', now, opts);
    expect(dailyCosts(rows, week)).toEqual([0, 2_000, 1_000, 0, 0, 0, 0]);
  });

  it('breaks the month down by model and by site, largest first, unpriced kept', () => {
    const month = periodContaining('month', now, opts);
    const byModel = breakdown(rows, month, 'model');
    expect(byModel.map((s) => [s.key, s.totals.costMicroUsd, s.totals.events])).toEqual([
      ['openai/gpt-5', 5_000, 2],
      ['anthropic/claude-sonnet-4-5', 2_000, 1],
      ['', 0, 1],
    ]);
    const bySite = breakdown(rows, month, 'site');
    expect(bySite.map((s) => [s.key, s.totals.costMicroUsd])).toEqual([
      ['chatgpt', 5_000],
      ['claude', 2_000],
    ]);
  });

  it('ranks conversations of the period', () => {
    const month = periodContaining('month', now, opts);
    const top = topConversations(convRows, month, 1);
    expect(top).toHaveLength(1);
    expect(top[0].key).toBe('chatgpt|c1');
    expect(top[0].totals.costMicroUsd).toBe(5_000);
  });

  it('merges a later batch into existing rows without mutating them', () => {
    const existing = new Map(rows.map((r) => [r.id, r]));
    const before = structuredClone(rows);
    const next = foldEvents(
      [{ source: source({ cost: 500 }), day: keyer(Date.UTC(2026, 2, 18, 17)) }],
      existing,
      new Map(),
    );
    const merged = [...next.totals.values()][0];
    expect(merged.costMicroUsd).toBe(1_500);
    expect(merged.events).toBe(2);
    expect(rows).toEqual(before);
  });
});

describe('this week on another model', () => {
  // A fake card: $1 per 1M input, $2 per 1M output, $2 reasoning; unknown model → null.
  const price = (model: string, u: { input: number; output: number; reasoning?: number }) =>
    model === 'unknown/model' ? null : u.input + 2 * u.output + 2 * (u.reasoning ?? 0);

  it('takes the stored family, else the token engine’s family of the stored model', () => {
    expect(storedFamilyOf('o200k_base', null)?.id).toBe('o200k_base');
    expect(storedFamilyOf('estimate:claude', null)?.id).toBe('estimate:claude');
    expect(storedFamilyOf('site', 'openai/gpt-4-turbo')?.id).toBe('cl100k_base');
    expect(storedFamilyOf('site', 'deepseek/deepseek-v3.2')?.id).toBe('deepseek-v3');
    expect(storedFamilyOf('site', 'moonshotai/kimi-k2.5')?.id).toBe('kimi-k2');
    // Counts stored while Kimi was an estimate keep that family.
    expect(storedFamilyOf('estimate:kimi', 'moonshotai/kimi-k2.5')?.id).toBe('estimate:kimi');
    expect(storedFamilyOf('weird', 'mystery')).toBeNull();
    expect(storedFamilyOf('weird', null)).toBeNull();
  });

  it('uses the engine’s estimate factors as they are', () => {
    // The same numbers the live count multiplies o200k by (families.ts), not a copy.
    const claude: TokenizerFamily = FAMILIES.claude;
    const factors = claude.factors;
    if (!factors) throw new Error('Claude is counted as an estimate');
    expect(familyRatio(claude, 'latin')).toBe(factors.other);
    expect(familyRatio(claude, 'cjk')).toBe(factors.cjk);
    expect(tokenFactor(FAMILIES.o200k_base, claude, 'latin')).toBe(factors.other);
  });

  it('has the ratio of every shipped vocabulary from the engine’s reference counts', () => {
    // Recomputed from the counts the upstream tokenizers give on the reference texts.
    const refs = JSON.parse(
      readFileSync(join(ROOT, 'tests/fixtures/tokenize/reference-counts.json'), 'utf8'),
    ) as { counts: Record<string, Record<string, number>> };
    const o200k = refs.counts.o200k_base;
    for (const [vocab, counts] of Object.entries(refs.counts)) {
      expect(VOCAB_RATIOS[vocab], vocab).toEqual({
        latin: Math.round((counts.english / o200k.english) * 100) / 100,
        cjk: Math.round((counts['run-han-prose'] / o200k['run-han-prose']) * 100) / 100,
      });
    }
    // Every exact family the engine counts with has a ratio.
    for (const family of Object.values(FAMILIES) as TokenizerFamily[])
      if (!family.factors) expect(familyRatio(family, 'cjk'), family.id).not.toBeNull();
  });

  it('scales Chinese usage from o200k to DeepSeek by their measured ratio (0.74)', () => {
    const o200k = FAMILIES.o200k_base;
    const deepseek = FAMILIES['deepseek-v3'];
    expect(tokenFactor(o200k, deepseek, 'cjk')).toBeCloseTo(0.74, 10);
    expect(tokenFactor(o200k, deepseek, 'latin')).toBeCloseTo(1.04, 10);
    const r = repriceEvents(
      [
        {
          model: 'openai/gpt-5',
          family: 'o200k_base',
          tokens: { input: 7_800, output: 780, reasoning: 0 },
          costMicroUsd: 99,
        },
        {
          model: null,
          family: 'o200k_base',
          tokens: { input: 780, output: 0, reasoning: 0 },
          costMicroUsd: null,
        },
      ],
      'deepseek/deepseek-v3.2',
      'cjk',
      price,
    );
    // 7,800 × 0.74 = 5,772; 780 × 0.74 = 577.2 → 577.
    expect(r.scaledTokens).toEqual({ input: 5_772 + 577, output: 577, reasoning: 0 });
    expect(r.costMicroUsd).toBe(5_772 + 2 * 577 + 577);
    expect(r.actualMicroUsd).toBe(99);
    expect(r.actualUnpriced).toBe(1);
    expect(r.unknownFamilies).toEqual([]);
    expect(r.targetFamily).toBe('deepseek-v3');
    expect(r.factors).toEqual([{ from: 'o200k_base', to: 'deepseek-v3', factor: 0.74, events: 2 }]);
  });

  it('says unpriced (null), never 0, when the card does not know the target', () => {
    const r = repriceEvents(
      [
        {
          model: 'x',
          family: 'o200k_base',
          tokens: { input: 1, output: 1, reasoning: 0 },
          costMicroUsd: 3,
        },
      ],
      'unknown/model',
      'latin',
      price,
    );
    expect(r.costMicroUsd).toBeNull();
  });

  it('scales an unknown stored family by 1 and reports it', () => {
    const r = repriceEvents(
      [
        {
          model: null,
          family: 'weird',
          tokens: { input: 10, output: 0, reasoning: 0 },
          costMicroUsd: null,
        },
      ],
      'anthropic/claude-sonnet-4-5',
      'latin',
      price,
    );
    expect(r.scaledTokens.input).toBe(10);
    expect(r.unknownFamilies).toEqual(['weird']);
    expect(r.factors[0]).toMatchObject({ from: 'weird', factor: 1 });
  });
});
