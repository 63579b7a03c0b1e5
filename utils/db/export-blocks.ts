/**
 * Export blocks: the CSV export's columns of each UTC day's events in one row, derived from the
 * events (the unit of truth) and rebuilt from them. Chromium's IndexedDB pays per record and per
 * nested object, so 100,000 events read as ~300 columnar blocks of typed arrays are read about
 * ten times faster than as 100,000 rows.
 *
 * Consistency: `blocksMiddleware` sees every write to `events` (add, put, delete, clear) and, in
 * the same transaction, deletes the blocks of the days it touches and lists those days as stale
 * in the `meta` row `exportBlocks`. So at any time, for every day with events, either its block
 * holds exactly that day's events, or the day is listed (stale, or too large for a block), or it
 * is at or after `rowsFrom` (not yet built); the export reads the listed and unbuilt days from
 * the events themselves. The background rebuilds stale days later (`refreshExportBlocks`).
 */
import type { DBCore, DBCoreTable, DBCoreTransaction, Middleware, Transaction } from 'dexie';
import { countDay, dayEvents, dayOf, nextDayWithEvents, type EventBlockRow } from './event-store';
import type { HistoryDB } from './schema';
import type { CsvEvent } from './transfer';
import type { StoredEvent } from './types';

export { DAY_MS } from './event-store';
/** The meta row that says which days are not (yet) in blocks. */
export const BLOCKS_STATE_KEY = 'exportBlocks';
/** A day with more events than this is read from the events (its block would be one huge row). */
export const BLOCK_MAX_EVENTS = 50_000;

export interface BlocksState {
  /** Days (UTC day numbers, `floor(time / DAY_MS)`) from this one on have no blocks yet; null: none. */
  rowsFrom: number | null;
  /** Days written since their block was built (sorted). */
  stale: number[];
  /** Days with more than BLOCK_MAX_EVENTS events (sorted). */
  large: number[];
}

/** What a database without the meta row holds: nothing to read from rows. */
export const BLOCKS_COMPLETE: BlocksState = { rowsFrom: null, stale: [], large: [] };

/** The number columns of a block, one entry per event in (time, id) order. */
const NUMBERS = [
  'id',
  'time',
  'turnIndex',
  'flags',
  'inputTokens',
  'outputTokens',
  'reasoningTokens',
  /** NaN: unpriced. */
  'cost',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
] as const;

/** The text columns: an index into the block's `strings`, -1 for null (or not imported). */
const TEXTS = [
  'key',
  'site',
  'conversationId',
  'modelLabel',
  'model',
  'inputProvenance',
  'inputFamily',
  'outputProvenance',
  'outputFamily',
  'reasoningProvenance',
  'rateCardVersion',
  /** -1: a chat turn (not imported). */
  'source',
  'agent',
  'project',
  'costKind',
] as const;

export type ExportBlock = { day: number; count: number; strings: string[] } & Record<
  (typeof NUMBERS)[number],
  Float64Array
> &
  Record<(typeof TEXTS)[number], Int32Array>;

export { dayOf };

/** The block of one day's events, given in (time, id) order. */
export function encodeBlock(day: number, events: readonly StoredEvent[]): ExportBlock {
  const n = events.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string | null | undefined): number => {
    if (s === null || s === undefined) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const block = { day, count: n, strings } as ExportBlock;
  for (const k of NUMBERS) block[k] = new Float64Array(n);
  for (const k of TEXTS) block[k] = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const e = events[i];
    const imp = e.imported;
    block.id[i] = e.id!;
    block.time[i] = e.time;
    block.turnIndex[i] = e.turnIndex;
    block.flags[i] = e.flags;
    block.inputTokens[i] = e.input.tokens;
    block.outputTokens[i] = e.output.tokens;
    block.reasoningTokens[i] = e.reasoning.tokens;
    block.cost[i] = e.costMicroUsd ?? NaN;
    block.cacheRead[i] = imp?.cacheRead ?? 0;
    block.cacheWrite5m[i] = imp?.cacheWrite5m ?? 0;
    block.cacheWrite1h[i] = imp?.cacheWrite1h ?? 0;
    block.key[i] = ref(e.key);
    block.site[i] = ref(e.site);
    block.conversationId[i] = ref(e.conversationId);
    block.modelLabel[i] = ref(e.modelLabel);
    block.model[i] = ref(e.model);
    block.inputProvenance[i] = ref(e.input.provenance);
    block.inputFamily[i] = ref(e.input.family);
    block.outputProvenance[i] = ref(e.output.provenance);
    block.outputFamily[i] = ref(e.output.family);
    block.reasoningProvenance[i] = ref(e.reasoning.provenance);
    block.rateCardVersion[i] = ref(e.rateCardVersion);
    block.source[i] = ref(imp?.source);
    block.agent[i] = ref(imp?.agent);
    block.project[i] = ref(imp?.project);
    block.costKind[i] = ref(imp?.costKind);
  }
  return block;
}

