/**
 * The popup's "this week on another model" (utils/background/history/reprice-cache.ts): the
 * background's answer for the week on DeepSeek, with 100k stored events (a year of chat turns,
 * ~1,900 in the week) and 1M (a heavy agent user: the dashboard bench's mix of chat turns and
 * imported agent usage in blocks, ~19,000 in the week), in Node on fake-indexeddb.
 *
 * Rows: the first request (nothing kept: read the week, re-price each event), and the popup's
 * next opening (the same week, `end` a little later, nothing written since: the answer kept).
 * The baseline, measured in the same run, is the computation as it was before: the week read,
 * then each event priced by priceUsage with the card resolved per event, at every request. The re-pricing
 * alone (the events already in memory) is printed too. Both answers must agree to the micro-USD.
 */
import 'fake-indexeddb/auto';
import {
  createRepriceCache,
  repriceRange,
  repriceSource,
  type RepriceInputs,
} from '../../utils/background/history/reprice-cache';
import { cardPriceFn, repriceEvents } from '../../utils/core/aggregate';
import { getBundledCard, priceUsage } from '../../utils/core/ratecard';
import { blocksOf, eventsBetween } from '../../utils/db/event-store';
import { HistoryDB } from '../../utils/db/schema';
import type { StoredEvent } from '../../utils/db/types';
import { generateEvents } from '../../utils/db/__tests__/generate';
import type { Req } from '../../utils/messaging';
import { generateHistory } from './dashboard-seed';
import type { BenchRow, BenchSuite } from './types';
import { median, timeMedian, timeOnce } from './stats';

const NOW = Date.UTC(2026, 5, 17, 15);
const TARGET = 'deepseek/deepseek-v3.2';
const card = getBundledCard();

/** The computation before the cache and the fast path: read, then priceUsage per event. */
async function before(inputs: RepriceInputs, req: Req<'repriceHistory'>) {
  const events = await eventsBetween(inputs.db, req.start, req.end);
  return repriceEvents(events.map(repriceSource), TARGET, 'latin', (m, usage, at) => {
    const r = priceUsage(card, m, usage, { overrides: {}, at: at ?? inputs.now });
    return r.priced && r.currency === 'USD' ? r.costMicros : null;
  });
}

/** Store the history (made here so it can be collected once stored: 1M events weigh ~2 GB). */
async function seed(db: HistoryDB, make: () => StoredEvent[]): Promise<void> {
  const events = make();
  const rows = events.filter((e) => !e.imported);
  for (let i = 0; i < rows.length; i += 20_000) await db.events.bulkAdd(rows.slice(i, i + 20_000));
  const blocks = blocksOf(events.filter((e) => e.imported));
  for (let i = 0; i < blocks.length; i += 500)
    await db.eventBlocks.bulkAdd(blocks.slice(i, i + 500));
}

/** The rows for one history size. */
async function measure(label: string, make: () => StoredEvent[]): Promise<BenchRow[]> {
  const db = new HistoryDB(`bench-reprice-${label}-${Date.now()}`);
  await seed(db, make);
  const inputs: RepriceInputs = { db, card, overrides: {}, now: NOW };
  const req = { model: TARGET, profile: 'latin' as const, start: NOW - 7 * 86_400_000, end: NOW };
  const cache = createRepriceCache();
  const [coldMs] = await timeOnce(() => cache.answer(inputs, req));
  const firsts: number[] = [];
  const baselines: number[] = [];
  let answer = await cache.answer(inputs, req);
  for (let i = 0; i < 5; i++) {
    cache.clear();
    firsts.push((await timeOnce(() => cache.answer(inputs, { ...req, end: NOW + i })))[0]);
    const [ms, old] = await timeOnce(() => before(inputs, { ...req, end: NOW + i }));
    baselines.push(ms);
    answer = await cache.answer(inputs, req);
    if (old.costMicroUsd !== answer.costMicroUsd || old.events !== answer.events)
      throw new Error(`${label}: the cached path and the baseline disagree`);
  }
  const kept: number[] = [];
  for (let i = 0; i < 15; i++)
    kept.push((await timeOnce(() => cache.answer(inputs, { ...req, end: NOW + 60_000 * i })))[0]);
  const week = await eventsBetween(db, req.start, req.end);
  const price = () =>
    repriceEvents(week.map(repriceSource), TARGET, 'latin', cardPriceFn(card, { now: NOW }));
  const priceBefore = () =>
    repriceEvents(week.map(repriceSource), TARGET, 'latin', (m, usage, at) => {
      const r = priceUsage(card, m, usage, { overrides: {}, at });
      return r.priced ? r.costMicros : null;
    });
  if (price().costMicroUsd !== (await repriceRange(inputs, req)).costMicroUsd)
    throw new Error(`${label}: re-pricing in memory differs from the background's`);
  const baseline = { label: 'before: read + priceUsage per event', value: median(baselines) };
  const name = `${label} stored, ${answer.events} in the week`;
  await db.delete();
  return [
    {
      name: `reprice the week, ${name}: first request`,
      value: median(firsts),
      unit: 'ms',
      baseline,
    },
    { name: `  the very first (cold code)`, value: coldMs, unit: 'ms' },
    {
      name: `  next opening (end moved, answer kept), median of 15`,
      value: median(kept),
      unit: 'ms',
      baseline,
    },
    {
      name: `  re-pricing alone (events in memory), median of 5`,
      value: timeMedian(5, price),
      unit: 'ms',
      baseline: { label: 'priceUsage per event', value: timeMedian(5, priceBefore) },
    },
  ];
}

const suite: BenchSuite = {
  title: 'Re-price the week on another model (fake-indexeddb in Node)',
  async run() {
    const rows = await measure('100k', () =>
      generateEvents(100_000, { end: NOW, days: 365, seed: 7 }),
    );
    rows.push(...(await measure('1M', () => generateHistory(1_000_000, NOW, 365, 7, 0, 0))));
    return rows;
  },
};
export default suite;
