import { describe, expect, it } from 'vitest';
import { HistoryDB, SCHEMA_VERSIONS } from '@/utils/db/schema';
import { foldEvents, makeDayKeyer, type DayTotal } from '@/utils/core/aggregate';
import { blocksMiddleware, dayOf, encodeBlock } from '@/utils/db/export-blocks';
import type { ImportDayRow, StoredEvent } from '@/utils/db/types';
import { withEventBlocks, withoutBlockIds } from './event-blocks';
import { generateEvents } from './generate';
import { monthsFromDays } from './months';

/**
 * Every released schema version has a fixture: the rows a database of that version holds, written
 * with that version's schema only. Opening it with the current code must keep every row (after
 * the named upgrades that follow it).
 *
 * Adding version N: add its entry to SCHEMA_VERSIONS, a FIXTURES[N] with rows in the N shape,
 * and an UPGRADED_ROWS[N] describing what its upgrade function does to rows of N − 1
 * (the test applies every later one to each older fixture).
 */
type Tables = Record<string, unknown[]>;

function v1Rows(): Tables {
  const events = generateEvents(250, { end: Date.UTC(2026, 0, 20), days: 30, seed: 42 }).map(
    (e, i) => ({ ...e, id: i + 1 }),
  );
  events[0].text = { prompt: 'kept text', reply: 'kept reply' };
  const keyer = makeDayKeyer('UTC');
  const folded = foldEvents(
    events.map((source) => ({ source, day: keyer(source.time) })),
    new Map(),
    new Map(),
  );
  return {
    events,
    conversations: [
      {
        id: events[0].conversation,
        site: events[0].site,
        conversationId: events[0].conversationId,
        title: 'A title',
        firstSeen: events[0].time,
        lastSeen: events[0].time,
        events: 1,
        pricedEvents: 1,
        costMicroUsd: 5,
        input: 1,
        output: 1,
        reasoning: 0,
      },
    ],
    dayTotals: [...folded.totals.values()],
    dayConversations: [...folded.conversations.values()],
    meta: [{ key: 'rollupTimeZone', value: 'UTC' }],
  };
}

/** Version 2: imported usage beside chat turns, its day rollup and the files read. */
function v2Rows(): Tables {
  const rows = v1Rows();
  const time = Date.UTC(2026, 0, 18, 9);
  const imported = {
    id: 10_000,
    key: 'import|claude-code|msg_1|req_1',
    time,
    site: 'claude-code',
    conversationId: 'session-1',
    conversation: 'claude-code|session-1',
    turnIndex: 0,
    modelLabel: 'claude-sonnet-4-20250514',
    model: 'anthropic/claude-sonnet-4',
    input: { tokens: 5, provenance: 'site', family: 'import:claude-code' },
    output: { tokens: 24, provenance: 'site', family: 'import:claude-code' },
    reasoning: { tokens: 0, provenance: 'site', family: 'import:claude-code' },
    costMicroUsd: 60_000,
    rateCardVersion: 'v',
    prices: null,
    flags: 0,
    imported: {
      source: 'claude-code',
      agent: 'claude-code',
      project: '/home/ana/shop',
      session: 'session-1',
      cacheRead: 17_299,
      cacheWrite5m: 262,
      cacheWrite1h: 0,
      requests: 1,
      period: null,
      costKind: 'api',
      statedMicroUsd: null,
    },
  };
  return {
    ...rows,
    events: [...rows.events, imported],
    importDays: [
      {
        id: '2026-01-18|claude-code|claude-code|/home/ana/shop|claude-sonnet-4-20250514',
        day: '2026-01-18',
        source: 'claude-code',
        agent: 'claude-code',
        project: '/home/ana/shop',
        model: 'claude-sonnet-4-20250514',
        events: 1,
        input: 5,
        cacheRead: 17_299,
        cacheWrite: 262,
        output: 24,
        reasoning: 0,
        billedMicroUsd: 0,
        apiMicroUsd: 60_000,
        estimateMicroUsd: 0,
        unpricedEvents: 0,
      },
    ],
    importFiles: [
      {
        id: 'projects|-home-ana-shop/s.jsonl',
        size: 1234,
        lastModified: time,
        events: 1,
        importedAt: time,
      },
    ],
  };
}

