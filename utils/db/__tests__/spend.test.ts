import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDayKeyer, periodContaining } from '@/utils/core/aggregate';
import { FileImport, type ImportEvent } from '@/utils/core/imports';
import { getBundledCard } from '@/utils/core/ratecard';
import { importedToStored } from '@/utils/background/history/imported';
import { storeImported } from '@/utils/db/imports';
import { HistoryDB } from '@/utils/db/schema';
import {
  SPEND_DIMENSIONS,
  emptySpendRow,
  kindOfSource,
  loadSpend,
  pricedMicroUsd,
  type SpendRow,
  type SpendView,
} from '@/utils/db/spend';
import type { StoredEvent } from '@/utils/db/types';
import { recordEvents } from '@/utils/db/write';
import { generateEvents } from './generate';
import { readAllEvents } from '@/utils/db/export';

const ROOT = join(__dirname, '../../core/imports/__tests__/fixtures');
const TZ = 'Europe/Berlin';
const CALENDAR = { timeZone: TZ, weekStart: 1 as const };
const NOW = Date.UTC(2026, 11, 6, 12);
const card = getBundledCard();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('README.md') ? [] : [path];
  });
}

/** Every import fixture, as the extension's importer hands its events over. */
function fixtureEvents(): ImportEvent[] {
  return walk(ROOT)
    .sort()
    .flatMap((path) => {
      const out: ImportEvent[] = [];
      const f = new FileImport(relative(ROOT, path), {
        event: (e) => out.push(e),
        refusal: () => {},
      });
      f.push(readFileSync(path));
      f.end();
      return out;
    });
}

let opened: HistoryDB[] = [];
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

