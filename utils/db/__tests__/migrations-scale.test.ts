// Migrations at scale: for every schema version in SCHEMA_VERSIONS, a large database
// written with that version's schema (a year of heavy use: 100,000 events with their rollups and
// conversations) is opened by the current code, and every row of every table is still there,
// unchanged except by the named upgrades that follow its version.
//
// Adding schema version N: add WRITERS[N] (rows in the N shape, at scale) and, if N has an
// upgrade function, UPGRADES[N] (what it does to rows of N − 1). The first test fails until both
// exist, so a new version cannot ship without this check.
import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { emptyTotals, foldEvents, makeDayKeyer, type DayTotal } from '@/utils/core/aggregate';
import { HistoryDB, SCHEMA_VERSIONS } from '@/utils/db/schema';
import { blocksMiddleware, dayOf, encodeBlock } from '@/utils/db/export-blocks';
import type { ConversationRow, ImportDayRow, StoredEvent } from '@/utils/db/types';
import { withEventBlocks, withoutBlockIds } from './event-blocks';
import { generateEvents } from './generate';
import { monthsFromDays } from './months';

type Tables = Record<string, unknown[]>;

export const SCALE_EVENTS = 100_000;

/** Version 1: events (some with text), conversations with titles, rollups, meta. */
function v1Rows(): Tables {
  const events = generateEvents(SCALE_EVENTS, {
    end: Date.UTC(2026, 10, 1),
    days: 365,
    seed: 2026,
  }).map((e, i) => ({
    ...e,
    id: i + 1,
    ...(i % 97 === 0 ? { text: { prompt: `prompt ${i} 你好`, reply: `reply ${i} ✓` } } : {}),
  }));
  const keyer = makeDayKeyer('Europe/Berlin');
  const folded = foldEvents(
    events.map((source) => ({ source, day: keyer(source.time) })),
    new Map(),
    new Map(),
  );
  const conversations = new Map<string, ConversationRow>();
  for (const e of events) {
    const row = conversations.get(e.conversation) ?? {
      id: e.conversation,
      site: e.site,
      conversationId: e.conversationId,
      firstSeen: e.time,
      lastSeen: e.time,
      ...emptyTotals(),
      ...(conversations.size % 10 === 0 ? { title: `Title ${conversations.size}` } : {}),
    };
    row.lastSeen = Math.max(row.lastSeen, e.time);
    row.events++;
    if (e.costMicroUsd !== null) {
      row.pricedEvents++;
      row.costMicroUsd += e.costMicroUsd;
    }
    row.input += e.input.tokens;
    row.output += e.output.tokens;
    row.reasoning += e.reasoning.tokens;
    conversations.set(e.conversation, row);
  }
  return {
    events,
    conversations: [...conversations.values()],
    dayTotals: [...folded.totals.values()],
    dayConversations: [...folded.conversations.values()],
    meta: [{ key: 'rollupTimeZone', value: 'Europe/Berlin' }],
  };
}

/** Version 2: the same plus 10,000 imported agent events, their day rollup and files read. */
function v2Rows(): Tables {
  const rows = v1Rows();
  const sources = ['claude-code', 'codex', 'openclaw', 'ccusage'] as const;
  const imported = Array.from({ length: 10_000 }, (_, i) => {
    const source = sources[i % sources.length];
    const family = `import:${source}`;
    return {
      id: SCALE_EVENTS + i + 1,
      key: `import|${source}|${i}`,
      time: Date.UTC(2026, 9, 1) + i * 60_000,
      site: source,
      conversationId: `s${i % 300}`,
      conversation: `${source}|s${i % 300}`,
      turnIndex: 0,
      modelLabel: i % 5 ? 'claude-sonnet-4-20250514' : null,
      model: i % 5 ? 'anthropic/claude-sonnet-4' : null,
      input: { tokens: i % 900, provenance: 'site', family },
      output: { tokens: i % 400, provenance: 'site', family },
      reasoning: { tokens: 0, provenance: 'site', family },
      costMicroUsd: i % 5 ? 1_000 + i : null,
      rateCardVersion: i % 5 ? 'v' : null,
      prices: null,
      flags: 0,
      imported: {
        source,
        agent: source,
        project: `/home/p${i % 7}`,
        session: `s${i % 300}`,
        cacheRead: i * 11,
        cacheWrite5m: i % 50,
        cacheWrite1h: 0,
        requests: 1,
        period: null,
        costKind: i % 5 ? 'api' : 'unpriced',
        statedMicroUsd: null,
      },
    };
  });
  const importDays = Array.from({ length: 500 }, (_, i) => ({
    id: `2026-10-${String((i % 28) + 1).padStart(2, '0')}|codex|codex|/home/p${i}|gpt-5`,
    day: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
    source: 'codex',
    agent: 'codex',
    project: `/home/p${i}`,
    model: 'gpt-5',
    events: i + 1,
    input: i * 3,
    cacheRead: i * 100,
    cacheWrite: 0,
    output: i,
    reasoning: i,
    billedMicroUsd: 0,
    apiMicroUsd: i * 10,
    estimateMicroUsd: 0,
    unpricedEvents: 0,
  }));
  const importFiles = Array.from({ length: 2_000 }, (_, i) => ({
    id: `projects|p${i}/s${i}.jsonl`,
    size: 1_000 + i,
    lastModified: Date.UTC(2026, 9, 1) + i,
    events: i,
    importedAt: Date.UTC(2026, 9, 2),
  }));
  return { ...rows, events: [...rows.events, ...imported], importDays, importFiles };
}

