/**
 * What schema version 5's upgrade does to rows of version 4, computed the obvious way for the
 * migration tests: imported events leave `events` for `eventBlocks` (per UTC day, in key order,
 * EVENT_BLOCK per block, without ids); the export blocks of their days are dropped and the days
 * listed stale. Block ids depend on the order blocks were made in, so the tests compare blocks
 * without them (`withoutBlockIds`).
 */
import { EVENT_BLOCK } from '@/utils/db/event-store';
import type { StoredEvent } from '@/utils/db/types';

type Tables = Record<string, unknown[]>;
const DAY = 86_400_000;

interface State {
  rowsFrom: number | null;
  stale: number[];
  large: number[];
}

export function withEventBlocks(rows: Tables): Tables {
  const events = rows.events as StoredEvent[];
  const imported = events
    .filter((e) => e.imported)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byDay = new Map<number, StoredEvent[]>();
  for (const e of imported) {
    const day = Math.floor(e.time / DAY);
    const { id: _id, ...rest } = e;
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day)!.push(rest as StoredEvent);
  }
  const eventBlocks: unknown[] = [];
  for (const [day, list] of byDay)
    for (let i = 0; i < list.length; i += EVENT_BLOCK) {
      const part = list.slice(i, i + EVENT_BLOCK);
      eventBlocks.push({
        day,
        from: Math.min(...part.map((e) => e.time)),
        to: Math.max(...part.map((e) => e.time)),
        keys: part.map((e) => e.key),
        events: part,
      });
    }
  const days = [...byDay.keys()];
  const meta = (rows.meta ?? []) as { key: string; value: unknown }[];
  const prior = meta.find((m) => m.key === 'exportBlocks')?.value as State | undefined;
  const state = prior ?? { rowsFrom: null, stale: [], large: [] };
  const listed = days.filter((d) => state.rowsFrom === null || d < state.rowsFrom);
  const next: State = listed.length
    ? {
        rowsFrom: state.rowsFrom,
        stale: [...new Set([...state.stale, ...listed])].sort((a, b) => a - b),
        large: state.large.filter((d) => !days.includes(d)),
      }
    : state;
  const out: Tables = {
    ...rows,
    events: events.filter((e) => !e.imported),
    eventBlocks,
  };
  if (next !== state || prior)
    out.meta = [
      ...meta.filter((m) => m.key !== 'exportBlocks'),
      { key: 'exportBlocks', value: next },
    ];
  if (rows.exportBlocks && listed.length)
    out.exportBlocks = (rows.exportBlocks as { day: number }[]).filter(
      (b) => !listed.includes(b.day),
    );
  return out;
}

/** Blocks compared without their auto-increment ids. */
export function withoutBlockIds(table: string, rows: unknown[]): unknown[] {
  if (table !== 'eventBlocks') return rows;
  return rows.map((r) => {
    const { id: _id, ...rest } = r as { id?: number };
    return rest;
  });
}
