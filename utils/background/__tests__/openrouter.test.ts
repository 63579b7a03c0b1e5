import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configureHistory, importUsage } from '@/utils/background/history';
import {
  configureOpenRouter,
  forgetOpenRouter,
  OPENROUTER_API,
  pullOpenRouter,
} from '@/utils/background/openrouter';
import { FileImport, type ImportEvent } from '@/utils/core/imports';
import { getBundledCard } from '@/utils/core/ratecard';
import { HistoryDB } from '@/utils/db/schema';
import { openRouterKey } from '@/utils/storage/settings/openrouter';
import { openRouterStatus } from '@/utils/storage/state/openrouter';
import { countEvents } from '@/utils/db/event-store';
import { readAllEvents } from '@/utils/db/export';

const HERE = join(__dirname, 'fixtures/openrouter');
const CREDITS = readFileSync(join(HERE, 'credits.json'), 'utf8');
const ACTIVITY = readFileSync(join(HERE, 'activity.json'), 'utf8');
const CSV_FIXTURE = join(
  __dirname,
  '../../core/imports/__tests__/fixtures/reports/openrouter-activity.csv',
);
// The fixture export (two generations on 2026-02-06, one refused row) plus one generation on a
// day the API rows do not cover (2026-02-07), made to the same 24 columns.
const CSV =
  readFileSync(CSV_FIXTURE, 'utf8').trimEnd() +
  '\ngen-1770480000-StUvWx,2026-02-07 16:00:00.000,0.002,0,0,0,0,3000,400,0,2500,openai/gpt-5-mini-2025-08-07,OpenAI,standard,false,true,,stop,stop,700,200,false,laptop,Cline\n';

const NOW = Date.UTC(2026, 1, 20, 12);
const KEY = 'sk-or-v1-0123456789abcdef';
let db: HistoryDB;
let calls: { url: string; init?: RequestInit }[];
let answer: (url: string) => Response | Promise<Response>;

const json = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } });
const ok = (url: string) =>
  url.endsWith('/credits')
    ? json(CREDITS)
    : url.endsWith('/activity')
      ? json(ACTIVITY)
      : json('{}', 404);

beforeEach(async () => {
  fakeBrowser.reset();
  db = new HistoryDB(`or-${Math.random().toString(36).slice(2)}`);
  configureHistory({ db: () => db, now: () => NOW, getCard: async () => getBundledCard() });
  calls = [];
  answer = ok;
  configureOpenRouter({
    now: () => NOW,
    fetch: async (input, init) => {
      const url = String(input);
      calls.push({ url, init });
      return answer(url);
    },
  });
});
afterEach(async () => {
  await db.delete();
});

function csvEvents(): ImportEvent[] {
  const out: ImportEvent[] = [];
  const f = new FileImport('activity.csv', { event: (e) => out.push(e), refusal: () => {} });
  f.push(new TextEncoder().encode(CSV));
  f.end();
  return out;
}