/** Version 3's upgrade: the month rollup, folded from the day rollups it finds. */
const withMonths = (rows: Tables): Tables => ({
  ...rows,
  spendMonths: monthsFromDays(
    (rows.dayTotals ?? []) as DayTotal[],
    (rows.importDays ?? []) as ImportDayRow[],
  ),
});

/** Version 4: every day's export block, all built (no state row). */
function withBlocks(rows: Tables): Tables {
  const events = [...(rows.events as StoredEvent[])].sort(
    (a, b) => a.time - b.time || a.id! - b.id!,
  );
  const byDay = new Map<number, StoredEvent[]>();
  for (const e of events) {
    const day = dayOf(e.time);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day)!.push(e);
  }
  return { ...rows, exportBlocks: [...byDay].map(([day, list]) => encodeBlock(day, list)) };
}

/** Version 4's upgrade builds no block: every day is read from the events until built. */
const withBlocksUnbuilt = (rows: Tables): Tables => ({
  ...rows,
  meta: [
    ...(rows.meta ?? []),
    { key: 'exportBlocks', value: { rowsFrom: 0, stale: [], large: [] } },
  ],
});

const WRITERS: Record<number, () => Tables> = {
  1: v1Rows,
  2: v2Rows,
  3: () => withMonths(v2Rows()),
  4: () => withBlocks(withMonths(v2Rows())),
  5: () => withEventBlocks(withBlocks(withMonths(v2Rows()))),
};
/** Row transforms of each version's upgrade function (v2 changes no rows). */
const UPGRADES: Record<number, (rows: Tables) => Tables> = {
  3: withMonths,
  4: withBlocksUnbuilt,
  5: withEventBlocks,
};

/** A digest of a table independent of row order (rows keyed by their JSON). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}[${String(value)}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

function digest(rows: unknown[]): string {
  const lines = rows.map(canonical).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

describe('migrations at scale', () => {
  it('every schema version has a writer at scale, and an upgrade transform where it upgrades', () => {
    expect(Object.keys(WRITERS).map(Number)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
    for (const v of SCHEMA_VERSIONS)
      if (v.upgrade) expect(UPGRADES[v.version], `UPGRADES[${v.version}]`).toBeDefined();
  });

  it.each(SCHEMA_VERSIONS.map((v, i) => [v.version, i] as const))(
    `a database of version %i with ${SCALE_EVENTS} events opens with every row intact`,
    async (version, index) => {
      const name = `scale-${version}-${Math.random().toString(36).slice(2)}`;
      const old = new HistoryDB(name, undefined, SCHEMA_VERSIONS.slice(0, index + 1));
      // Written as the database holds them, without the middleware marking days stale.
      old.unuse({ stack: 'dbcore', name: blocksMiddleware.name! });
      let rows = WRITERS[version]();
      await old.transaction('rw', old.tables, async () => {
        for (const [table, data] of Object.entries(rows)) await old.table(table).bulkAdd(data);
      });
      old.close();

      const current = new HistoryDB(name);
      await current.open();
      expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      for (const later of SCHEMA_VERSIONS.slice(index + 1))
        rows = UPGRADES[later.version]?.(rows) ?? rows;
      for (const [table, expected] of Object.entries(rows)) {
        const actual = withoutBlockIds(table, await current.table(table).toArray());
        expect(actual.length, `${table} rows`).toBe(expected.length);
        expect(digest(actual), `${table} content`).toBe(digest(withoutBlockIds(table, expected)));
      }
      // The unique index still answers after the upgrade.
      const probe = rows.events[12_345] as { key: string; id: number };
      expect((await current.table('events').where('key').equals(probe.key).first())?.id).toBe(
        probe.id,
      );
      current.close();
      await Dexie.delete(name);
    },
    180_000,
  );
});