/** A block's events with the fields the CSV export writes, in (time, id) order. */
export function decodeBlock(b: ExportBlock): CsvEvent[] {
  const s = b.strings;
  const text = (i: number) => (i < 0 ? null : s[i]);
  const out: CsvEvent[] = new Array<CsvEvent>(b.count);
  for (let i = 0; i < b.count; i++) {
    const cost = b.cost[i];
    const source = b.source[i];
    out[i] = {
      time: b.time[i],
      site: s[b.site[i]],
      conversationId: s[b.conversationId[i]],
      turnIndex: b.turnIndex[i],
      modelLabel: text(b.modelLabel[i]),
      model: text(b.model[i]),
      input: {
        tokens: b.inputTokens[i],
        provenance: s[b.inputProvenance[i]] as CsvEvent['input']['provenance'],
        family: s[b.inputFamily[i]],
      },
      output: {
        tokens: b.outputTokens[i],
        provenance: s[b.outputProvenance[i]] as CsvEvent['output']['provenance'],
        family: s[b.outputFamily[i]],
      },
      reasoning: {
        tokens: b.reasoningTokens[i],
        provenance: s[b.reasoningProvenance[i]] as CsvEvent['reasoning']['provenance'],
      },
      costMicroUsd: Number.isNaN(cost) ? null : cost,
      rateCardVersion: text(b.rateCardVersion[i]),
      flags: b.flags[i],
      key: s[b.key[i]],
      imported:
        source < 0
          ? undefined
          : {
              source: s[source] as NonNullable<CsvEvent['imported']>['source'],
              agent: s[b.agent[i]],
              project: text(b.project[i]),
              cacheRead: b.cacheRead[i],
              cacheWrite5m: b.cacheWrite5m[i],
              cacheWrite1h: b.cacheWrite1h[i],
              costKind: s[b.costKind[i]] as NonNullable<CsvEvent['imported']>['costKind'],
            },
    };
  }
  return out;
}

const sortedUnion = (a: readonly number[], b: Iterable<number>) =>
  [...new Set([...a, ...b])].sort((x, y) => x - y);

function markDays(state: BlocksState, days: ReadonlySet<number>): BlocksState {
  const listed = [...days].filter((d) => state.rowsFrom === null || d < state.rowsFrom);
  if (listed.length === 0) return state;
  return {
    rowsFrom: state.rowsFrom,
    stale: sortedUnion(state.stale, listed),
    large: state.large.filter((d) => !days.has(d)),
  };
}

/** The IDBTransaction under Dexie's DBCore transaction (its IndexedDB implementation). */
function storesOf(trans: DBCoreTransaction): DOMStringList | undefined {
  return (trans as unknown as Partial<IDBTransaction>).objectStoreNames;
}

/** Mark `days` stale (or, with `cleared`, everything gone) inside `trans`. */
async function markStale(
  down: DBCore,
  trans: DBCoreTransaction,
  days: ReadonlySet<number>,
  cleared: boolean,
): Promise<void> {
  if (!cleared && days.size === 0) return;
  const meta = down.table('meta');
  const blocks = down.table('exportBlocks');
  if (cleared) {
    await blocks.mutate({ type: 'deleteRange', trans, range: ANY });
    await meta.mutate({ type: 'delete', trans, keys: [BLOCKS_STATE_KEY] });
  }
  if (days.size === 0) return;
  const row = (await meta.get({ trans, key: BLOCKS_STATE_KEY })) as
    { value: BlocksState } | undefined;
  const state = row?.value ?? BLOCKS_COMPLETE;
  const next = markDays(state, days);
  if (next === state) return;
  await blocks.mutate({ type: 'delete', trans, keys: [...days] });
  await meta.mutate({ type: 'put', trans, values: [{ key: BLOCKS_STATE_KEY, value: next }] });
}

