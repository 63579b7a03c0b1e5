/**
 * Reading the turns: from the per-element cache unless a mutation marked the element, in time
 * slices on a long page. An unchanged turn is handed over as the same object, so the meter can
 * skip it by identity.
 */
import type { SiteAdapter, Turn, TurnNode, TurnText } from '@/utils/sites/types';
import { clock, SLICE_MS, yieldToPage } from '../slice';
import { contain } from './contain';
import type { RunnerState } from './state';

/**
 * A read of every turn, in steps: each `step()` reads until its slice's time is up and returns
 * true once all turns are read. One step (no yield, synchronous) is enough unless many turns
 * are new. `changed`: elements to re-read even if cached.
 */
/**
 * Turns read in every slice before the clock is asked: a small page is read in one go even when
 * the machine is busy (a preempted thread would otherwise cut it after the first turn), and a
 * slice still ends within a few turns of its budget on a long page.
 */
const MIN_READS_PER_SLICE = 16;

export function turnReader(
  adapter: SiteAdapter,
  doc: Document,
  st: RunnerState,
  changed: Set<Element>,
  errors: string[],
) {
  const nodes = contain<TurnNode[]>('turns', () => adapter.listTurns(doc), [], errors);
  const turns: Turn[] = new Array(nodes.length);
  let i = 0;
  return {
    turns,
    step(): boolean {
      const sliceStart = clock();
      let reads = 0;
      for (; i < nodes.length; i++) {
        const node = nodes[i];
        // The cache is read from the state each time: a navigation may replace it meanwhile.
        let entry = changed.has(node.el) ? undefined : st.textCache.get(node.el);
        if (!entry) {
          if (reads >= MIN_READS_PER_SLICE && clock() - sliceStart > SLICE_MS) return false;
          reads++;
          st.stats.turnReads++;
          const text = contain<TurnText>(
            'turn text',
            () => adapter.readTurn(node),
            { text: '', thinking: '' },
            errors,
          );
          entry = { text, turn: { role: node.role, ...text } };
          st.textCache.set(node.el, entry);
        } else if (entry.turn.role !== node.role) {
          entry = { text: entry.text, turn: { role: node.role, ...entry.text } };
          st.textCache.set(node.el, entry);
        }
        turns[i] = entry.turn;
      }
      return true;
    },
  };
}

/**
 * Finish a read whose first step ran out of time: the page runs between slices. False when
 * `cancelled()` became true during a pause (the runner stopped). A read that fits in one step
 * never comes here, so a small page is read synchronously.
 */
export async function finishRead(
  reader: ReturnType<typeof turnReader>,
  cancelled: () => boolean,
): Promise<boolean> {
  do {
    await yieldToPage();
    if (cancelled()) return false;
  } while (!reader.step());
  return true;
}
