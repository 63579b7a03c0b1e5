/**
 * The history's revision: a number that moves whenever a write to the stored events (chat rows
 * or imported blocks) commits, in this context or another of the extension's (Dexie's global
 * `storagemutated` event: fired here when a write transaction commits, and relayed from other
 * pages and workers of the origin by a BroadcastChannel). An answer computed from the events at
 * one revision holds while the revision is the same: the background keys its caches on it.
 *
 * Any database counts (the extension has one; tests open many): a write elsewhere only costs a
 * cache a recomputation.
 */
import Dexie, { type ObservabilitySet } from 'dexie';

/** The tables whose rows are events (event-store.ts). */
const EVENT_TABLES = new Set(['events', 'eventBlocks']);

let revision = 0;
let listening = false;

/** Whether a committed write touched event tables (parts are `idb://<db>/<table>/<index>`). */
function touchesEvents(parts: ObservabilitySet): boolean {
  for (const part of Object.keys(parts)) {
    // `all`: Dexie could not say what changed (a page restored from the back-forward cache).
    if (part === 'all') return true;
    const path = part.split('/');
    if (part.startsWith('idb://') && EVENT_TABLES.has(path[path.length - 2])) return true;
  }
  return false;
}

/**
 * The current revision. The first call starts listening: writes before it cannot matter, as no
 * answer was computed from the events yet. Read it before reading the events, so a write that
 * commits during the read moves it past the answer's.
 */
export function historyRevision(): number {
  if (!listening) {
    listening = true;
    Dexie.on('storagemutated', (parts) => {
      if (touchesEvents(parts)) revision++;
    });
  }
  return revision;
}