/** Dexie's range of any key (DBCoreRangeType.Any). */
const ANY = { type: 3, lower: -Infinity, upper: [[]], lowerOpen: false, upperOpen: false };

async function daysOfRows(
  table: DBCoreTable,
  trans: DBCoreTransaction,
  keys: unknown[],
  dayOfRow: (row: unknown) => number,
) {
  const rows = (await table.getMany({ trans, keys })) as unknown[];
  return rows.flatMap((r) => (r ? [dayOfRow(r)] : []));
}

/**
 * Dexie middleware: every mutation of `events` marks the days it touches stale in the same
 * transaction (the old rows' days for puts and deletes, the new rows' days for adds and puts).
 * Its read-write transactions over `events` also include `exportBlocks` and `meta`.
 */
export const blocksMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'exportBlocks',
  create(down) {
    return {
      ...down,
      // A read-write transaction over events also locks what the middleware writes, whatever
      // tables its caller named (Dexie asks the core for the IndexedDB transaction).
      transaction(stores, mode, options) {
        const scope =
          mode === 'readwrite' && (stores.includes('events') || stores.includes('eventBlocks'))
            ? [...new Set([...stores, 'exportBlocks', 'meta'])]
            : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'events' && name !== 'eventBlocks') return table;
        // A block carries its UTC day; an event row its time.
        const dayOfRow = (r: unknown): number =>
          name === 'events' ? dayOf((r as StoredEvent).time) : (r as EventBlockRow).day;
        return {
          ...table,
          async mutate(req) {
            const stores = storesOf(req.trans);
            if (stores && !(stores.contains('exportBlocks') && stores.contains('meta')))
              throw new Error('events written in a transaction without the export blocks');
            const days = new Set<number>();
            let cleared = false;
            if (req.type === 'add' || req.type === 'put') {
              for (const v of req.values ?? []) days.add(dayOfRow(v));
              // A block is rewritten in place, never moved to another day: its new day is its old.
              if (req.type === 'put' && name === 'events') {
                const keys = req.updates?.keys ?? req.keys ?? req.values.map((v) => v?.id);
                const known = keys.filter((k) => k !== undefined && k !== null);
                for (const d of await daysOfRows(table, req.trans, known, dayOfRow)) days.add(d);
                // A modify: a changed row's new time is its old one unless the spec sets it.
                const specs = [...(req.updates?.changeSpecs ?? []), req.changeSpec];
                for (const spec of specs)
                  if (typeof spec?.time === 'number') days.add(dayOf(spec.time));
              }
            } else if (req.type === 'delete') {
              for (const d of await daysOfRows(table, req.trans, req.keys, dayOfRow)) days.add(d);
            } else {
              const r = req.range;
              // Table.clear(): Dexie's range of any key.
              if (r.type === ANY.type) cleared = true;
              else {
                const { result } = await table.query({
                  trans: req.trans,
                  values: true,
                  query: { index: table.schema.primaryKey, range: r },
                });
                for (const row of result as unknown[]) days.add(dayOfRow(row));
              }
            }
            const res = await table.mutate(req);
            await markStale(down, req.trans, days, cleared);
            return res;
          },
        };
      },
    };
  },
};

/** The blocks' state, read in the current transaction (or its own). */
export async function blocksState(db: HistoryDB): Promise<BlocksState> {
  const row = await db.meta.get(BLOCKS_STATE_KEY);
  return (row?.value as BlocksState | undefined) ?? BLOCKS_COMPLETE;
}

/**
 * Holds a rebuild between steps, and may stop the step in progress (the background does while an
 * extension page starts: that page's reads and first paint come first).
 */
