import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileImport, ImportTally, type ImportEvent } from '@/utils/core/imports';
import { getBundledCard } from '@/utils/core/ratecard';
import { importedToStored } from '@/utils/background/history/imported';
import { HistoryDB } from '@/utils/db/schema';
import { countEvents } from '@/utils/db/event-store';
import { readAllEvents } from '@/utils/db/export';
import { eventTokens, storeImported } from '@/utils/db/imports';
import { rebuildDerived } from '@/utils/db/maintenance';
import { loadImportBreakdown } from '@/utils/db/import-breakdown';
import type { StoredEvent } from '@/utils/db/types';
import { buildExportJson, csvHeader, csvRows, exportFileSchema } from '@/utils/db/transfer';

const ROOT = join(__dirname, '../../core/imports/__tests__/fixtures');
const TZ = 'Europe/Berlin';
const card = getBundledCard();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('README.md') ? [] : [path];
  });
}
const FILES = walk(ROOT).sort();

/** Each file's events as the extension's importer hands them over, file by file. */
function parse(files: string[]): ImportEvent[][] {
  return files.map((path) => {
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

function cliTally(files: string[]) {
  const tally = new ImportTally();
  for (const events of parse(files)) for (const e of events) tally.add(e);
  return tally.summary();
}

let opened: HistoryDB[] = [];
function freshDb(): HistoryDB {
  const db = new HistoryDB(`imports-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

async function storeAll(db: HistoryDB, files: string[], batch = 7) {
  let duplicates = 0;
  for (const events of parse(files)) {
    const rows = events.map((e) => importedToStored(e, card));
    for (let i = 0; i < rows.length; i += batch) {
      const r = await storeImported(db, rows.slice(i, i + batch), { timeZone: TZ });
      duplicates += r.duplicates;
    }
  }
  return duplicates;
}

async function totals(db: HistoryDB) {
  const events = await readAllEvents(db);
  const days = await db.importDays.toArray();
  const dayTotals = await db.dayTotals.toArray();
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const billed = events.filter((e) => e.imported?.costKind === 'billed');
  return {
    events: events.length,
    input: sum(events.map((e) => e.input.tokens)),
    cacheRead: sum(events.map((e) => e.imported!.cacheRead)),
    cacheWrite: sum(events.map((e) => e.imported!.cacheWrite5m + e.imported!.cacheWrite1h)),
    output: sum(events.map((e) => e.output.tokens)),
    reasoning: sum(events.map((e) => e.reasoning.tokens)),
    billedMicro: sum(billed.map((e) => e.costMicroUsd!)),
    cost: sum(events.map((e) => e.costMicroUsd ?? 0)),
    days: {
      events: sum(days.map((d) => d.events)),
      input: sum(days.map((d) => d.input)),
      cacheRead: sum(days.map((d) => d.cacheRead)),
      cost: sum(days.map((d) => d.billedMicroUsd + d.apiMicroUsd + d.estimateMicroUsd)),
    },
    rollup: {
      events: sum(dayTotals.map((d) => d.events)),
      cost: sum(dayTotals.map((d) => d.costMicroUsd)),
      input: sum(dayTotals.map((d) => d.input)),
    },
  };
}

describe('storing imported usage', () => {
  it('holds what the import CLI prints, with the rollups agreeing, twice and shuffled', async () => {
    const cli = cliTally(FILES);
    const db = freshDb();
    await storeAll(db, FILES);
    const once = await totals(db);
    expect(once.events).toBe(cli.events);
    expect({
      input: once.input,
      cacheRead: once.cacheRead,
      cacheWrite: once.cacheWrite,
      output: once.output,
      reasoning: once.reasoning,
    }).toEqual(cli.tokens);
    expect(once.billedMicro / 1e6).toBeCloseTo(cli.billedUsd, 9);
    expect(once.days).toEqual({
      events: once.events,
      input: once.input,
      cacheRead: once.cacheRead,
      cost: once.cost,
    });
    expect(once.rollup).toEqual({ events: once.events, cost: once.cost, input: once.input });

    const again = freshDb();
    const shuffled = [...FILES, ...FILES].sort((a, b) => ((a.length * 7919 + b.length) % 13) - 6);
    await storeAll(again, [...shuffled].reverse(), 3);
    expect(await totals(again)).toEqual(once);
    await storeAll(again, FILES, 50);
    expect(await totals(again)).toEqual(once);
  });

  it('prices honestly: billed kept, API-equivalent at the event date, unknown models unpriced', async () => {
    const db = freshDb();
    await storeAll(db, FILES);
    const events = await readAllEvents(db);
    const kinds = (s: string) =>
      new Set(events.filter((e) => e.site === s).map((e) => e.imported!.costKind));
    expect(kinds('openclaw')).toEqual(new Set(['billed']));
    expect(kinds('claude-code')).toEqual(new Set(['api']));
    const kimi = events.filter((e) => e.site === 'kimi-cli');
    // The legacy wire log names no model: unpriced, never $0.
    expect(kimi.every((e) => e.imported!.costKind === 'unpriced' && e.costMicroUsd === null)).toBe(
      true,
    );
    const api = events.find((e) => e.imported!.costKind === 'api')!;
    expect(api.costMicroUsd).toBeGreaterThan(0);
    expect(api.rateCardVersion).toBe(card.version);
  });

  it('a copy with more tokens replaces the stored one, in the events and every rollup', async () => {
    const db = freshDb();
    const base: ImportEvent = {
      key: 'claude-code|msg_x|req_x',
      source: 'claude-code',
      agent: 'claude-code',
      project: '/p',
      session: 's1',
      model: 'claude-sonnet-4-20250514',
      time: Date.UTC(2025, 6, 14, 12),
      tokens: {
        input: 5,
        cacheRead: 1000,
        cacheWrite5m: 10,
        cacheWrite1h: 0,
        output: 1,
        reasoning: 0,
      },
      requests: 1,
      cost: null,
    };
    const partial = importedToStored(base, card);
    const full = importedToStored({ ...base, tokens: { ...base.tokens, output: 400 } }, card);
    expect(await storeImported(db, [partial], { timeZone: TZ })).toMatchObject({ added: 1 });
    expect(await storeImported(db, [full], { timeZone: TZ })).toEqual({
      added: 0,
      replaced: 1,
      duplicates: 1,
    });
    expect(await storeImported(db, [partial], { timeZone: TZ })).toEqual({
      added: 0,
      replaced: 0,
      duplicates: 1,
    });
    const rows = await readAllEvents(db);
    expect(rows).toHaveLength(1);
    expect(eventTokens(rows[0])).toBe(eventTokens(full));
    const before = {
      totals: await db.dayTotals.toArray(),
      days: await db.importDays.toArray(),
      convs: await db.conversations.toArray(),
    };
    await rebuildDerived(db, TZ);
    expect(await db.dayTotals.toArray()).toEqual(before.totals);
    expect(await db.importDays.toArray()).toEqual(before.days);
    expect(
      (await db.conversations.toArray()).map(({ firstSeen: _f, lastSeen: _l, ...r }) => r),
    ).toEqual(before.convs.map(({ firstSeen: _f, lastSeen: _l, ...r }) => r));
  });

  it('a batch that fails midway leaves nothing of itself; redone, it counts once', async () => {
    const db = freshDb();
    const rows: StoredEvent[] = parse(FILES.filter((f) => f.includes('codex')))
      .flat()
      .map((e) => importedToStored(e, card));
    const original = db.importDays.bulkPut.bind(db.importDays);
    let fail = true;
    db.importDays.bulkPut = ((...args: Parameters<typeof original>) => {
      if (fail) throw new Error('worker stopped');
      return original(...args);
    }) as typeof original;
    await expect(
      storeImported(db, rows, {
        timeZone: TZ,
        files: [{ id: 'files|x', size: 1, lastModified: 1, events: 4, importedAt: 1 }],
      }),
    ).rejects.toThrow('worker stopped');
    expect(await countEvents(db)).toBe(0);
    expect(await db.dayTotals.count()).toBe(0);
    expect(await db.importFiles.count()).toBe(0);
    fail = false;
    await storeImported(db, rows, { timeZone: TZ });
    await storeImported(db, rows, { timeZone: TZ });
    expect(await countEvents(db)).toBe(new Set(rows.map((r) => r.key)).size);
  });

  it('the export carries imported events whole (JSON) and their source and classes (CSV)', async () => {
    const db = freshDb();
    await storeAll(db, FILES);
    const events = await readAllEvents(db);
    expect(events.length).toBeGreaterThan(0);
    const file = exportFileSchema.parse(
      JSON.parse(buildExportJson(events, [], Date.UTC(2026, 0, 1))),
    );
    expect(file.events.map((e) => e.imported)).toEqual(events.map((e) => e.imported));
    const csv = (csvHeader() + csvRows(events)).trim().split('\n');
    expect(csv[0]).toMatch(/,source,agent,project,cache_read_tokens,cache_write_tokens,cost_kind$/);
    expect(csv.slice(1).every((line) => /,(billed|api|estimate|unpriced)$/.test(line))).toBe(true);
  });

  it('splits by source, agent, project and model from the rollup, each split summing to the whole', async () => {
    const db = freshDb();
    await storeAll(db, FILES);
    const all = await totals(db);
    const split = await loadImportBreakdown(db, '2000-01-01');
    for (const by of ['source', 'agent', 'project', 'model'] as const) {
      const rows = split[by];
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
      expect(
        sum((r) => r.events),
        by,
      ).toBe(all.events);
      expect(
        sum((r) => r.cacheRead),
        by,
      ).toBe(all.cacheRead);
      expect(
        sum((r) => r.billedMicroUsd + r.apiMicroUsd + r.estimateMicroUsd),
        by,
      ).toBe(all.cost);
    }
    expect(split.source.find((r) => r.key === 'kimi-cli')).toMatchObject({ unpricedEvents: 2 });
  });
});
