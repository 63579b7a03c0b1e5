/**
 * Background-only maintenance: rebuild the derived tables from the events (after a time-zone
 * change or a retention prune), apply retention, delete everything.
 */
import { writeScope, type HistoryDB } from './schema';
import { foldIntoConversations, foldIntoRollups, ROLLUP_TIME_ZONE } from './write';
import { deleteBefore, forEachPage } from './event-store';
import { foldImportDays } from './imports';

const CHUNK = 5_000;

/**
 * Recompute conversations and day rollups from the events, in `timeZone`, in one transaction
 * (readers see either the old or the new rollups, never a half-built state). Titles survive.
 */
export async function rebuildDerived(db: HistoryDB, timeZone: string): Promise<void> {
  await db.transaction('rw', writeScope(db), async () => {
    const titles = new Map<string, string>();
    await db.conversations.each((c) => {
      if (c.title) titles.set(c.id, c.title);
    });
    await Promise.all([
      db.dayTotals.clear(),
      db.dayConversations.clear(),
      db.conversations.clear(),
      db.importDays.clear(),
      db.spendMonths.clear(),
    ]);
    await db.meta.put({ key: ROLLUP_TIME_ZONE, value: timeZone });
    // Page by primary key (rows, then blocks): folding is order-independent, and sorting each
    // page by time keeps the day keyer's cache warm.
    await forEachPage(db, CHUNK, async (page) => {
      page.sort((a, b) => a.time - b.time);
      await foldIntoRollups(db, page, timeZone);
      await foldIntoConversations(db, page, titles);
      await foldImportDays(db, page, timeZone, 1);
    });
  });
}

/** The time zone the stored rollups were computed in (null when nothing was ever stored). */
export async function storedRollupTimeZone(db: HistoryDB): Promise<string | null> {
  const row = await db.meta.get(ROLLUP_TIME_ZONE);
  return typeof row?.value === 'string' ? row.value : null;
}

/** Delete events older than `cutoff` (epoch ms) and rebuild what was derived from them. */
export async function pruneBefore(
  db: HistoryDB,
  cutoff: number,
  timeZone: string,
): Promise<number> {
  const removed = await db.transaction('rw', writeScope(db), async () => deleteBefore(db, cutoff));
  if (removed > 0) await rebuildDerived(db, (await storedRollupTimeZone(db)) ?? timeZone);
  return removed;
}

/** Delete every row of every table (the user confirmed in the options page). */
export async function deleteEverything(db: HistoryDB): Promise<void> {
  await db.transaction('rw', writeScope(db), async () => {
    await Promise.all(writeScope(db).map((t) => t.clear()));
  });
}