/** What the history holds, in a form two orders of import can be compared by. */
async function snapshot() {
  const events = (await readAllEvents(db))
    .map(({ id: _id, ...e }) => e)
    .sort((a, b) => a.key.localeCompare(b.key));
  const byId = <T extends { id: string }>(rows: T[]) =>
    [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return {
    events,
    importDays: byId(await db.importDays.toArray()),
    dayTotals: (await db.dayTotals.toArray()).sort((a, b) =>
      JSON.stringify(a).localeCompare(JSON.stringify(b)),
    ),
  };
}

describe('pullOpenRouter', () => {
  it('without a key sends nothing and says so', async () => {
    const s = await pullOpenRouter();
    expect(calls).toEqual([]);
    expect(s.creditsError?.code).toBe('noKey');
    expect(await countEvents(db)).toBe(0);
  });

  it('reads credits and stores the daily activity as billed OpenRouter usage, sent only to openrouter.ai', async () => {
    await openRouterKey.setValue(KEY);
    const s = await pullOpenRouter();
    expect(calls.map((c) => c.url).sort()).toEqual([
      `${OPENROUTER_API}/activity`,
      `${OPENROUTER_API}/credits`,
    ]);
    for (const c of calls) {
      expect(c.url.startsWith('https://openrouter.ai/')).toBe(true);
      expect(new Headers(c.init?.headers).get('authorization')).toBe(`Bearer ${KEY}`);
      expect(c.init?.credentials).toBe('omit');
    }
    expect(s.credits).toEqual({ totalMicroUsd: 100_500_000, usedMicroUsd: 25_750_000, at: NOW });
    expect(s.creditsError).toBeNull();
    expect(s.activityError).toBeNull();
    expect(s.activity).toMatchObject({ rows: 4, days: 3, added: 4, duplicates: 0, refused: 0 });
    expect(await openRouterStatus.getValue()).toEqual(s);

    const rows = await readAllEvents(db);
    expect(rows.map((r) => r.site)).toEqual([
      'openrouter',
      'openrouter',
      'openrouter',
      'openrouter',
    ]);
    expect(rows.every((r) => r.imported?.costKind === 'billed')).toBe(true);
    // usage + byok_usage_inference, in micro-USD: 0.015 + 0.012, 0.0421, 0.0123, 0.0009 + 0.0031.
    expect(rows.map((r) => r.costMicroUsd).sort((a, b) => a! - b!)).toEqual([
      4_000, 12_300, 27_000, 42_100,
    ]);
    // completion_tokens include reasoning_tokens: kept apart, never added twice.
    const documented = rows.find((r) => r.modelLabel === 'openai/gpt-4.1-2025-04-14')!;
    expect([
      documented.input.tokens,
      documented.output.tokens,
      documented.reasoning.tokens,
    ]).toEqual([50, 100, 25]);
    expect(documented.imported?.requests).toBe(5);
  });

  it('a re-pull of the same days adds nothing', async () => {
    await openRouterKey.setValue(KEY);
    await pullOpenRouter();
    const once = await snapshot();
    const again = await pullOpenRouter();
    expect(again.activity).toMatchObject({ added: 0, replaced: 0, duplicates: 4 });
    expect(await snapshot()).toEqual(once);
  });

  const failures: [string, (url: string) => Response | Promise<Response>, string][] = [
    ['401 (bad key)', () => json('{"error":{"code":401}}', 401), 'unauthorized'],
    ['403 (not a management key)', () => json('{"error":{"code":403}}', 403), 'forbidden'],
    ['429', () => json('{}', 429), 'rateLimited'],
    ['500', () => json('{}', 500), 'http'],
    [
      'network down',
      () => {
        throw new TypeError('Failed to fetch');
      },
      'network',
    ],
    ['malformed JSON', () => json('<html>bad gateway</html>'), 'malformed'],
    ['JSON of another shape', () => json('{"data":{"rows":[]}}'), 'malformed'],
    ['a truncated answer', () => json(ACTIVITY.slice(0, ACTIVITY.length / 2)), 'malformed'],
  ];
  it.each(failures)(
    '%s: a clear error, nothing stored, the key kept',
    async (_name, fails, code) => {
      await openRouterKey.setValue(KEY);
      answer = fails;
      const s = await pullOpenRouter();
      expect(s.activityError?.code).toBe(code);
      expect(s.creditsError?.code).toBe(code);
      expect(s.activity).toBeNull();
      expect(s.credits).toBeNull();
      expect(await countEvents(db)).toBe(0);
      expect(await db.dayTotals.count()).toBe(0);
      expect(await openRouterKey.getValue()).toBe(KEY);
    },
  );

  it('credits read but activity refused (403): credits shown, the activity error said', async () => {
    await openRouterKey.setValue(KEY);
    answer = (url) => (url.endsWith('/credits') ? json(CREDITS) : json('{}', 403));
    const s = await pullOpenRouter();
    expect(s.credits?.totalMicroUsd).toBe(100_500_000);
    expect(s.activityError).toEqual({ code: 'forbidden', status: 403, detail: null });
    expect(await countEvents(db)).toBe(0);
  });

  it('a failed re-pull keeps what the last good pull found', async () => {
    await openRouterKey.setValue(KEY);
    const good = await pullOpenRouter();
    answer = () => json('{}', 429);
    const s = await pullOpenRouter();
    expect(s.credits).toEqual(good.credits);
    expect(s.activity).toEqual(good.activity);
    expect(s.activityError?.code).toBe('rateLimited');
    expect(await countEvents(db)).toBe(4);
  });

  it('removing the key forgets it and the pull status; the stored usage stays', async () => {
    await openRouterKey.setValue(KEY);
    await pullOpenRouter();
    await forgetOpenRouter();
    expect(await openRouterKey.getValue()).toBeNull();
    expect((await openRouterStatus.getValue()).credits).toBeNull();
    expect(await countEvents(db)).toBe(4);
    calls = [];
    expect((await pullOpenRouter()).activityError?.code).toBe('noKey');
    expect(calls).toEqual([]);
  });
});

describe('the activity CSV and the API pull of the same days', () => {
  // The API's day rows win for the UTC days they cover (utils/db/imports.ts): the CSV's
  // generations of 2026-02-06 give way to the API's rows of that day; its 2026-02-07 generation
  // (a day the API rows do not cover) stays.
  const storeCsv = async (batch: number) => {
    const events = csvEvents();
    expect(events).toHaveLength(3);
    for (let i = 0; i < events.length; i += batch)
      await importUsage(events.slice(i, i + batch), undefined);
  };

  it('give the same history in either order, and count no day twice', async () => {
    await openRouterKey.setValue(KEY);
    await storeCsv(3);
    expect(await countEvents(db)).toBe(3);
    const pulled = await pullOpenRouter();
    expect(pulled.activity).toMatchObject({ added: 4, replaced: 2 });
    const csvFirst = await snapshot();

    await db.delete();
    db = new HistoryDB(`or-${Math.random().toString(36).slice(2)}`);
    await pullOpenRouter();
    await storeCsv(1); // one generation per batch: the day's rule holds across batches
    const apiFirst = await snapshot();
    expect(apiFirst).toEqual(csvFirst);

    const keys = apiFirst.events.map((e) => e.key);
    expect(keys.filter((k) => k.startsWith('import|openrouter|day|'))).toHaveLength(4);
    expect(keys.filter((k) => k.startsWith('import|openrouter|gen|'))).toEqual([
      'import|openrouter|gen|gen-1770480000-StUvWx',
    ]);
    // 2026-02-06 is counted once: the API's two rows, not the CSV's two generations as well.
    const feb6 = apiFirst.events.filter(
      (e) => new Date(e.time).toISOString().slice(0, 10) === '2026-02-06',
    );
    expect(feb6.map((e) => e.costMicroUsd).sort((a, b) => a! - b!)).toEqual([4_000, 12_300]);
    // The rollups hold exactly the stored events.
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(apiFirst.importDays.map((d) => d.events))).toBe(apiFirst.events.length);
    expect(sum(apiFirst.importDays.map((d) => d.billedMicroUsd))).toBe(
      sum(apiFirst.events.map((e) => e.costMicroUsd ?? 0)),
    );
    expect(sum(apiFirst.dayTotals.map((d) => d.events))).toBe(apiFirst.events.length);

    // Importing the CSV again, or pulling again, changes nothing.
    await storeCsv(2);
    await pullOpenRouter();
    expect(await snapshot()).toEqual(apiFirst);
  });
});
