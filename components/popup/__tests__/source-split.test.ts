import { describe, expect, it } from 'vitest';
import { emptyTotals, type Slice } from '@/utils/core/aggregate';
import { hasImported, splitByKind, topImported } from '@/components/popup/source-split';
import type { ImportDayRow } from '@/utils/db/types';

const slice = (key: string, costMicroUsd: number, events = 1, pricedEvents = events): Slice => ({
  key,
  totals: { ...emptyTotals(), events, pricedEvents, costMicroUsd, input: 10 * events },
});

const day = (over: Partial<ImportDayRow>): ImportDayRow => ({
  id: '',
  day: '2026-12-01',
  source: 'claude-code',
  agent: 'claude-code',
  project: '',
  model: '',
  events: 1,
  input: 0,
  cacheRead: 0,
  cacheWrite: 0,
  output: 0,
  reasoning: 0,
  billedMicroUsd: 0,
  apiMicroUsd: 0,
  estimateMicroUsd: 0,
  unpricedEvents: 0,
  ...over,
});

describe("the popup's split by kind", () => {
  it('folds sites into chat, agents (aggregators too) and API keys, unpriced events kept', () => {
    const split = splitByKind([
      slice('chatgpt', 1_000),
      slice('claude', 2_000, 3, 2),
      slice('claude-code', 50_000, 10),
      slice('ccusage', 7_000, 2),
      slice('openrouter', 4_000, 5),
      slice('anthropic-org', 0, 1, 0),
    ]);
    expect(split.chat).toMatchObject({ events: 4, pricedEvents: 3, costMicroUsd: 3_000 });
    expect(split.agent).toMatchObject({ events: 12, pricedEvents: 12, costMicroUsd: 57_000 });
    expect(split.api).toMatchObject({ events: 6, pricedEvents: 5, costMicroUsd: 4_000 });
    expect(hasImported(split)).toBe(true);
    expect(hasImported(splitByKind([slice('chatgpt', 1)]))).toBe(false);
  });

  it("names the week's top agent and project by priced cost, skipping unnamed projects", () => {
    const top = topImported([
      day({ agent: 'codex', project: '', apiMicroUsd: 90_000 }),
      day({ agent: 'claude-code', project: '/home/me/app', billedMicroUsd: 30_000 }),
      day({ agent: 'claude-code', project: '/home/me/app', apiMicroUsd: 40_000 }),
      day({ agent: 'claude-code', project: '/home/me/site', estimateMicroUsd: 5_000 }),
    ]);
    expect(top.agent).toMatchObject({ key: 'codex', apiMicroUsd: 90_000 });
    expect(top.project).toMatchObject({
      key: '/home/me/app',
      billedMicroUsd: 30_000,
      apiMicroUsd: 40_000,
    });
    expect(topImported([])).toEqual({ agent: null, project: null });
  });
});