/** The month rollup version 3's upgrade builds from the day rollups it finds. */
const withMonths = (rows: Tables): Tables => ({
  ...rows,
  spendMonths: monthsFromDays(
    (rows.dayTotals ?? []) as DayTotal[],
    (rows.importDays ?? []) as ImportDayRow[],
  ),
});

/** Version 3: the same plus the month rollup. */
const v3Rows = () => withMonths(v2Rows());

/** Version 4: the same plus every day's export block (all built: no state row). */
function v4Rows(): Tables {
  const rows = v3Rows();
  const events = [...(rows.events as StoredEvent[])].sort(
    (a, b) => a.time - b.time || a.id! - b.id!,
  );
  const days = [...new Set(events.map((e) => dayOf(e.time)))];
  return {
    ...rows,
    exportBlocks: days.map((d) =>
      encodeBlock(
        d,
        events.filter((e) => dayOf(e.time) === d),
      ),
    ),
  };
}

/** Version 4's upgrade builds no block: every day of a database with events is read from rows. */
const withBlocksUnbuilt = (rows: Tables): Tables => ({
  ...rows,
  meta: [
    ...(rows.meta ?? []),
    { key: 'exportBlocks', value: { rowsFrom: 0, stale: [], large: [] } },
  ],
});

/** Version 5: imported events in blocks (the export blocks of their days listed stale). */
const v5Rows = () => withEventBlocks(v4Rows());

const FIXTURES: Record<number, () => Tables> = {
  1: v1Rows,
  2: v2Rows,
  3: v3Rows,
  4: v4Rows,
  5: v5Rows,
};

/** Row transforms of each version's upgrade (v2 adds tables and an optional field: no row changes). */
const UPGRADED_ROWS: Record<number, (rows: Tables) => Tables> = {
  3: withMonths,
  4: withBlocksUnbuilt,
  5: withEventBlocks,
};

const sortRows = (rows: unknown[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('schema migrations', () => {
  it('has a fixture for every schema version, and versions only grow', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(Object.keys(FIXTURES).map(Number)).toEqual(versions);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const v of SCHEMA_VERSIONS.slice(1)) {
      if (v.upgrade) expect(UPGRADED_ROWS[v.version], `UPGRADED_ROWS[${v.version}]`).toBeDefined();
    }
  });

  it.each(SCHEMA_VERSIONS.map((v, i) => [v.version, i] as const))(
    'a database written by version %i opens with every row intact',
    async (version, index) => {
      const name = `migrate-${version}-${Math.random().toString(36).slice(2)}`;
      const old = new HistoryDB(name, undefined, SCHEMA_VERSIONS.slice(0, index + 1));
      // The fixture is what the database holds: written as it is, without the export blocks'
      // middleware marking the events' days stale.
      old.unuse({ stack: 'dbcore', name: blocksMiddleware.name! });
      let rows = FIXTURES[version]();
      await old.transaction('rw', old.tables, async () => {
        for (const [table, data] of Object.entries(rows)) await old.table(table).bulkAdd(data);
      });
      old.close();

      const current = new HistoryDB(name);
      await current.open();
      expect(current.verno).toBe(SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version);
      for (const later of SCHEMA_VERSIONS.slice(index + 1)) {
        const transform = UPGRADED_ROWS[later.version];
        if (transform) rows = transform(rows);
      }
      for (const [table, expected] of Object.entries(rows)) {
        const actual = withoutBlockIds(table, await current.table(table).toArray());
        expect(actual.length, `${table} row count`).toBe(expected.length);
        expect(sortRows(actual), table).toEqual(sortRows(withoutBlockIds(table, expected)));
      }
      await current.delete();
    },
  );
});
