/**
 * The history database (IndexedDB via Dexie) in the extension's origin. Only the background
 * writes it; the popup and the options page read it directly (same origin) with live queries.
 *
 * Schema versions are append-only: a released entry of SCHEMA_VERSIONS is never edited. A new
 * version adds an entry with its `stores` changes and, when rows must change, a named upgrade
 * function; utils/db/__tests__/migrations.test.ts opens a database written by every earlier
 * version and checks that every row survives.
 */
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import type { DayConversation, DayTotal } from '@/utils/core/aggregate';
import {
  BLOCKS_STATE_KEY,
  blocksMiddleware,
  type BlocksState,
  type ExportBlock,
} from './export-blocks';
import { moveImportedRowsToBlocks, type EventBlockRow } from './event-store';
import { addDaysToMonths } from './spend-months';
import type {
  ConversationRow,
  ImportDayRow,
  ImportFileRow,
  MetaRow,
  SpendMonthRow,
  StoredEvent,
} from './types';

export const DB_NAME = 'token-meter-history';

export interface SchemaVersion {
  version: number;
  /** What changed, for the reader of this list. */
  description: string;
  /** Dexie store specs added or changed in this version (null deletes a table). */
  stores: Record<string, string | null>;
  /** Named row upgrade, run once when a database of an earlier version is opened. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    description: 'events with a unique idempotency key; conversations; daily rollups; meta',
    stores: {
      events: '++id, &key, time, conversation',
      conversations: '&id, lastSeen',
      dayTotals: '&id, day',
      dayConversations: '&id, day',
      meta: '&key',
    },
  },
  {
    version: 2,
    description:
      'imported usage (agents, aggregators, API reports): events may carry `imported`; importDays rolls them up by day, source, agent, project and model; importFiles lists the files read to their end. Version 1 rows need no change (a chat turn has no `imported`).',
    stores: {
      importDays: '&id, day',
      importFiles: '&id',
    },
  },
  {
    version: 3,
    description:
      'spendMonths: the day rollups summed by calendar month, source, agent, project and model (a whole month or all time in a few rows per month); built on upgrade from the stored dayTotals and importDays rows.',
    stores: {
      spendMonths: '&id, month',
    },
    upgrade: buildSpendMonths,
  },
  {
    version: 4,
    description:
      "exportBlocks: each UTC day's events as the CSV export's columns in one row (typed arrays and a string table), derived from the events and rebuilt by the background; the meta row `exportBlocks` lists the days read from the events instead. An upgraded database with events starts with no blocks (every day read from the events until built).",
    stores: {
      exportBlocks: '&day',
    },
    upgrade: startExportBlocks,
  },
  {
    version: 5,
    description:
      'eventBlocks: imported events (every event with `imported`) stored EVENT_BLOCK per row, one UTC day per row, with their idempotency keys in a multiEntry index; chat turns stay rows of `events`. The upgrade moves every imported event out of `events` into blocks (the export blocks of their days are marked stale).',
    stores: {
      eventBlocks: '++id, day, *keys',
    },
    upgrade: moveImportedEvents,
  },
];

/** Version 5's upgrade: every imported event from `events` into `eventBlocks`. */
async function moveImportedEvents(tx: Transaction): Promise<void> {
  const tables = { events: tx.table('events'), eventBlocks: tx.table('eventBlocks') };
  await moveImportedRowsToBlocks(tables as unknown as HistoryDB);
}

/** Version 3's upgrade: fold every stored day rollup row into the month rollup. */
async function buildSpendMonths(tx: Transaction): Promise<void> {
  const [chat, imports] = await Promise.all([
    tx.table<DayTotal, string>('dayTotals').toArray(),
    tx.table<ImportDayRow, string>('importDays').toArray(),
  ]);
  const months = new Map<string, SpendMonthRow>();
  addDaysToMonths(months, chat, imports);
  await tx.table<SpendMonthRow, string>('spendMonths').bulkPut([...months.values()]);
}

/** Version 4's upgrade: no block is built yet; every day is read from the events until built. */
async function startExportBlocks(tx: Transaction): Promise<void> {
  if ((await tx.table('events').count()) === 0) return;
  const value: BlocksState = { rowsFrom: 0, stale: [], large: [] };
  await tx.table<MetaRow, string>('meta').put({ key: BLOCKS_STATE_KEY, value });
}

export class HistoryDB extends Dexie {
  events!: Table<StoredEvent, number>;
  conversations!: Table<ConversationRow, string>;
  dayTotals!: Table<DayTotal, string>;
  dayConversations!: Table<DayConversation, string>;
  meta!: Table<MetaRow, string>;
  importDays!: Table<ImportDayRow, string>;
  importFiles!: Table<ImportFileRow, string>;
  spendMonths!: Table<SpendMonthRow, string>;
  exportBlocks!: Table<ExportBlock, number>;
  eventBlocks!: Table<EventBlockRow, number>;

  constructor(name = DB_NAME, options?: DexieOptions, versions = SCHEMA_VERSIONS) {
    super(name, options);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    // Every write of events (rows or blocks) marks the export blocks of its days stale, in its own transaction.
    if (versions.some((v) => 'exportBlocks' in v.stores)) this.use(blocksMiddleware);
  }
}

let shared: HistoryDB | undefined;

/** The extension's one database handle (pages and background each hold one). */
export function historyDb(): HistoryDB {
  shared ??= new HistoryDB();
  return shared;
}

/** The writers' tables, in one list so every write transaction locks the same scope. */
export function writeScope(db: HistoryDB) {
  return [
    db.events,
    db.conversations,
    db.dayTotals,
    db.dayConversations,
    db.meta,
    db.importDays,
    db.importFiles,
    db.spendMonths,
    db.exportBlocks,
    db.eventBlocks,
  ];
}