export interface RebuildGate {
  /** Settles when the next step may start. */
  ready(): Promise<void>;
  /** Handed the running step's stop when it starts, null when it ended. */
  running(stop: (() => void) | null): void;
}

/** Events read per step of a rebuild (each step is one short transaction). */
const REBUILD_CHUNK = 20_000;

/** A transaction's abort, harmless once it has ended. */
const stopper = (tx: Transaction) => () => {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted: nothing to stop.
  }
};

/**
 * One step of bringing the blocks up to date: builds the blocks of some stale days, or of the
 * next days not yet built, in one read-write transaction. Returns false when nothing was left.
 * A day's events are its chat rows and its imported events (event-store.ts), in (time, id) order.
 * `started` is handed the step's abort (the transaction rolled back: nothing of it is kept).
 */
export async function refreshExportBlocksStep(
  db: HistoryDB,
  limits = { maxEvents: BLOCK_MAX_EVENTS, chunk: REBUILD_CHUNK },
  started?: (abort: () => void) => void,
): Promise<boolean> {
  const { maxEvents, chunk } = limits;
  const scope = [db.events, db.eventBlocks, db.exportBlocks, db.meta];
  return db.transaction('rw', scope, async (tx) => {
    started?.(stopper(tx));
    const state = await blocksState(db);
    const large = new Set(state.large);
    /** Build one day's block (or list it as large); returns its event count. */
    const build = async (day: number) => {
      const n = await countDay(db, day);
      if (n > maxEvents) {
        large.add(day);
        await db.exportBlocks.delete(day);
      } else {
        const rows = await dayEvents(db, day);
        if (rows.length) await db.exportBlocks.put(encodeBlock(day, rows));
        else await db.exportBlocks.delete(day);
      }
      return n;
    };
    const save = (rowsFrom: number | null, stale: number[]) =>
      db.meta.put({
        key: BLOCKS_STATE_KEY,
        value: { rowsFrom, stale, large: [...large].sort((a, b) => a - b) } satisfies BlocksState,
      });
    if (state.stale.length) {
      let budget = chunk;
      let done = 0;
      for (const day of state.stale) {
        if (budget <= 0) break;
        budget -= Math.max(await build(day), 1);
        done++;
      }
      await save(state.rowsFrom, state.stale.slice(done));
      return true;
    }
    if (state.rowsFrom === null) return false;
    // The days not yet built, whole days in order, until `chunk` events were read.
    let rowsFrom: number | null = state.rowsFrom;
    let budget = chunk;
    while (budget > 0) {
      const day = await nextDayWithEvents(db, rowsFrom);
      if (day === null) {
        rowsFrom = null;
        break;
      }
      budget -= Math.max(await build(day), 1);
      rowsFrom = day + 1;
    }
    await save(rowsFrom, state.stale);
    return true;
  });
}

/**
 * Build every stale or unbuilt block (background only), a step of at most `chunk` events per
 * transaction (a whole day when one day holds more), with `pauseMs` between steps. A step locks
 * the events, and Chromium serves one database's transactions in turn: the background takes small
 * steps with pauses, so a page opened meanwhile waits for one short step, not for the rebuild.
 */
export async function refreshExportBlocks(
  db: HistoryDB,
  pace: { chunk?: number; pauseMs?: number; gate?: RebuildGate } = {},
): Promise<number> {
  const limits = { maxEvents: BLOCK_MAX_EVENTS, chunk: pace.chunk ?? REBUILD_CHUNK };
  const { gate } = pace;
  let steps = 0;
  for (;;) {
    await gate?.ready();
    let interrupted = false;
    let more: boolean;
    try {
      more = await refreshExportBlocksStep(db, limits, (abort) =>
        gate?.running(() => {
          interrupted = true;
          abort();
        }),
      );
    } catch (error) {
      // Stopped by the gate: rolled back, and run again once the gate opens.
      if (interrupted) continue;
      throw error;
    } finally {
      gate?.running(null);
    }
    if (!more) return steps;
    steps++;
    if (pace.pauseMs) await new Promise((resolve) => setTimeout(resolve, pace.pauseMs));
  }
}