/** Chat turns of the last 60 days and every fixture's imported usage, some of it this week. */
async function seeded(): Promise<{ db: HistoryDB; events: StoredEvent[] }> {
  const db = new HistoryDB(`spend-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  await recordEvents(db, generateEvents(2_000, { end: NOW, days: 60, seed: 3 }), { timeZone: TZ });
  // The fixtures' own dates are in the past; a copy of each, moved into this week, checks the
  // period filter with imported rows on both sides of it.
  const imported = fixtureEvents();
  const moved = imported.map((e, i) => ({
    ...e,
    key: `${e.key}|moved`,
    time: NOW - 3_600_000 * (1 + (i % 48)),
  }));
  const rows = [...imported, ...moved].map((e) => importedToStored(e, card));
  for (let i = 0; i < rows.length; i += 9)
    await storeImported(db, rows.slice(i, i + 9), { timeZone: TZ });
  return { db, events: await readAllEvents(db) };
}

/** The same view folded the slow way, from every stored event. */
function naive(events: StoredEvent[], days: Set<string> | null) {
  const dayOf = makeDayKeyer(TZ);
  const totals = emptySpendRow('');
  const byKind = new Map<string, SpendRow>();
  const bySource = new Map<string, SpendRow>();
  for (const e of events) {
    if (days && !days.has(dayOf(e.time))) continue;
    const i = e.imported;
    const kind = kindOfSource(e.site);
    const cost = e.costMicroUsd ?? 0;
    const row: Omit<SpendRow, 'key'> = {
      events: 1,
      input: e.input.tokens,
      cacheRead: i?.cacheRead ?? 0,
      cacheWrite: i ? i.cacheWrite5m + i.cacheWrite1h : 0,
      output: e.output.tokens,
      reasoning: e.reasoning.tokens,
      billedMicroUsd: i?.costKind === 'billed' ? cost : 0,
      apiMicroUsd: !i || i.costKind === 'api' ? cost : 0,
      estimateMicroUsd: i?.costKind === 'estimate' ? cost : 0,
      unpricedEvents: e.costMicroUsd === null ? 1 : 0,
    };
    for (const [map, key] of [
      [byKind, kind],
      [bySource, e.site],
    ] as const) {
      const g = map.get(key) ?? emptySpendRow(key);
      for (const f of Object.keys(row) as (keyof typeof row)[]) g[f] += row[f];
      map.set(key, g);
    }
    for (const f of Object.keys(row) as (keyof typeof row)[]) totals[f] += row[f];
  }
  const sorted = (m: Map<string, SpendRow>) =>
    [...m.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  return { totals, byKind: sorted(byKind), bySource: sorted(bySource) };
}

const byKey = (rows: SpendRow[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
const sumRows = (rows: SpendRow[]) => {
  const out = emptySpendRow('');
  for (const r of rows)
    for (const f of Object.keys(r) as (keyof SpendRow)[]) if (f !== 'key') out[f] += r[f];
  return out;
};

function checkSplits(view: SpendView) {
  // Every dimension splits the same whole; imported-only dimensions (agent, project) are
  // checked through kind: chat rows carry no agent.
  for (const by of ['kind', 'source', 'model'] as const)
    expect(sumRows(view.split[by])).toEqual(view.totals);
  const imported = sumRows(view.split.kind.filter((r) => r.key !== 'chat'));
  expect(sumRows(view.split.agent)).toEqual(imported);
  expect(sumRows(view.split.project)).toEqual(imported);
  // The chart's bars add up to the priced money of the period.
  const charted = Object.values(view.daily)
    .flat()
    .reduce((a, b) => a + b, 0);
  expect(charted).toBe(pricedMicroUsd(view.totals));
}

describe('all spend in one view, from the rollups', () => {
  it('all time: equals a fold over every stored event, by kind and by source', async () => {
    const { db, events } = await seeded();
    const view = await loadSpend(db, 'all', NOW, CALENDAR);
    const slow = naive(events, null);
    expect(view.totals).toEqual(slow.totals);
    expect(byKey(view.split.kind)).toEqual(slow.byKind);
    expect(byKey(view.split.source)).toEqual(slow.bySource);
    expect(view.split.kind.map((r) => r.key).sort()).toEqual(['agent', 'api', 'chat']);
    // Cache reads are counted apart (and are most of the agents' tokens in these fixtures).
    expect(view.totals.cacheRead).toBeGreaterThan(0);
    expect(view.totals.billedMicroUsd).toBeGreaterThan(0);
    expect(view.totals.unpricedEvents).toBeGreaterThan(0);
    checkSplits(view);
    // The days run from the first stored day to today, with nothing read but rollup rows.
    expect(view.days[view.days.length - 1]).toBe(makeDayKeyer(TZ)(NOW));
    expect(view.rowsRead).toBe(await db.spendMonths.count());
    expect(view.rowsRead).toBeLessThan(events.length);
    expect(view.otherTimeZone).toBeNull();
  });

  it('this week and this month: only their days, imported and chat alike', async () => {
    const { db, events } = await seeded();
    for (const period of ['week', 'month'] as const) {
      const view = await loadSpend(db, period, NOW, CALENDAR);
      const days = periodContaining(period, NOW, CALENDAR).days;
      expect(view.days).toEqual(days);
      const slow = naive(events, new Set(days));
      expect(view.totals).toEqual(slow.totals);
      expect(byKey(view.split.source)).toEqual(slow.bySource);
      expect(view.split.kind.find((r) => r.key === 'agent')?.events).toBeGreaterThan(0);
      checkSplits(view);
    }
    const week = await loadSpend(db, 'week', NOW, CALENDAR);
    const all = await loadSpend(db, 'all', NOW, CALENDAR);
    expect(week.totals.events).toBeLessThan(all.totals.events);
  });

  it('an imported model the card does not know is unpriced, never $0', async () => {
    const db = new HistoryDB(`spend-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    const e: ImportEvent = {
      ...fixtureEvents().find((x) => x.source === 'claude-code')!,
      key: 'claude-code|mystery',
      model: 'mystery-model-9000',
      cost: null,
      time: NOW - 3_600_000,
    };
    await storeImported(db, [importedToStored(e, card)], { timeZone: TZ });
    const view = await loadSpend(db, 'week', NOW, CALENDAR);
    expect(view.totals.events).toBe(1);
    expect(view.totals.unpricedEvents).toBe(1);
    expect(pricedMicroUsd(view.totals)).toBe(0);
    expect(view.split.model[0].key).toBe('mystery-model-9000');
    expect(SPEND_DIMENSIONS).toContain('model');
  });

  it('says when the rollups were counted in another time zone', async () => {
    const { db } = await seeded();
    const view = await loadSpend(db, 'week', NOW, { ...CALENDAR, timeZone: 'Asia/Tokyo' });
    expect(view.otherTimeZone).toBe(TZ);
  });
});
