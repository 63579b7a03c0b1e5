import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDB } from '@/utils/db/schema';
import { recordEvents } from '@/utils/db/write';
import { exportCsv, exportJson, readAllEvents, writeExport } from '@/utils/db/export';
import {
  buildExportJson,
  csvHeader,
  isoTimes,
  MAX_IMPORT_BYTES,
  microToUsd,
  parseImport,
} from '@/utils/db/transfer';
import type { StoredEvent } from '@/utils/db/types';
import { setLocale } from '@/utils/i18n';
import { generateEvents, rng } from './generate';

const TZ = 'Asia/Shanghai';
const END = Date.UTC(2026, 3, 1);
let opened: HistoryDB[] = [];
function freshDb(): HistoryDB {
  const db = new HistoryDB(`transfer-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

const withoutIds = <T extends { id?: number }>(rows: T[]) => rows.map(({ id: _id, ...r }) => r);

describe('export and import', () => {
  it('round-trips losslessly, text and titles included; a second import adds nothing', async () => {
    const source = freshDb();
    const events = generateEvents(1_200, { end: END, days: 20, seed: 9 });
    events[3].text = {
      prompt: '你好 "quoted", comma\nnew line',
      reply: '__proto__ is just text here',
    };
    events[4].flags = 3;
    // Same model and card, another price set (a custom price): must not merge with the others.
    events[5].prices = {
      ...events[6].prices!,
      offer: 'override',
      perMillion: { input: 9, output: 9 },
    };
    events[7].prices = { ...events[6].prices!, perMillion: { input: 1.25, output: 11 } };
    await recordEvents(source, events, {
      timeZone: TZ,
      titles: new Map([[events[3].conversation, 'A titled chat']]),
    });
    const json = await exportJson(source, END);
    const parsed = parseImport(json);
    if (!parsed.ok) throw new Error(parsed.error);
    const target = freshDb();
    const first = await recordEvents(target, parsed.data.events, {
      timeZone: TZ,
      titles: new Map(parsed.data.titles),
    });
    expect(first.added).toHaveLength(1_200);
    expect(withoutIds(await readAllEvents(target))).toEqual(
      withoutIds(await readAllEvents(source)),
    );
    expect(await target.conversations.toArray()).toEqual(await source.conversations.toArray());
    expect(await target.dayTotals.toArray()).toEqual(await source.dayTotals.toArray());
    const again = await recordEvents(target, parsed.data.events, { timeZone: TZ });
    expect(again.added).toHaveLength(0);
    expect(again.duplicates).toBe(1_200);
    expect(await target.events.count()).toBe(1_200);
    // The export of the import is the same file.
    expect(await exportJson(target, END)).toBe(json);
  });

  it('exports CSV with exact decimal costs, blanks for unpriced, escaped cells', async () => {
    const db = freshDb();
    const events = generateEvents(10, { end: END, days: 1, seed: 2 });
    events[0].modelLabel = '=HYPERLINK("x")';
    events[1].costMicroUsd = null;
    events[1].model = null;
    events[2].costMicroUsd = 1_234_567;
    await recordEvents(db, events, { timeZone: TZ });
    const csv = await exportCsv(db);
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0].split(',')).toContain('cost_usd');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(',1.234567,');
    expect(microToUsd(null)).toBe('');
    expect(microToUsd(5)).toBe('0.000005');
  });

  const valid = () =>
    JSON.parse(buildExportJson(generateEvents(3, { end: END, days: 1 }), [], END));

  it.each([
    ['truncated JSON', () => JSON.stringify(valid()).slice(0, 200), /not valid JSON/],
    ['not JSON', () => 'hello', /not valid JSON/],
    ['another format', () => JSON.stringify({ format: 'x' }), /not a Token Meter history export/],
    [
      'a wrong type',
      () => {
        const f = valid();
        f.events[1].time = '2026-01-01';
        return JSON.stringify(f);
      },
      /events\[1\]\.time/,
    ],
    [
      'a negative cost',
      () => {
        const f = valid();
        f.events[0].costMicroUsd = -5;
        return JSON.stringify(f);
      },
      /events\[0\]\.costMicroUsd/,
    ],
    [
      'an unknown provenance',
      () => {
        const f = valid();
        f.events[2].input.provenance = 'guess';
        return JSON.stringify(f);
      },
      /events\[2\]\.input\.provenance/,
    ],
    [
      'an extra key',
      () => {
        const f = valid();
        f.events[0].evil = 1;
        return JSON.stringify(f);
      },
      /events\[0\].*evil/,
    ],
    [
      'a __proto__ key',
      () => JSON.stringify(valid()).replace('"site":', '"__proto__":{"polluted":true},"site":'),
      /"__proto__" key/,
    ],
    [
      'a constructor key at the top',
      () => JSON.stringify(valid()).replace('{', '{"constructor":{"prototype":{}},'),
      /"(constructor|prototype)" key/,
    ],
    [
      'a price reference out of range',
      () => {
        const f = valid();
        f.events[0].prices = 7;
        return JSON.stringify(f);
      },
      /events\[0\]\.prices: refers to price set 7/,
    ],
    [
      'a site id that is not an id',
      () => {
        const f = valid();
        f.events[0].site = '<img src=x>';
        return JSON.stringify(f);
      },
      /events\[0\]\.site/,
    ],
  ])('refuses %s with a clear message', (_label, make, message) => {
    const result = parseImport(make());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(message);
      expect(result.error).toMatch(/Nothing was imported/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a 100 MB file before parsing it', () => {
    const result = parseImport('{}', 100 * 1024 * 1024);
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/100 MB; the largest import is 64 MB/),
    });
    expect(MAX_IMPORT_BYTES).toBeLessThan(100 * 1024 * 1024);
  });

  it('says what is wrong in the UI language (Chinese), the detail kept', () => {
    setLocale('zh-CN');
    try {
      const notExport = parseImport('{"format":"other"}');
      expect(notExport).toEqual({ ok: false, error: expect.stringMatching(/^这不是 Token Meter/) });
      const tooLarge = parseImport('{}', 100 * 1024 * 1024);
      expect(tooLarge).toEqual({
        ok: false,
        error: expect.stringMatching(/100 MB，最大可导入 64 MB/),
      });
      const f = valid();
      (f.events[0] as Record<string, unknown>).site = 7;
      (f.events[0] as Record<string, unknown>).turnIndex = 'x';
      const bad = parseImport(JSON.stringify(f));
      expect(bad).toEqual({
        ok: false,
        error: expect.stringMatching(
          /^文件与导出格式不符：events\[0\]\.\w+: .*（另有 1 处问题）。未导入任何内容。$/,
        ),
      });
    } finally {
      setLocale('en');
    }
  });

  it('counts the further problems in English, singular and plural', () => {
    const f = valid();
    (f.events[0] as Record<string, unknown>).site = 7;
    (f.events[0] as Record<string, unknown>).turnIndex = 'x';
    const result = parseImport(JSON.stringify(f));
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/\(and 1 more problem\)\. Nothing was imported\.$/),
    });
  });

  it('accepts a valid file', () => {
    const result = parseImport(JSON.stringify(valid()));
    expect(result.ok).toBe(true);
  });
});

describe('streamed export', () => {
  const csvOf = (events: StoredEvent[]) =>
    csvHeader() +
    csvRowsOld([...events].sort((a, b) => a.time - b.time || (a.id ?? 0) - (b.id ?? 0)));
  /** The row-by-row CSV the export used to build in memory: the reference for the streamed one. */
  function csvRowsOld(events: StoredEvent[]): string {
    return events
      .map(
        (e) =>
          [
            new Date(e.time).toISOString(),
            e.site,
            e.conversationId,
            e.turnIndex,
            e.modelLabel ?? '',
            e.model ?? '',
            e.input.tokens,
            e.input.provenance,
            e.input.family,
            e.output.tokens,
            e.output.provenance,
            e.output.family,
            e.reasoning.tokens,
            e.reasoning.provenance,
            microToUsd(e.costMicroUsd),
            e.rateCardVersion ?? '',
            e.flags,
            e.key,
            ',,,,,',
          ].join(',') + '\n',
      )
      .join('');
  }

  async function seeded(count: number, sameTimes: number) {
    const db = freshDb();
    const events = generateEvents(count, { end: END, days: 3, seed: 5 });
    // A run of equal times longer than a page, and another across a page boundary.
    const tie = (from: number, n: number) => {
      for (let i = from; i < Math.min(count, from + n); i++) events[i].time = events[from].time;
    };
    tie(10, sameTimes);
    tie(250, 10);
    await recordEvents(db, events, { timeZone: TZ });
    return { db, stored: await readAllEvents(db) };
  }

  it.each([7, 50, 5_000])(
    'CSV pages of %i rows: every row once, in time order, the same text as row by row',
    async (pageSize) => {
      const { db, stored } = await seeded(600, 120);
      const chunks: string[] = [];
      const stats = await writeExport(
        db,
        'csv',
        { write: (c) => void chunks.push(c) },
        { pageSize },
      );
      expect(stats.count).toBe(600);
      const text = chunks.join('');
      expect(text).toBe(csvOf(stored));
      expect(stats.chars).toBe(text.length);
      if (pageSize === 7) expect(chunks.length).toBeGreaterThan(600 / 130);
    },
  );

  it.each([3, 40, 5_000])(
    'uneven spacing (a burst in one ms, gaps of a year, holes in the ids), pages of %i: the same CSV and JSON as row by row',
    async (pageSize) => {
      const db = freshDb();
      const events = generateEvents(500, { end: END, days: 3, seed: 9 });
      for (let i = 100; i < 250; i++) events[i].time = events[100].time;
      events[0].time = END - 400 * 86_400_000;
      for (let i = 490; i < 500; i++) events[i].time = END + 365 * 86_400_000 + i;
      // Written out of time order, as an import of past logs is: ids and times disagree.
      const random = rng(11);
      const shuffled = events
        .map((e) => ({ e, r: random() }))
        .sort((a, b) => a.r - b.r)
        .map(({ e }) => e);
      await recordEvents(db, shuffled, { timeZone: TZ });
      const ids = await db.events.toCollection().primaryKeys();
      await db.events.bulkDelete(ids.filter((_, i) => i > 200 && i < 400 && i % 3 === 0));
      const stored = await readAllEvents(db);
      expect(stored).toHaveLength(433);

      const csv: string[] = [];
      const stats = await writeExport(db, 'csv', { write: (c) => void csv.push(c) }, { pageSize });
      expect(stats.count).toBe(stored.length);
      expect(csv.join('')).toBe(csvOf(stored));
      const json: string[] = [];
      await writeExport(db, 'json', { write: (c) => void json.push(c) }, { now: END, pageSize });
      expect(json.join('')).toBe(buildExportJson(stored, [], END));
    },
  );

  it('JSON pages of any size give the same file, which imports back', async () => {
    const { db } = await seeded(300, 30);
    const whole = await exportJson(db, END);
    for (const pageSize of [1, 13, 299, 300, 301]) {
      const chunks: string[] = [];
      await writeExport(db, 'json', { write: (c) => void chunks.push(c) }, { now: END, pageSize });
      expect(chunks.join('')).toBe(whole);
    }
    const parsed = parseImport(whole);
    expect(parsed.ok && parsed.data.events.length).toBe(300);
  });

  it('waits for an async sink, in order; an empty history is a header or an empty list', async () => {
    const { db } = await seeded(40, 2);
    const order: number[] = [];
    let n = 0;
    await writeExport(
      db,
      'csv',
      {
        write: async () => {
          const me = n++;
          await new Promise((r) => setTimeout(r, 1));
          order.push(me);
        },
      },
      { pageSize: 9 },
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const empty = freshDb();
    expect(await exportCsv(empty)).toBe(csvHeader());
    const json = parseImport(await exportJson(empty, END));
    expect(json.ok && json.data.events).toEqual([]);
  });

  it('writes ISO times as toISOString does, before 1970 and after 9999 too', () => {
    const iso = isoTimes();
    const random = rng(3);
    const times = [
      0, 1, 86_399_999, 86_400_000, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000, -1,
    ];
    for (let i = 0; i < 2_000; i++) times.push(Math.floor(random() * 4e12));
    times.sort((a, b) => a - b);
    for (const t of times) expect(iso(t)).toBe(new Date(t).toISOString());
  });
});
